"""Translation of the core's user-facing messages (kk, ru, en), without Qt.

Errors and CLI messages carry a key; this module turns it into text in the chosen language.
The UI translates its own widgets with Qt Linguist catalogues (``ui/i18n``) and uses this
module for messages that come from the core. A test checks every key has all three
languages and the same placeholders in each.
"""

from __future__ import annotations

import os
import string
from typing import Any

from kiosk.bluetooth.messages import BLUETOOTH_MESSAGES
from kiosk.i18n_access import ACCESS_MESSAGES
from kiosk.i18n_consults import CONSULT_MESSAGES
from kiosk.i18n_drivers import DRIVER_MESSAGES
from kiosk.i18n_media import MEDIA_MESSAGES
from kiosk.i18n_ops import OPS_MESSAGES
from kiosk.i18n_records import RECORD_MESSAGES
from kiosk.i18n_review import REVIEW_MESSAGES
from kiosk.i18n_screens import SCREEN_MESSAGES
from kiosk.i18n_security import SECURITY_MESSAGES
from kiosk.i18n_visit import VISIT_MESSAGES

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "en"

_language = os.environ.get("KIOSK_LANG", DEFAULT_LANGUAGE)

# key -> (kk, ru, en)
MESSAGES: dict[str, tuple[str, str, str]] = {
    "store.disk_full": (
        "Дискте орын жоқ: деректер сақталмады. Ештеңе жоғалған жоқ; орын босатып, қайталаңыз.",
        "Нет места на диске: данные не сохранены. Ничего не потеряно; освободите место и повторите.",
        "The disk is full: nothing was saved. Nothing is lost; free some space and try again.",
    ),
    "store.read_only": (
        "Деректер қоймасы тек оқуға арналған: {path}. Техникке хабарлаңыз.",
        "Хранилище данных доступно только для чтения: {path}. Сообщите технику.",
        "The data store is read-only: {path}. Tell the technician.",
    ),
    "store.corrupt": (
        "Деректер қоймасы зақымдалған: {path}. Сақтық көшірмеден қалпына келтіріңіз.",
        "Хранилище данных повреждено: {path}. Восстановите из резервной копии.",
        "The data store is damaged: {path}. Restore it from a backup.",
    ),
    "store.too_new": (
        "Қойма бағдарламаның осы нұсқасынан жаңа (схема {found} > {known}). Бағдарламаны жаңартыңыз.",
        "Хранилище новее этой версии программы (схема {found} > {known}). Обновите программу.",
        "The store is newer than this program (schema {found} > {known}). Update the program.",
    ),
    "store.not_initialised": (
        "Қойма әлі құрылмаған: алдымен `kiosk init` іске қосыңыз ({path}).",
        "Хранилище ещё не создано: сначала выполните `kiosk init` ({path}).",
        "The store does not exist yet: run `kiosk init` first ({path}).",
    ),
    "store.failed": (
        "Деректерді сақтау мүмкін болмады ({reason}). Ештеңе жартылай жазылған жоқ.",
        "Не удалось сохранить данные ({reason}). Ничего не записано наполовину.",
        "The data could not be saved ({reason}). Nothing was half-written.",
    ),
    "patient.not_found": (
        "Пациент табылмады: {patient_id}",
        "Пациент не найден: {patient_id}",
        "No such patient: {patient_id}",
    ),
    "patient.name_required": (
        "Тегі мен аты қажет.",
        "Нужны фамилия и имя.",
        "Family name and given name are required.",
    ),
    "patient.bad_birth_date": (
        "Туған күні дұрыс емес: {value}. Пішім: ЖЖЖЖ-АА-КК, болашақта емес.",
        "Неверная дата рождения: {value}. Формат: ГГГГ-ММ-ДД, не в будущем.",
        "Invalid birth date: {value}. Use YYYY-MM-DD, not in the future.",
    ),
    "patient.birth_date_required": (
        "Туған күнін енгізіңіз (ЖЖЖЖ-АА-КК).",
        "Введите дату рождения (ГГГГ-ММ-ДД).",
        "Enter the birth date (YYYY-MM-DD).",
    ),
    "patient.field_too_long": (
        "«{field}» өрісі тым ұзын (ең көбі {limit} таңба).",
        "Поле «{field}» слишком длинное (не больше {limit} знаков).",
        "The field {field} is too long (at most {limit} characters).",
    ),
    "patient.bad_name_use": (
        "Атаудың түрі белгісіз: {use} (usual немесе official).",
        "Неизвестный вид имени: {use} (usual или official).",
        "Unknown kind of name: {use} (usual or official).",
    ),
    "patient.birth_date_or_age": (
        "Туған күнін немесе жасын енгізіңіз, екеуін бірге емес.",
        "Укажите дату рождения или возраст, но не то и другое сразу.",
        "Give the birth date or the age, not both.",
    ),
    "patient.bad_age": (
        "Жасы дұрыс емес: {value}. Мысалы: 42, 42y (жыл) немесе 8m (ай).",
        "Неверный возраст: {value}. Например: 42, 42y (лет) или 8m (месяцев).",
        "Invalid age: {value}. For example 42, 42y (years) or 8m (months).",
    ),
    "patient.bad_sex": (
        "Жынысы дұрыс емес: {value}. Қолданыңыз: male, female, other, unknown.",
        "Неверный пол: {value}. Используйте: male, female, other, unknown.",
        "Invalid sex: {value}. Use male, female, other or unknown.",
    ),
    "patient.bad_iin": (
        "ЖСН дұрыс емес ({reason}). 12 цифрды құжаттан қайта тексеріңіз.",
        "ИИН неверен ({reason}). Сверьте 12 цифр с документом.",
        "The IIN is not valid ({reason}). Check the 12 digits against the document.",
    ),
    "patient.bad_snils": (
        "СНИЛС дұрыс емес ({reason}). 11 цифрды құжаттан қайта тексеріңіз.",
        "СНИЛС неверен ({reason}). Сверьте 11 цифр с документом.",
        "The SNILS is not valid ({reason}). Check the 11 digits against the document.",
    ),
    "patient.bad_phone": (
        "Телефон нөмірінде цифр жоқ.",
        "В номере телефона нет цифр.",
        "The phone number has no digits.",
    ),
    "patient.iin_birth_date_mismatch": (
        "ЖСН-дағы туған күн енгізілген туған күнмен сәйкес келмейді.",
        "Дата рождения в ИИН не совпадает с введённой датой рождения.",
        "The birth date inside the IIN differs from the birth date typed.",
    ),
    "patient.iin_sex_mismatch": (
        "ЖСН-дағы жыныс енгізілген жыныспен сәйкес келмейді.",
        "Пол в ИИН не совпадает с указанным полом.",
        "The sex inside the IIN differs from the sex chosen.",
    ),
    "patient.snils_unchecked": (
        "СНИЛС нөмірі 001-001-998-ден аспайды: бақылау сомасы тексерілмеді.",
        "Номер СНИЛС не больше 001-001-998: контрольное число не проверялось.",
        "This SNILS is not above 001-001-998: it has no checksum to verify.",
    ),
    "patient.from_iin": (
        "Туған күні мен жынысы ЖСН-нан алынды.",
        "Дата рождения и пол взяты из ИИН.",
        "The birth date and sex were taken from the IIN.",
    ),
    "patient.duplicate_identifier": (
        "Бұл құжат нөмірі ({system}) басқа пациентте тіркелген. Сол пациентті ашыңыз.",
        "Этот номер документа ({system}) уже принадлежит другому пациенту. Откройте его карту.",
        "This identifier ({system}) already belongs to a registered patient. Open that record.",
    ),
    "patient.duplicate_name_birth_date": (
        "Аты-жөні мен туған күні бірдей пациент бар.",
        "Уже есть пациент с такими же именем и датой рождения.",
        "A patient with the same name and birth date is already registered.",
    ),
    "patient.duplicate_similar": (
        "Аты-жөні ұқсас пациент бар.",
        "Уже есть пациент с похожим именем.",
        "A patient with a similar name is already registered.",
    ),
    "patient.needs_confirmation": (
        "Тіркеу алдында {count} ескертуді тексеріп, растаңыз.",
        "Перед регистрацией проверьте и подтвердите предупреждения ({count}).",
        "Check and confirm {count} warning(s) before registering.",
    ),
    "patient.merge_reason_required": (
        "Біріктірудің себебін жазыңыз.",
        "Укажите причину объединения.",
        "Give the reason for the merge.",
    ),
    "patient.merge_same": (
        "Жазбаны өзімен біріктіруге болмайды.",
        "Нельзя объединить запись саму с собой.",
        "A record cannot be merged with itself.",
    ),
    "patient.already_merged": (
        "Бұл жазбалардың бірі бұрын біріктірілген.",
        "Одна из этих записей уже объединена с другой.",
        "One of these records has already been merged.",
    ),
    "patient.merge_conflicting_ids": (
        "Жазбалардың ұлттық нөмірлері әртүрлі: бұл екі түрлі адам болуы мүмкін.",
        "У записей разные национальные номера: вероятно, это два разных человека.",
        "The records carry different national identifiers: they are probably two people.",
    ),
    "patient.registered": (
        "Пациент тіркелді: {patient_id}",
        "Пациент зарегистрирован: {patient_id}",
        "Patient registered: {patient_id}",
    ),
    "patient.confirm_hint": (
        "Бәрібір тіркеу үшін: --force-duplicate (қайталану) немесе --accept-iin-mismatch (ЖСН).",
        "Чтобы всё равно зарегистрировать: --force-duplicate (дубликат) или --accept-iin-mismatch (ИИН).",
        "To register anyway: --force-duplicate (duplicates) or --accept-iin-mismatch (IIN).",
    ),
    "patient.no_results": (
        "Ештеңе табылмады.",
        "Ничего не найдено.",
        "No patient found.",
    ),
    "patient.merged": (
        "{replaced_id} жазбасы {keep_id} жазбасына біріктірілді.",
        "Запись {replaced_id} объединена с записью {keep_id}.",
        "Record {replaced_id} was merged into {keep_id}.",
    ),
    "import.unreadable": (
        "Файлды оқу мүмкін емес ({reason}).",
        "Не удаётся прочитать файл ({reason}).",
        "Cannot read the file ({reason}).",
    ),
    "import.too_large": (
        "Файл тым үлкен: шегі {limit}. Оны бөліктерге бөліңіз.",
        "Файл слишком большой: предел {limit}. Разделите его на части.",
        "The file is too large: the limit is {limit}. Split it into parts.",
    ),
    "import.not_utf8": (
        "Файл UTF-8 кодтауында емес ({line}-жол). UTF-8 ретінде сақтаңыз.",
        "Файл не в кодировке UTF-8 (строка {line}). Сохраните его как UTF-8.",
        "The file is not UTF-8 (line {line}). Save it as UTF-8.",
    ),
    "import.missing_columns": (
        "Тақырып жолында бағандар жоқ: {columns}.",
        "В строке заголовка нет столбцов: {columns}.",
        "The header row lacks the columns: {columns}.",
    ),
    "import.bad_csv": (
        "CSV файлы {line}-жолда бұзылған.",
        "Файл CSV повреждён в строке {line}.",
        "The CSV file is malformed at line {line}.",
    ),
    "import.done": (
        "{imported} пациент импортталды, {rejected} жол қабылданбады.",
        "Импортировано пациентов: {imported}, отклонено строк: {rejected}.",
        "{imported} patient(s) imported, {rejected} row(s) rejected.",
    ),
    "import.row_rejected": (
        "{line}-жол: {message}",
        "Строка {line}: {message}",
        "Line {line}: {message}",
    ),
    "encounter.not_found": (
        "Қабылдау табылмады: {encounter_id}",
        "Приём не найден: {encounter_id}",
        "No such encounter: {encounter_id}",
    ),
    "encounter.already_saved": (
        "Бұл қабылдау сақталған және өзгертілмейді.",
        "Этот приём уже сохранён и не изменяется.",
        "This encounter is saved and can no longer change.",
    ),
    "encounter.empty": (
        "Сақтаудан бұрын кемінде бір көрсеткіш жазыңыз.",
        "Перед сохранением запишите хотя бы один показатель.",
        "Record at least one value before saving.",
    ),
    "reading.unknown_type": (
        "Белгісіз көрсеткіш түрі: {type}",
        "Неизвестный тип показателя: {type}",
        "Unknown reading type: {type}",
    ),
    "device.port_unavailable": (
        "Құрылғы порты ашылмады: {port}. Кабельді тексеріңіз.",
        "Не удалось открыть порт устройства: {port}. Проверьте кабель.",
        "Cannot open the device port: {port}. Check the cable.",
    ),
    "device.unplugged": (
        "Құрылғы ажыратылды: {port}. Қайта қосылуды күтудеміз.",
        "Устройство отключено: {port}. Ждём повторного подключения.",
        "The device was unplugged: {port}. Waiting for it to come back.",
    ),
    "device.no_data": (
        "Құрылғыдан дұрыс дерек келмеді ({seconds} с).",
        "От устройства не пришло корректных данных ({seconds} с).",
        "No valid data came from the device in {seconds} s.",
    ),
    # Bluetooth LE sessions (drivers/ble/session.py); {port} is an address or "auto"
    "device.ble_not_found": (
        "Bluetooth құрылғысы табылмады: {port}. Құрылғыны қосыңыз.",
        "Bluetooth-устройство не найдено: {port}. Включите устройство.",
        "The Bluetooth device was not found: {port}. Switch it on.",
    ),
    "device.ble_connect_failed": (
        "Bluetooth құрылғысына қосылу мүмкін болмады: {port}. Қайталап көреміз.",
        "Не удалось подключиться к Bluetooth-устройству: {port}. Пробуем снова.",
        "Cannot connect to the Bluetooth device: {port}. Trying again.",
    ),
    "device.ble_disconnected": (
        "Bluetooth құрылғысы ажыратылды: {port}. Қайта қосылуды күтудеміз.",
        "Bluetooth-устройство отключилось: {port}. Ждём повторного подключения.",
        "The Bluetooth device disconnected: {port}. Waiting for it to come back.",
    ),
    "device.ble_pairing_required": (
        "Құрылғы жұптастыруды талап етеді: {port}. Техник `kiosk ble pair` орындауы керек.",
        "Устройство требует сопряжения: {port}. Технику нужно выполнить `kiosk ble pair`.",
        "The device needs pairing: {port}. A technician must run `kiosk ble pair`.",
    ),
    "device.ble_unavailable": (
        "Bluetooth қолжетімсіз. Адаптерді тексеріңіз.",
        "Bluetooth недоступен. Проверьте адаптер.",
        "Bluetooth is not available. Check the adapter.",
    ),
    "driver.unknown": (
        "Мұндай драйвер жоқ: {driver}. Тізім: `kiosk drivers list`.",
        "Нет такого драйвера: {driver}. Список: `kiosk drivers list`.",
        "No such driver: {driver}. See `kiosk drivers list`.",
    ),
    "driver.no_scenario": (
        "{driver} драйверінде «{scenario}» сценарийі жоқ. Бар: {known}.",
        "У драйвера {driver} нет сценария «{scenario}». Есть: {known}.",
        "Driver {driver} has no scenario {scenario!r}. Known: {known}.",
    ),
    "capture.unreadable": (
        "Жазба файлын оқу мүмкін емес: {path} ({reason}).",
        "Не удаётся прочитать файл записи: {path} ({reason}).",
        "Cannot read the capture file: {path} ({reason}).",
    ),
    "sync.no_server": (
        "Сервер мекенжайы берілмеген: --server URL немесе KIOSK_SERVER.",
        "Не задан адрес сервера: --server URL или KIOSK_SERVER.",
        "No server address: give --server URL or set KIOSK_SERVER.",
    ),
    "sync.unreachable": (
        "Сервер қолжетімсіз: {reason}. Деректер сақталған, кейін жіберіледі.",
        "Сервер недоступен: {reason}. Данные сохранены и будут отправлены позже.",
        "The server cannot be reached: {reason}. The data is kept and will be sent later.",
    ),
    "sync.auth_failed": (
        "Аурухана серверіне кіру сәтсіз аяқталды. Деректер сақталған; техникке хабарлаңыз.",
        "Не удалось войти на сервер больницы. Данные сохранены; сообщите технику.",
        "Sign-in to the hospital server failed. The data is kept; tell the technician.",
    ),
    "sync.server_misconfigured": (
        "Сервер барлық жазбадан бас тартады: мекенжайды тексеріңіз. Деректер сақталған.",
        "Сервер отклоняет все записи: проверьте адрес. Данные сохранены.",
        "The server refuses every item: check its address. The data is kept.",
    ),
    "sync.pending_left": (
        "{pending} жазба әлі жіберілмеген; {quarantined} жазба қабылданбады.",
        "{pending} записей ещё не отправлено; {quarantined} отклонено сервером.",
        "{pending} item(s) still pending; {quarantined} rejected by the server.",
    ),
    "sync.all_sent": (
        "Барлығы жіберілді ({acked} жазба).",
        "Всё отправлено ({acked} записей).",
        "Everything is sent ({acked} item(s) this run).",
    ),
    "demo.done": (
        "{count} қабылдау сақталды: {path}",
        "Сохранено приёмов: {count} ({path})",
        "Saved {count} encounter(s) in {path}",
    ),
    "config.invalid": (
        "Баптау файлы қате: {path} ({reason}).",
        "Ошибка в файле настроек: {path} ({reason}).",
        "The configuration file is invalid: {path} ({reason}).",
    ),
}

