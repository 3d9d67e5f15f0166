"""Core messages of the nurse's home, patient finder, history and printed visit summary.

Key -> (kk, ru, en), registered in :mod:`kiosk.i18n`. These texts come from Qt-free models
(quarantine reasons, score bands, vital names, the printed summary, which is in the
*patient's* language rather than the screen's), so they live here, not in the Qt
catalogues.
"""

from __future__ import annotations

_KINDS: dict[str, tuple[str, str, str]] = {
    "screens.kind.register-patient": ("Пациентті тіркеу", "Регистрация пациента", "Patient record"),
    "screens.kind.register-device": ("Құрылғыны тіркеу", "Регистрация прибора", "Device record"),
    "screens.kind.encounter": ("Қабылдау", "Приём", "Visit"),
    "screens.kind.consult": ("Кеңес сұрауы", "Запрос консультации", "Consultation request"),
    "screens.kind.binary": ("Фото", "Фото", "Photo"),
}

_SYNC: dict[str, tuple[str, str, str]] = {
    "screens.quarantine.server": (
        "{kind}: сервер қабылдамады (HTTP {status}): {reason}",
        "{kind}: отклонено сервером (HTTP {status}): {reason}",
        "{kind}: rejected by the server (HTTP {status}): {reason}",
    ),
    "screens.quarantine.conflict": (
        "{kind}: серверде басқа нұсқа бар (HTTP {status}); техник салыстыруы керек: {reason}",
        "{kind}: на сервере другая версия (HTTP {status}); технику нужно сравнить: {reason}",
        "{kind}: the server holds another version (HTTP {status}); "
        "a technician must compare: {reason}",
    ),
    "screens.quarantine.local": (
        "{kind}: жіберілмеді, жазба киосктың өз тексеруінен өтпеді: {reason}",
        "{kind}: не отправлено, запись не прошла проверку киоска: {reason}",
        "{kind}: not sent, the record failed the kiosk's own check: {reason}",
    ),
    "screens.quarantine.no_reason": (
        "себебі көрсетілмеген",
        "причина не указана",
        "no reason given",
    ),
    "screens.alert.quarantined": (
        "Тоқтатылған жазбалар: {count}. Техникке хабарлаңыз.",
        "Задержано записей: {count}. Сообщите технику.",
        "Held back: {count} item(s). Tell the technician.",
    ),
    "screens.alert.sync_error": (
        "Соңғы синхрондау сәтсіз: {error}",
        "Последняя синхронизация не удалась: {error}",
        "The last sync failed: {error}",
    ),
    "screens.sync_error.AUTH": (
        "сервер киосктың кілтін қабылдамады",
        "сервер не принял учётные данные киоска",
        "the server refused the kiosk's credentials",
    ),
    "screens.sync_error.NETWORK": (
        "сервермен байланыс жоқ",
        "нет связи с сервером",
        "no connection to the server",
    ),
    "screens.sync_error.REJECTED": (
        "сервер кейбір жазбаларды қабылдамады",
        "сервер отклонил часть записей",
        "the server refused some records",
    ),
    "screens.sync_error.CONFIG": (
        "сервер мекенжайы қате сияқты",
        "адрес сервера, похоже, неверен",
        "the server address looks wrong",
    ),
    "screens.sync_error.TLS": (
        "сервердің сертификатына сенім жоқ (техникке хабарлаңыз)",
        "сертификату сервера нет доверия (сообщите технику)",
        "the server's certificate is not trusted (tell the technician)",
    ),
    "screens.sync_error.TOO_LARGE": (
        "сервердің жауабы тым үлкен болды (техникке хабарлаңыз)",
        "ответ сервера оказался слишком большим (сообщите технику)",
        "the server's answer was too large (tell the technician)",
    ),
    "screens.sync_error.BUSY": (
        "басқа синхрондау жүріп жатты",
        "шла другая синхронизация",
        "another sync was running",
    ),
    "screens.alert.device": (
        "{device}: байланыс жоқ ({reason})",
        "{device}: нет связи ({reason})",
        "{device}: not connected ({reason})",
    ),
    "screens.alert.device_no_reason": (
        "{device}: байланыс жоқ",
        "{device}: нет связи",
        "{device}: not connected",
    ),
    "screens.alert.consult_answered": (
        "{specialty}: кеңеске жауап келді",
        "{specialty}: пришёл ответ на консультацию",
        "{specialty}: the consultation is answered",
    ),
    "screens.alert.consult_overdue": (
        "{specialty}: кеңес жауабы кешікті",
        "{specialty}: ответ на консультацию просрочен",
        "{specialty}: the consultation answer is overdue",
    ),
}

