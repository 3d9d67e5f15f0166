# ruff: noqa: E501  (translated sentences stay on one line each, as in kiosk/i18n.py)
"""Messages of the camera, the photo quality gate, photo storage and patient cards (merged
into :data:`kiosk.i18n.MESSAGES`; the same completeness test covers them).
key -> (kk, ru, en)."""

from __future__ import annotations

MEDIA_MESSAGES: dict[str, tuple[str, str, str]] = {
    "media.no_camera": (
        "Камера табылмады ({source}). Камераның кабелін тексеріңіз немесе техникке хабарлаңыз.",
        "Камера не найдена ({source}). Проверьте кабель камеры или сообщите технику.",
        "No camera found ({source}). Check the camera's cable or tell the technician.",
    ),
    "media.camera_bad_folder": (
        "Қалтада нөмірленген суреттер жоқ (frame_000.png …): {source}",
        "В папке нет пронумерованных изображений (frame_000.png …): {source}",
        "The folder has no numbered images (frame_000.png …): {source}",
    ),
    "media.verdict.ok": (
        "Сурет анық әрі жақсы жарықталған.",
        "Снимок чёткий и хорошо освещён.",
        "The photo is sharp and well lit.",
    ),
    "media.verdict.blurry": (
        "Сурет бұлыңғыр. Камераны қозғалтпай ұстап, қайта түсіріңіз.",
        "Снимок размыт. Держите камеру неподвижно и переснимите.",
        "The photo is blurred. Hold the camera still and take it again.",
    ),
    "media.verdict.too-dark": (
        "Сурет тым қараңғы. Жарықты қосып, қайта түсіріңіз.",
        "Снимок слишком тёмный. Включите свет и переснимите.",
        "The photo is too dark. Turn on a light and take it again.",
    ),
    "media.verdict.too-bright": (
        "Сурет тым жарық немесе жарқырайды. Жарықтан бұрып, қайта түсіріңіз.",
        "Снимок пересвечен или бликует. Отверните от света и переснимите.",
        "The photo is too bright or has glare. Turn away from the light and take it again.",
    ),
    "media.reason_required": (
        "Сапасы төмен суретті ({verdict}) сақтау үшін себебін жазыңыз.",
        "Чтобы сохранить снимок плохого качества ({verdict}), укажите причину.",
        "To keep a poor photo ({verdict}) anyway, write down why.",
    ),
    "media.note_too_long": (
        "Мәтін тым ұзын (ең көбі {limit} таңба).",
        "Текст слишком длинный (не более {limit} знаков).",
        "The text is too long (at most {limit} characters).",
    ),
    "media.bad_body_site": (
        "Дене аймағы белгісіз: {site}",
        "Неизвестная область тела: {site}",
        "Unknown body site: {site}",
    ),
    "media.write_failed": (
        "Суретті жазу мүмкін болмады ({reason}). Ештеңе жартылай сақталған жоқ.",
        "Не удалось записать снимок ({reason}). Ничего не сохранено наполовину.",
        "The photo could not be written ({reason}). Nothing was half-saved.",
    ),
    "media.saved": ("Сурет сақталды.", "Снимок сохранён.", "Photo saved."),
    "media.not_found": (
        "Сурет табылмады: {media_id}",
        "Снимок не найден: {media_id}",
        "No such photo: {media_id}",
    ),
    "media.bad_image": (
        "Суретті оқу мүмкін емес: {path}",
        "Не удаётся прочитать изображение: {path}",
        "Cannot read the image: {path}",
    ),
    "media.check_line": (
        "Анықтық {sharpness} (ең азы {min_sharpness}), жарықтық {mean} ({min_mean}–{max_mean}), өлшемі {width}×{height}",
        "Резкость {sharpness} (не менее {min_sharpness}), яркость {mean} ({min_mean}–{max_mean}), размер {width}×{height}",
        "Sharpness {sharpness} (at least {min_sharpness}), brightness {mean} ({min_mean}–{max_mean}), size {width}×{height}",
    ),
    "media.site.head": ("Бас", "Голова", "Head"),
    "media.site.face": ("Бет", "Лицо", "Face"),
    "media.site.eye": ("Көз", "Глаз", "Eye"),
    "media.site.ear": ("Құлақ", "Ухо", "Ear"),
    "media.site.mouth": ("Ауыз", "Рот", "Mouth"),
    "media.site.throat": ("Тамақ (жұтқыншақ)", "Горло (глотка)", "Throat"),
    "media.site.neck": ("Мойын", "Шея", "Neck"),
    "media.site.chest": ("Кеуде", "Грудная клетка", "Chest"),
    "media.site.abdomen": ("Іш", "Живот", "Abdomen"),
    "media.site.back": ("Арқа", "Спина", "Back"),
    "media.site.arm": ("Қол", "Рука", "Arm"),
    "media.site.hand": ("Қол басы", "Кисть", "Hand"),
    "media.site.leg": ("Аяқ", "Нога", "Leg"),
    "media.site.foot": ("Табан", "Стопа", "Foot"),
    "media.site.skin": ("Тері", "Кожа", "Skin"),
    "card.title": ("Науқас картасы", "Карта пациента", "Patient card"),
    "card.born": ("Туған күні: {date}", "Дата рождения: {date}", "Born: {date}"),
    "card.written": (
        "Науқас картасы жазылды: {path}",
        "Карта пациента записана: {path}",
        "Patient card written: {path}",
    ),
    "card.no_font": (
        "Кириллица қарпі табылмады. fonts-dejavu-core орнатыңыз немесе {env} айнымалысында TrueType қарпін көрсетіңіз.",
        "Не найден шрифт с кириллицей. Установите fonts-dejavu-core или укажите шрифт TrueType в переменной {env}.",
        "No font with Cyrillic letters. Install fonts-dejavu-core or name a TrueType font in {env}.",
    ),
    "card.bad_format": (
        "Карта тек .png немесе .pdf болып сақталады (берілгені: {suffix}).",
        "Карта сохраняется только как .png или .pdf (указано: {suffix}).",
        "A card is written as .png or .pdf only (got {suffix}).",
    ),
    "card.not_found": (
        "Суретте науқас картасы табылмады. Картаны камераға жақындатып, түзу ұстаңыз.",
        "На снимке не найдена карта пациента. Поднесите карту ближе к камере и держите ровно.",
        "No patient card in the picture. Hold the card closer to the camera and straight.",
    ),
    "card.bad_check": (
        "Карта коды бүлінген (бақылау саны сәйкес емес). Науқасты аты бойынша іздеңіз.",
        "Код карты повреждён (контрольное число не совпадает). Найдите пациента по имени.",
        "The card's code is damaged (check value mismatch). Find the patient by name.",
    ),
    "card.not_ours": (
        "Бұл QR-код Dala науқас картасы емес.",
        "Этот QR-код не является картой пациента Dala.",
        "This QR code is not a Dala patient card.",
    ),
    "card.unknown_patient": (
        "Карта оқылды, бірақ бұл киоскіде мұндай науқас жоқ: {patient_id}",
        "Карта прочитана, но такого пациента нет на этом киоске: {patient_id}",
        "The card was read, but this kiosk has no such patient: {patient_id}",
    ),
}