MESSAGES.update(RECORD_MESSAGES)  # encounter record, backups, doctor (kiosk/i18n_records.py)
MESSAGES.update(MEDIA_MESSAGES)  # camera, photo gate, patient cards (kiosk/i18n_media.py)
MESSAGES.update(DRIVER_MESSAGES)  # probe, capture, hot-plug (kiosk/i18n_drivers.py)
MESSAGES.update(OPS_MESSAGES)  # config, doctor, USB backup, support bundle (i18n_ops.py)
MESSAGES.update(BLUETOOTH_MESSAGES)  # kiosk ble: scan, pair, forget (kiosk/bluetooth/messages.py)
MESSAGES.update(SCREEN_MESSAGES)  # home, finder, history, printed summary (i18n_screens.py)
MESSAGES.update(VISIT_MESSAGES)  # the nurse's visit workflow (kiosk/i18n_visit.py)
MESSAGES.update(REVIEW_MESSAGES)  # specialist console, ICD-10 lookup (kiosk/i18n_review.py)
MESSAGES.update(CONSULT_MESSAGES)  # teleconsultation requests (kiosk/i18n_consults.py)
MESSAGES.update(ACCESS_MESSAGES)  # staff sign-in, roles, audit (kiosk/i18n_access.py)
MESSAGES.update(SECURITY_MESSAGES)  # encryption at rest, keys (kiosk/i18n_security.py)


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    _language = language


def current_language() -> str:
    return _language if _language in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, language: str | None = None, **params: Any) -> str:
    """The message for ``key`` in ``language`` (default: the current one).

    An unknown key is returned as is, so a missing translation shows up rather than
    crashing; the catalogue test keeps that from shipping.
    """
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    text = texts[LANGUAGES.index(language or current_language())]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
