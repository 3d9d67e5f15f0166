# ruff: noqa: E501  (translated sentences stay on one line each, as in kiosk/i18n.py)
"""Messages of operations: configuration, the extended ``kiosk doctor``, USB backups and the
support bundle (kk, ru, en); merged into :data:`kiosk.i18n.MESSAGES`, whose test checks
every key the same way."""

from __future__ import annotations

# key -> (kk, ru, en)
OPS_MESSAGES: dict[str, tuple[str, str, str]] = {
    # --- config.toml ---------------------------------------------------------------------
    "config.problem": (
        "Баптау қатесі ({where}), «{setting}»: {reason}",
        "Ошибка настройки ({where}), «{setting}»: {reason}",
        "Configuration error ({where}), '{setting}': {reason}",
    ),
    "config.unknown_key": (
        "белгісіз кілт «{name}» (docs/configuration.md қараңыз)",
        "неизвестный ключ «{name}» (см. docs/configuration.md)",
        "unknown key '{name}' (see docs/configuration.md)",
    ),
    "config.wrong_type": (
        "түрі қате: {expected} керек",
        "неверный тип: нужен {expected}",
        "wrong type: expected {expected}",
    ),
    "config.bad_url": (
        "«{value}» дұрыс http(s) мекенжайы емес",
        "«{value}» — не правильный адрес http(s)",
        "'{value}' is not a valid http(s) URL",
    ),
    "config.bad_site": (
        "«{value}» дұрыс пункт коды емес (мысалы KZ-AKM-0042)",
        "«{value}» — не правильный код пункта (например, KZ-AKM-0042)",
        "'{value}' is not a valid site code (for example KZ-AKM-0042)",
    ),
    "config.bad_language": (
        "«{value}» тілі қолдау көрсетілмейді; рұқсат етілгендері: {allowed}",
        "язык «{value}» не поддерживается; допустимы: {allowed}",
        "language '{value}' is not supported; use one of: {allowed}",
    ),
    "config.empty": (
        "тізім бос болмауы керек",
        "список не должен быть пустым",
        "the list must not be empty",
    ),
    "config.bad_env_name": (
        "«{value}» орта айнымалысының дұрыс атауы емес",
        "«{value}» — не правильное имя переменной окружения",
        "'{value}' is not a valid environment variable name",
    ),
    "config.out_of_range": (
        "{value} шектен тыс: {low}…{high} болуы керек",
        "{value} вне допустимого диапазона {low}…{high}",
        "{value} is out of range: use {low}…{high}",
    ),
    "config.bad_choice": (
        "«{value}» рұқсат етілмеген; мүмкін мәндер: {allowed}",
        "«{value}» не допускается; возможные значения: {allowed}",
        "'{value}' is not allowed; use one of: {allowed}",
    ),
    "config.bad_driver_id": (
        "{port}: «{value}» драйвер идентификаторы емес (`kiosk drivers list`)",
        "{port}: «{value}» — не идентификатор драйвера (`kiosk drivers list`)",
        "{port}: '{value}' is not a driver id (see `kiosk drivers list`)",
    ),
    "config.bad_address": (
        "«{value}» Bluetooth мекенжайы емес (AA:BB:CC:DD:EE:FF)",
        "«{value}» — не адрес Bluetooth (AA:BB:CC:DD:EE:FF)",
        "'{value}' is not a Bluetooth address (AA:BB:CC:DD:EE:FF)",
    ),
    "config.set_done": (
        "Сақталды: {setting} = {value}",
        "Сохранено: {setting} = {value}",
        "Saved: {setting} = {value}",
    ),
    # --- kiosk doctor: configuration, clock, server ---------------------------------------
    "doctor.config_ok": (
        "Баптау файлы дұрыс.",
        "Файл настроек в порядке.",
        "The configuration file is fine.",
    ),
    "doctor.config_warn": (
        "Баптау файлында {count} ескерту: {problems}",
        "В файле настроек предупреждений: {count}: {problems}",
        "The configuration file has {count} warning(s): {problems}",
    ),
    "doctor.config_fix": (
        "Кілтті `kiosk config show` арқылы тексеріп, config.toml ішінде түзетіңіз немесе өшіріңіз.",
        "Проверьте ключ через `kiosk config show` и исправьте или удалите его в config.toml.",
        "Check the key with `kiosk config show`, then fix or remove it in config.toml.",
    ),
    "doctor.server_none": (
        "Сервер бапталмаған: синхрондау өшірулі (демо).",
        "Сервер не настроен: синхронизация выключена (демо).",
        "No server configured: sync is off (demo).",
    ),
    "doctor.server_none_fix": (
        "Серверді орнатыңыз: `kiosk config set server.url https://…/fhir/R4`.",
        "Укажите сервер: `kiosk config set server.url https://…/fhir/R4`.",
        "Set the server: `kiosk config set server.url https://…/fhir/R4`.",
    ),
    "doctor.server_ok": (
        "Сервер жауап береді ({url}, HTTP {status}).",
        "Сервер отвечает ({url}, HTTP {status}).",
        "The server answers ({url}, HTTP {status}).",
    ),
    "doctor.server_unreachable": (
        "Серверге қосылу мүмкін емес ({url}): {reason}",
        "Сервер недоступен ({url}): {reason}",
        "The server cannot be reached ({url}): {reason}",
    ),
    "doctor.server_tls_fix": (
        "Аурухананың CA файлын (PEM) алып, киоскке көшіріп, [server] ca_bundle ішінде "
        "көрсетіңіз, содан кейін kiosk doctor қайта іске қосыңыз.",
        "Получите у больницы файл CA (PEM), скопируйте его на киоск и укажите в "
        "[server] ca_bundle, затем снова запустите kiosk doctor.",
        "Get the hospital's CA file (PEM), copy it to the kiosk and name it in "
        "[server] ca_bundle, then run kiosk doctor again.",
    ),
    "doctor.server_unreachable_fix": (
        "Желі кабелін немесе модемді тексеріңіз, мекенжайды `kiosk config show` арқылы қараңыз. Деректер киоскта сақталады.",
        "Проверьте кабель сети или модем и адрес в `kiosk config show`. Данные сохраняются на киоске.",
        "Check the network cable or modem and the address in `kiosk config show`. Data stays safe on the kiosk.",
    ),
    "doctor.server_auth": (
        "Сервер киоскты қабылдамады ({url}, HTTP {status}): кілт (токен) қате немесе ескірген.",
        "Сервер не принял киоск ({url}, HTTP {status}): ключ (токен) неверный или устарел.",
        "The server refused the kiosk ({url}, HTTP {status}): the key (token) is wrong or expired.",
    ),
    "doctor.server_auth_fix": (
        "Аурухананың IT бөлімінен жаңа токен сұрап, оны server.token_env айнымалысына жазыңыз.",
        "Запросите новый токен у IT-отдела больницы и запишите его в переменную из server.token_env.",
        "Ask the hospital's IT for a new token and put it in the variable named by server.token_env.",
    ),
    "doctor.server_error": (
        "Сервер қате қайтарды ({url}, HTTP {status}).",
        "Сервер вернул ошибку ({url}, HTTP {status}).",
        "The server answered with an error ({url}, HTTP {status}).",
    ),
    "doctor.server_error_fix": (
        "Мекенжай FHIR R4 негізі екенін тексеріңіз (…/fhir/R4); қайталанса, IT бөліміне хабарлаңыз.",
        "Проверьте, что адрес — это база FHIR R4 (…/fhir/R4); если повторяется, сообщите в IT-отдел.",
        "Check that the URL is the FHIR R4 base (…/fhir/R4); if it persists, tell the hospital's IT.",
    ),
    "doctor.clock_skipped": (
        "Сағат салыстырылмады: сервер бапталмаған.",
        "Часы не сверены: сервер не настроен.",
        "Clock not compared: no server configured.",
    ),
    "doctor.clock_ok": (
        "Сағат дұрыс (сервермен айырмашылық {offset} с).",
        "Часы в порядке (расхождение с сервером {offset} с).",
        "The clock is right (offset from the server {offset} s).",
    ),
    "doctor.clock_off": (
        "Сағат серверден {offset} с ерекшеленеді.",
        "Часы расходятся с сервером на {offset} с.",
        "The clock is {offset} s off the server's.",
    ),
    "doctor.clock_fix": (
        "Уақытты түзетіңіз: `timedatectl set-ntp true` немесе `date -s` (UTC); BIOS батареясын тексеріңіз.",
        "Исправьте время: `timedatectl set-ntp true` или `date -s` (UTC); проверьте батарейку BIOS.",
        "Set the time: `timedatectl set-ntp true` or `date -s` (UTC); check the BIOS battery.",
    ),
    "doctor.clock_unknown": (
        "Сағат салыстырылмады: сервер жауап бермеді немесе Date тақырыбы жоқ.",
        "Часы не сверены: сервер не ответил или не прислал заголовок Date.",
        "Clock not compared: the server did not answer or sent no Date header.",
    ),
    # --- kiosk doctor: devices -----------------------------------------------------------------
    "doctor.ports_none": (
        "Сериялық порттар жоқ (USB құрылғылары қосылмаған).",
        "Последовательных портов нет (USB-приборы не подключены).",
        "No serial ports (no USB devices plugged in).",
    ),
    "doctor.ports_ok": (
        "Сериялық порттар: {ports}.",
        "Последовательные порты: {ports}.",
        "Serial ports: {ports}.",
    ),
    "doctor.ports_unmatched": (
        "Драйвері белгісіз порттар: {ports}.",
        "Порты без известного драйвера: {ports}.",
        "Ports with no known driver: {ports}.",
    ),
    "doctor.ports_fix": (
        "`kiosk drivers probe` іске қосыңыз немесе config.toml [ports] бөлімінде драйверді көрсетіңіз.",
        "Выполните `kiosk drivers probe` или укажите драйвер в config.toml [ports].",
        "Run `kiosk drivers probe` or set the driver in config.toml [ports].",
    ),
    "doctor.bt_none": (
        "Bluetooth адаптері жоқ.",
        "Адаптера Bluetooth нет.",
        "No Bluetooth adapter.",
    ),
    "doctor.bt_none_fix": (
        "USB Bluetooth адаптерін қосыңыз (немесе BIOS-та қосыңыз), содан кейін `kiosk doctor` қайталаңыз.",
        "Подключите USB-адаптер Bluetooth (или включите его в BIOS) и повторите `kiosk doctor`.",
        "Plug in a USB Bluetooth adapter (or enable it in the BIOS), then run `kiosk doctor` again.",
    ),
    "doctor.bt_ok": (
        "Bluetooth адаптері: {adapters}.",
        "Адаптер Bluetooth: {adapters}.",
        "Bluetooth adapter: {adapters}.",
    ),
    "doctor.camera_none": (
        "Камера жоқ.",
        "Камеры нет.",
        "No camera.",
    ),
    "doctor.camera_fix": (
        "USB камераны қосыңыз; фотосуретсіз де қабылдау жалғасады.",
        "Подключите USB-камеру; приём можно вести и без фото.",
        "Plug in the USB camera; visits can go on without photos.",
    ),
    "doctor.camera_ok": (
        "Камера: {devices}.",
        "Камера: {devices}.",
        "Camera: {devices}.",
    ),
    "doctor.camera_busy": (
        "Камера ашылмады ({device}): {reason}",
        "Камера не открывается ({device}): {reason}",
        "The camera cannot be opened ({device}): {reason}",
    ),
    "doctor.camera_busy_fix": (
        "Камераны қолданатын басқа бағдарламаны жабыңыз; пайдаланушы video тобында болуы керек.",
        "Закройте другую программу, занявшую камеру; пользователь должен быть в группе video.",
        "Close any other program using the camera; the user must be in the video group.",
    ),
    # --- kiosk doctor: permissions ---------------------------------------------------------
    "doctor.perm_ok": (
        "Рұқсаттар дұрыс.",
        "Права доступа в порядке.",
        "Permissions are fine.",
    ),
    "doctor.perm_data_dir": (
        "Деректер қалтасына жазу мүмкін емес: {path}.",
        "Нет записи в папку данных: {path}.",
        "The data folder is not writable: {path}.",
    ),
    "doctor.perm_config": (
        "config.toml файлын барлығы оқи алады ({mode}).",
        "config.toml доступен для чтения всем ({mode}).",
        "config.toml is readable by everyone ({mode}).",
    ),
    "doctor.perm_dialout": (
        "Пайдаланушы {group} тобында емес: сериялық порттар ашылмайды.",
        "Пользователь не в группе {group}: последовательные порты не откроются.",
        "The user is not in the {group} group: serial ports will not open.",
    ),
    "doctor.perm_fix": (
        "Түзету: `sudo chown -R dala-kiosk: ДЕРЕКТЕР`, `chmod 600 config.toml`, `sudo adduser dala-kiosk dialout` (содан кейін қайта кіріңіз).",
        "Исправление: `sudo chown -R dala-kiosk: ПАПКА_ДАННЫХ`, `chmod 600 config.toml`, `sudo adduser dala-kiosk dialout` (затем перезайдите).",
        "Fix: `sudo chown -R dala-kiosk: DATA_DIR`, `chmod 600 config.toml`, `sudo adduser dala-kiosk dialout` (then log in again).",
    ),
    # --- USB backups and the support bundle ----------------------------------------------
    "backup.no_usb": (
        "USB жинақтауыш табылмады: сақтық көшірме жасалмады.",
        "USB-накопитель не найден: резервная копия не сделана.",
        "No USB stick found: no backup was made.",
    ),
    "backup.auto_done": (
        "USB-ге сақтық көшірме жазылды: {path} (сақталғаны {kept}).",
        "Резервная копия записана на USB: {path} (хранится копий: {kept}).",
        "Backup written to the USB stick: {path} ({kept} kept).",
    ),
    "backup.auto_off": (
        "Автоматты сақтық көшірме өшірулі (backup.auto = false).",
        "Автоматическое резервное копирование выключено (backup.auto = false).",
        "Automatic backups are off (backup.auto = false).",
    ),
    "backup.target_required": (
        "Қалтаны --to арқылы көрсетіңіз немесе --auto қолданыңыз.",
        "Укажите папку через --to или используйте --auto.",
        "Give a folder with --to, or use --auto.",
    ),
    "bundle.done": (
        "Қолдау мұрағаты дайын: {path} ({size} байт). Пациент деректері жоқ.",
        "Архив для поддержки готов: {path} ({size} байт). Данных пациентов в нём нет.",
        "Support bundle written: {path} ({size} bytes). It holds no patient data.",
    ),
}