_BANDS: dict[str, tuple[str, str, str]] = {
    "screens.band.low": ("Төмен қауіп", "Низкий риск", "Low risk"),
    "screens.band.low-medium": ("Төмен-орташа қауіп", "Низкий-средний риск", "Low-medium risk"),
    "screens.band.medium": ("Орташа қауіп", "Средний риск", "Medium risk"),
    "screens.band.high": ("Жоғары қауіп", "Высокий риск", "High risk"),
    "screens.band.incomplete": ("Толық емес", "Неполный", "Incomplete"),
    "screens.band.none": ("Бағаланбайды", "Не оценивается", "Not scored"),
    "screens.band.imci": ("IMCI (5 жасқа дейін)", "IMCI (до 5 лет)", "IMCI (under 5)"),
    "screens.advice.low": (
        "Бақылау: кемінде 12 сағат сайын (0 ұпай) немесе 4-6 сағат сайын.",
        "Наблюдение: не реже чем каждые 12 ч (0 баллов) или каждые 4-6 ч.",
        "Monitor at least every 12 h (score 0) or every 4-6 h.",
    ),
    "screens.advice.low-medium": (
        "Кемінде сағат сайын бақылау; дәрігер шұғыл қарауы керек.",
        "Наблюдение не реже раза в час; срочный осмотр врачом.",
        "Observe at least hourly; urgent review by a clinician.",
    ),
    "screens.advice.medium": (
        "Кемінде сағат сайын бақылау; дәрігер шұғыл қарауы керек.",
        "Наблюдение не реже раза в час; срочный осмотр врачом.",
        "Observe at least hourly; urgent review by a clinician.",
    ),
    "screens.advice.high": (
        "Үздіксіз бақылау; шұғыл бағалау; ауруханаға жеткізуді шешіңіз.",
        "Непрерывное наблюдение; экстренная оценка; решите вопрос о переводе.",
        "Continuous monitoring; emergency assessment; consider transfer.",
    ),
}

_VITALS: dict[str, tuple[str, str, str]] = {
    "screens.vital.spo2": ("Қандағы оттегі (SpO2)", "Сатурация (SpO2)", "Oxygen saturation (SpO2)"),
    "screens.vital.pulse_rate": ("Пульс", "Пульс", "Pulse"),
    "screens.vital.heart_rate": ("Жүрек соғысы", "ЧСС", "Heart rate"),
    "screens.vital.systolic_bp": ("Систолалық қысым", "Систолическое давление", "Systolic BP"),
    "screens.vital.diastolic_bp": ("Диастолалық қысым", "Диастолическое давление", "Diastolic BP"),
    "screens.vital.mean_bp": ("Орташа қысым", "Среднее давление", "Mean BP"),
    "screens.vital.body_temp": ("Дене қызуы", "Температура тела", "Temperature"),
    "screens.vital.resp_rate": ("Тыныс алу жиілігі", "Частота дыхания", "Respiratory rate"),
    "screens.vital.body_weight": ("Салмақ", "Вес", "Weight"),
    "screens.vital.body_height": ("Бой", "Рост", "Height"),
    "screens.vital.bmi": ("Дене салмағының индексі", "Индекс массы тела", "Body mass index"),
    "screens.vital.body_fat": ("Май үлесі", "Доля жира", "Body fat"),
    "screens.vital.glucose": ("Қандағы глюкоза", "Глюкоза крови", "Blood glucose"),
    "screens.vital.perfusion_index": ("Перфузия индексі", "Индекс перфузии", "Perfusion index"),
    "screens.vital.lab": ("Зертхана", "Лаборатория", "Laboratory"),
    "screens.unit.mm[Hg]": ("мм с.б.", "мм рт. ст.", "mmHg"),
    "screens.unit./min": ("/мин", "/мин", "/min"),
    "screens.unit.kg": ("кг", "кг", "kg"),
    "screens.unit.cm": ("см", "см", "cm"),
    "screens.unit.kg/m2": ("кг/м²", "кг/м²", "kg/m²"),
    "screens.unit.mmol/L": ("ммоль/л", "ммоль/л", "mmol/L"),
}

