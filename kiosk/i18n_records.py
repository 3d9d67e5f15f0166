"""Messages of the encounter record, backups and ``kiosk doctor`` (merged into
:data:`kiosk.i18n.MESSAGES`; the same completeness test covers them). key -> (kk, ru, en)."""

from __future__ import annotations

RECORD_MESSAGES: dict[str, tuple[str, str, str]] = {
    "reading.device_error": (
        "Құрылғы қатесі ({type}): мән мүмкін емес. Қайта өлшеңіз.",
        "Ошибка устройства ({type}): значение невозможно. Измерьте ещё раз.",
        "Device error ({type}): the value is impossible. Measure again.",
    ),
    "reading.impossible": (
        "{type} үшін {value} мәні мүмкін емес: тексеріп, қайта енгізіңіз.",
        "Значение {value} для {type} невозможно: проверьте и введите снова.",
        "{value} is impossible for {type}: check it and type it again.",
    ),
    "reading.bad_unit": (
        "{type} үшін «{unit}» өлшем бірлігі белгісіз. Тізімнен бірлікті таңдаңыз.",
        "Единица «{unit}» для {type} неизвестна. Выберите единицу из списка.",
        "The unit {unit!r} is unknown for {type}. Pick a unit from the list.",
    ),
    "reading.whole_count": (
        "{type} минутына бүтін санмен енгізіледі.",
        "{type} вводится целым числом в минуту.",
        "{type} is a whole count per minute.",
    ),
    "reading.not_found": (
        "Көрсеткіш табылмады: {reading_id}",
        "Показатель не найден: {reading_id}",
        "No such reading: {reading_id}",
    ),
    "complaint.unknown_code": (
        "Шағымдар тізімінде мұндай код жоқ: {code}",
        "В списке жалоб нет такого кода: {code}",
        "Not a code of the complaint checklist: {code}",
    ),
    "complaint.text_too_long": (
        "Шағым мәтіні тым ұзын (ең көбі {limit} таңба).",
        "Текст жалобы слишком длинный (не более {limit} знаков).",
        "The complaint text is too long (at most {limit} characters).",
    ),
    "notes.too_long": (
        "Жазба тым ұзын (ең көбі {limit} таңба).",
        "Заметка слишком длинная (не более {limit} знаков).",
        "The notes are too long (at most {limit} characters).",
    ),
    "assessment.bad_consciousness": (
        "Сана деңгейі белгісіз: {value} (ACVPU шкаласынан таңдаңыз).",
        "Неизвестный уровень сознания: {value} (выберите по шкале ACVPU).",
        "Unknown level of consciousness: {value} (pick one of ACVPU).",
    ),
    "assessment.bad_sign": (
        "IMCI тізімінде мұндай белгі жоқ: {sign}",
        "В списке IMCI нет такого признака: {sign}",
        "Not a sign of the IMCI checklist: {sign}",
    ),
    "encounter.needs_confirmation": (
        "Күмәнді мәндер бар ({types}): растаңыз немесе қайта өлшеңіз, сосын сақтаңыз.",
        "Есть сомнительные значения ({types}): подтвердите или измерьте заново, затем сохраните.",
        "Implausible values ({types}): confirm them or measure again before saving.",
    ),
    "encounter.cross_check": (
        "Мәндер бір-біріне сәйкес емес ({reasons}): қайта өлшеңіз немесе растаңыз.",
        "Значения не согласуются друг с другом ({reasons}): измерьте заново или подтвердите.",
        "The values do not agree with each other ({reasons}): measure again or confirm.",
    ),
    "encounter.not_current": (
        "Бұл қабылдаудың жаңа нұсқасы бар: соңғы нұсқаны түзетіңіз ({encounter_id}).",
        "У этого приёма есть более новая версия: исправляйте последнюю ({encounter_id}).",
        "This encounter has a newer version: correct the latest one ({encounter_id}).",
    ),
    "encounter.is_draft": (
        "Қабылдау әлі сақталмаған: оны тікелей өзгертіңіз.",
        "Приём ещё не сохранён: измените его напрямую.",
        "The encounter is not saved yet: change it directly.",
    ),
    "encounter.no_changes": (
        "Түзетуде ешқандай өзгеріс жоқ.",
        "В исправлении нет изменений.",
        "The correction changes nothing.",
    ),
    "correction.reason_required": (
        "Түзетудің себебін жазыңыз.",
        "Укажите причину исправления.",
        "Give the reason for the correction.",
    ),
    "staff.required": (
        "Қызметкердің аты немесе коды қажет.",
        "Нужно имя или код сотрудника.",
        "The staff member's name or id is required.",
    ),
    "backup.done": (
        "Сақтық көшірме жасалды: {path}",
        "Резервная копия создана: {path}",
        "Backup written: {path}",
    ),
    "backup.failed": (
        "Сақтық көшірме жасалмады: {reason}. Қойма өзгерген жоқ.",
        "Не удалось создать резервную копию: {reason}. Хранилище не изменено.",
        "The backup failed: {reason}. The store is unchanged.",
    ),
    "restore.done": (
        "Қойма қалпына келтірілді: {path}. Бұрынғы қойма сақталды: {safety}",
        "Хранилище восстановлено: {path}. Прежнее хранилище сохранено: {safety}",
        "The store was restored from {path}. The previous store is kept as {safety}",
    ),
    "restore.bad_backup": (
        "Бұл файлдан қалпына келтіруге болмайды: {path} ({reason}). Қойма өзгерген жоқ.",
        "Из этого файла восстановить нельзя: {path} ({reason}). Хранилище не изменено.",
        "Cannot restore from {path} ({reason}). The store is unchanged.",
    ),
    "restore.in_use": (
        "Қойма қазір пайдаланылуда ({path}): алдымен киоскті жабыңыз.",
        "Хранилище сейчас используется ({path}): сначала закройте киоск.",
        "The store is in use ({path}): close the kiosk first.",
    ),
    "doctor.integrity_ok": (
        "Қойманың тұтастығы: дұрыс.",
        "Целостность хранилища: в порядке.",
        "Store integrity: ok.",
    ),
    "doctor.integrity_bad": (
        "Қойма зақымдалған: {count} ақау.",
        "Хранилище повреждено: проблем — {count}.",
        "The store is damaged: {count} problem(s).",
    ),
    "doctor.integrity_fix": (
        "Киоскті жауып, соңғы көшірмені қалпына келтіріңіз: kiosk restore FILE.",
        "Закройте киоск и восстановите последнюю копию: kiosk restore FILE.",
        "Close the kiosk and restore the latest backup: kiosk restore FILE.",
    ),
    "doctor.schema_ok": (
        "Қойма схемасы: {version} (ағымдағы).",
        "Схема хранилища: {version} (актуальная).",
        "Store schema: {version} (current).",
    ),
    "doctor.schema_behind": (
        "Қойма схемасы ескі: {found}, қажеті {known}.",
        "Схема хранилища устарела: {found}, нужна {known}.",
        "The store schema is old: {found}, this program needs {known}.",
    ),
    "doctor.schema_fix": (
        "«kiosk init» іске қосыңыз: ол қойманы деректерді жоғалтпай жаңартады.",
        "Выполните «kiosk init»: он обновит хранилище без потери данных.",
        "Run `kiosk init`: it upgrades the store without losing data.",
    ),
    "doctor.schema_ahead": (
        "Қойма бағдарламадан жаңа: схема {found}, бағдарлама {known} біледі.",
        "Хранилище новее программы: схема {found}, программа знает {known}.",
        "The store is newer than this program: schema {found}, it knows {known}.",
    ),
    "doctor.update_fix": (
        "Бағдарламаны жаңартыңыз; қойманы өзгертпеңіз.",
        "Обновите программу; хранилище не трогайте.",
        "Update the program; leave the store as it is.",
    ),
    "doctor.store_missing": (
        "Қойма жоқ: {path}.",
        "Хранилища нет: {path}.",
        "There is no store: {path}.",
    ),
    "doctor.init_fix": (
        "«kiosk init» іске қосыңыз.",
        "Выполните «kiosk init».",
        "Run `kiosk init`.",
    ),
    "doctor.disk_ok": (
        "Деректер бумасында бос орын: {free_mb} МБ.",
        "Свободно в папке данных: {free_mb} МБ.",
        "Free space in the data folder: {free_mb} MB.",
    ),
    "doctor.disk_low": (
        "Дискте орын аз: {free_mb} МБ қалды.",
        "Мало места на диске: осталось {free_mb} МБ.",
        "The disk is nearly full: {free_mb} MB left.",
    ),
    "doctor.disk_fix": (
        "Ескі көшірмелерді басқа тасымалдағышқа көшіріп, дискіні босатыңыз.",
        "Перенесите старые копии на другой носитель и освободите диск.",
        "Move old backups to another drive and free some space.",
    ),
    "doctor.outbox_ok": (
        "Жіберу кезегі: {pending} күтуде, {acked} жіберілді.",
        "Очередь отправки: ожидает {pending}, отправлено {acked}.",
        "Outbox: {pending} pending, {acked} sent.",
    ),
    "doctor.outbox_quarantined": (
        "Сервер {quarantined} жазбаны қабылдамады ({pending} күтуде).",
        "Сервер отклонил записей: {quarantined} (ожидает {pending}).",
        "The server refused {quarantined} item(s) ({pending} pending).",
    ),
    "doctor.outbox_fix": (
        "«kiosk sync --json» қатесін қараңыз, жазбаны түзетіп, қайта жіберіңіз.",
        "Посмотрите ошибку в «kiosk sync --json», исправьте запись и отправьте снова.",
        "See the error in `kiosk sync --json`, fix the record and send it again.",
    ),
    "doctor.nothing_to_do": (
        "Ештеңе істеудің қажеті жоқ.",
        "Ничего делать не нужно.",
        "Nothing to do.",
    ),
    "doctor.summary_ok": (
        "Барлық тексеру сәтті өтті ({count}).",
        "Все проверки пройдены ({count}).",
        "All {count} checks passed.",
    ),
    "doctor.summary_bad": (
        "{failed} тексеру сәтсіз, {warned} ескерту.",
        "Не пройдено проверок: {failed}, предупреждений: {warned}.",
        "{failed} check(s) failed, {warned} warning(s).",
    ),
    "patient.bad_language": (
        "Пациенттің тілі белгісіз: «{value}». Қазақша (kk), орысша (ru) немесе ағылшынша (en) "
        "таңдаңыз.",
        "Неизвестный язык пациента: «{value}». Выберите казахский (kk), русский (ru) или "
        "английский (en).",
        "Unknown patient language: {value!r}. Choose Kazakh (kk), Russian (ru) or English (en).",
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
