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
    "reading.not_recordable": (
        "Бұл көрсеткішті қабылдауға жазуға болмайды: {type}.",
        "Этот показатель нельзя записать в приём: {type}.",
        "This kind of value cannot be recorded in a visit: {type}.",
    ),
    "init.done": (
        "Қойма дайын: {path} (схема {version}).",
        "Хранилище готово: {path} (схема {version}).",
        "The store is ready: {path} (schema {version}).",
    ),
}


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