_SUMMARY: dict[str, tuple[str, str, str]] = {
    "screens.summary.title": ("Қабылдау қорытындысы", "Сводка приёма", "Visit summary"),
    "screens.summary.patient": ("Пациент", "Пациент", "Patient"),
    "screens.summary.name": ("Аты-жөні", "ФИО", "Name"),
    "screens.summary.number": ("Нөмірі", "Номер", "Number"),
    "screens.summary.assessment": ("Бағалау", "Оценка", "Assessment"),
    "screens.summary.reason": ("Қаралу себебі", "Причина обращения", "Reason for the visit"),
    "screens.summary.birth_date": ("Туған күні", "Дата рождения", "Birth date"),
    "screens.summary.estimated": ("шамамен", "приблизительно", "estimated"),
    "screens.summary.age": ("Жасы", "Возраст", "Age"),
    "screens.summary.sex": ("Жынысы", "Пол", "Sex"),
    "screens.summary.iin": ("ЖСН", "ИИН", "IIN"),
    "screens.summary.visit": ("Қабылдау", "Приём", "Visit"),
    "screens.summary.date": ("Күні мен уақыты", "Дата и время", "Date and time"),
    "screens.summary.vitals": ("Көрсеткіштер", "Показатели", "Vital signs"),
    "screens.summary.score": ("NEWS2 ұпайы", "Балл NEWS2", "NEWS2 score"),
    "screens.summary.score_value": (
        "{total} ұпай — {band}",
        "{total} балл. — {band}",
        "{total} points — {band}",
    ),
    "screens.summary.score_missing": (
        "толық емес: жоқ — {missing}",
        "неполный: нет — {missing}",
        "incomplete: missing {missing}",
    ),
    "screens.summary.complaints": ("Шағымдар", "Жалобы", "Complaints"),
    "screens.summary.notes": ("Ескертпелер", "Заметки", "Notes"),
    "screens.summary.consult": ("Маман жауабы", "Ответ специалиста", "Specialist's answer"),
    "screens.summary.photos": ("Фотолар", "Фотографии", "Photos"),
    "screens.summary.none": ("жоқ", "нет", "none"),
    "screens.summary.manual": ("қолмен енгізілген", "введено вручную", "typed in"),
    "screens.summary.footer": (
        "басылған уақыты:",
        "напечатано:",
        "printed:",
    ),
    "screens.param.air_or_oxygen": ("Ауа немесе оттегі", "Воздух или кислород", "Air or oxygen"),
    "screens.param.consciousness": ("Сана (ACVPU)", "Сознание (ACVPU)", "Consciousness (ACVPU)"),
    "screens.imci.urgent_referral": (
        "Қауіп белгілері: шұғыл жолдама қажет",
        "Признаки опасности: нужно срочное направление",
        "Danger signs: urgent referral needed",
    ),
    "screens.imci.fast_breathing": (
        "Жиі тыныс алу (шегі {threshold} /мин)",
        "Учащённое дыхание (порог {threshold} /мин)",
        "Fast breathing (threshold {threshold} /min)",
    ),
    "screens.imci.no_signs": (
        "Қауіп белгілері мен жиі тыныс алу жоқ",
        "Признаков опасности и учащённого дыхания нет",
        "No danger signs, no fast breathing",
    ),
    "screens.sex.male": ("ер", "мужской", "male"),
    "screens.sex.female": ("әйел", "женский", "female"),
    "screens.sex.other": ("басқа", "другой", "other"),
    "screens.sex.unknown": ("белгісіз", "не указан", "unknown"),
}

_FINDER: dict[str, tuple[str, str, str]] = {
    "screens.iin.length": (
        "ЖСН 12 цифрдан тұрады.",
        "ИИН состоит из 12 цифр.",
        "An IIN has 12 digits.",
    ),
    "screens.iin.not_digits": (
        "ЖСН-да тек цифрлар болады.",
        "В ИИН только цифры.",
        "An IIN has digits only.",
    ),
    "screens.iin.century": (
        "ЖСН-ның 7-цифры 1-6 болуы керек.",
        "7-я цифра ИИН должна быть от 1 до 6.",
        "The 7th digit of an IIN must be 1 to 6.",
    ),
    "screens.iin.date": (
        "ЖСН-ның алғашқы 6 цифры нақты күн емес.",
        "Первые 6 цифр ИИН не являются датой.",
        "The first 6 digits of the IIN are not a real date.",
    ),
    "screens.iin.checksum": (
        "ЖСН-ның бақылау цифры сәйкес келмейді: қатені тексеріңіз.",
        "Контрольная цифра ИИН не сходится: проверьте на опечатку.",
        "The IIN's check digit does not match: look for a typo.",
    ),
    "screens.iin.no_valid_check_digit": (
        "Мұндай 11 цифрмен дұрыс ЖСН болмайды.",
        "С такими 11 цифрами верного ИИН не бывает.",
        "No valid IIN starts with these 11 digits.",
    ),
    "screens.iin.ok": (
        "ЖСН дұрыс: {birth_date}, {sex}.",
        "ИИН верен: {birth_date}, {sex}.",
        "The IIN is valid: {birth_date}, {sex}.",
    ),
    "screens.age.estimated": (
        "Туған күні шамамен: {birth_date} (жазбада «шамамен» деп белгіленеді).",
        "Дата рождения примерно: {birth_date} (в записи будет отмечено «приблизительно»).",
        "Estimated birth date: {birth_date} (marked as estimated in the record).",
    ),
    "screens.age.unreadable": (
        "Жасын түсіну мүмкін емес: мысалы «45» немесе «шамамен 45».",
        "Возраст не распознан: например «45» или «примерно 45».",
        "The age is not understood: for example “45” or “about 45”.",
    ),
    "screens.birth.unreadable": (
        "Туған күнін түсіну мүмкін емес: КК.АА.ЖЖЖЖ немесе ЖЖЖЖ-АА-КК.",
        "Дата рождения не распознана: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.",
        "The birth date is not understood: DD.MM.YYYY or YYYY-MM-DD.",
    ),
}

SCREEN_MESSAGES: dict[str, tuple[str, str, str]] = {
    **_KINDS,
    **_SYNC,
    **_BANDS,
    **_VITALS,
    **_SUMMARY,
    **_FINDER,
}
