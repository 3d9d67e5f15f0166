# ruff: noqa: E501  (translated sentences stay on one line each, as in kiosk/i18n.py)
"""Messages of Bluetooth pairing (``kiosk ble``) in kk, ru and en; merged into
:data:`kiosk.i18n.MESSAGES`, whose test checks every key the same way. Data only: importing
this module imports nothing else."""

from __future__ import annotations

# key -> (kk, ru, en)
BLUETOOTH_MESSAGES: dict[str, tuple[str, str, str]] = {
    "ble.not_running": (
        "Bluetooth қызметі іске қосылмаған (BlueZ жүйелік D-Bus-та жоқ). `systemctl start bluetooth` іске қосыңыз.",
        "Служба Bluetooth не запущена (BlueZ нет на системной шине D-Bus). Выполните `systemctl start bluetooth`.",
        "Bluetooth service not running (no BlueZ on the system D-Bus). Run `systemctl start bluetooth`.",
    ),
    "ble.no_adapter": (
        "Bluetooth адаптері табылмады. USB адаптерін қосыңыз.",
        "Адаптер Bluetooth не найден. Подключите USB-адаптер.",
        "No Bluetooth adapter found. Plug in the USB adapter.",
    ),
    "ble.adapter_off": (
        "Bluetooth адаптері өшірулі және қосылмады (`rfkill unblock bluetooth`).",
        "Адаптер Bluetooth выключен и не включается (`rfkill unblock bluetooth`).",
        "The Bluetooth adapter is off and could not be switched on (`rfkill unblock bluetooth`).",
    ),
    "ble.bluez_error": (
        "BlueZ қатесі: {name} {text}",
        "Ошибка BlueZ: {name} {text}",
        "BlueZ error: {name} {text}",
    ),
    "ble.bad_address": (
        "Bluetooth мекенжайы дұрыс емес: {address} (үлгі: A4:C1:38:12:34:56).",
        "Неверный адрес Bluetooth: {address} (образец: A4:C1:38:12:34:56).",
        "Not a Bluetooth address: {address} (like A4:C1:38:12:34:56).",
    ),
    "ble.device_not_found": (
        "{address} құрылғысы табылмады. Құрылғыны оятып (түймесін басып), қайталаңыз.",
        "Устройство {address} не найдено. Разбудите устройство (нажмите кнопку) и повторите.",
        "Device {address} not found. Wake the device up (press its button) and try again.",
    ),
    "ble.pair_auth_failed": (
        "{address} жұптастырылмады: кілт сәйкес емес. Құрылғыдағы 6 таңбалы кодты тексеріп, қайталаңыз.",
        "{address} не сопряжено: неверный ключ. Проверьте 6-значный код на устройстве и повторите.",
        "{address} not paired: wrong passkey. Check the 6-digit code on the device and try again.",
    ),
    "ble.pair_cancelled": (
        "{address} жұптастыру тоқтатылды.",
        "Сопряжение с {address} отменено.",
        "Pairing with {address} was cancelled.",
    ),
    "ble.pair_rejected": (
        "{address} құрылғысы жұптастырудан бас тартты. Құрылғыны жұптастыру режиміне қойыңыз.",
        "Устройство {address} отклонило сопряжение. Переведите его в режим сопряжения.",
        "{address} refused to pair. Put the device in pairing mode.",
    ),
    "ble.pair_timeout": (
        "{address} жұптастыру уақыты өтті. Құрылғыны жақындатып, қайталаңыз.",
        "Время сопряжения с {address} истекло. Поднесите устройство ближе и повторите.",
        "Pairing with {address} timed out. Bring the device closer and try again.",
    ),
    "ble.pair_unreachable": (
        "{address} құрылғысына қосылу мүмкін болмады. Оны оятып, жақындатып, қайталаңыз.",
        "Не удалось подключиться к {address}. Разбудите устройство, поднесите ближе и повторите.",
        "Could not connect to {address}. Wake the device, bring it closer and try again.",
    ),
    "ble.pair_in_progress": (
        "{address} үшін жұптастыру қазірдің өзінде жүріп жатыр.",
        "Сопряжение с {address} уже идёт.",
        "Pairing with {address} is already in progress.",
    ),
    "ble.pairings_invalid": (
        "Жұптасқан құрылғылар тізімі зақымдалған: {path} ({reason}).",
        "Список сопряжённых устройств повреждён: {path} ({reason}).",
        "The list of paired devices is damaged: {path} ({reason}).",
    ),
    "ble.unknown_driver": (
        "Мұндай Bluetooth драйвері жоқ: {driver}. Бары: {choices}.",
        "Нет такого драйвера Bluetooth: {driver}. Есть: {choices}.",
        "No such Bluetooth driver: {driver}. Installed: {choices}.",
    ),
    "ble.ambiguous_driver": (
        "{address} құрылғысына бірнеше драйвер сәйкес келеді ({drivers}): --driver беріңіз.",
        "К {address} подходит несколько драйверов ({drivers}): укажите --driver.",
        "Several drivers fit {address} ({drivers}): give --driver.",
    ),
    "ble.no_driver": (
        "{address} жұптасты, бірақ оған драйвер табылмады: `kiosk ble pair {address} --driver ID` іске қосыңыз.",
        "{address} сопряжено, но драйвер к нему не найден: выполните `kiosk ble pair {address} --driver ID`.",
        "{address} is paired but no driver fits it: run `kiosk ble pair {address} --driver ID`.",
    ),
    "ble.not_paired": (
        "{address} жұптаспаған: ұмытатын ештеңе жоқ.",
        "{address} не сопряжено: забывать нечего.",
        "{address} is not paired: nothing to forget.",
    ),
    "ble.scanning": (
        "Bluetooth құрылғылары {seconds} с ізделуде…",
        "Поиск устройств Bluetooth, {seconds} с…",
        "Scanning for Bluetooth devices for {seconds} s…",
    ),
    "ble.scan_result": (
        "Табылған құрылғылар: {count}.",
        "Найдено устройств: {count}.",
        "Devices found: {count}.",
    ),
    "ble.pairing": (
        "{address} жұптастырылуда… Құрылғыны жақын ұстаңыз.",
        "Сопряжение с {address}… Держите устройство рядом.",
        "Pairing with {address}… Keep the device close.",
    ),
    "ble.passkey_prompt": (
        "{address} экранындағы 6 таңбалы кодты енгізіңіз",
        "Введите 6-значный код с экрана {address}",
        "Enter the 6-digit code shown on {address}",
    ),
    "ble.passkey_show": (
        "{address} құрылғысында мына кодты теріңіз: {passkey}",
        "Наберите на устройстве {address} код: {passkey}",
        "Type this code on {address}: {passkey}",
    ),
    "ble.passkey_confirm": (
        "{address} құрылғысы {passkey} кодын көрсетуі тиіс.",
        "Устройство {address} должно показывать код {passkey}.",
        "{address} should show the code {passkey}.",
    ),
    "ble.paired": (
        "{address} ({name}) жұптасты және сенімді; драйвер: {driver}. Киоск оған өзі қосылады.",
        "{address} ({name}) сопряжено и доверено; драйвер: {driver}. Киоск подключится к нему сам.",
        "{address} ({name}) is paired and trusted; driver: {driver}. The kiosk connects to it by itself.",
    ),
    "ble.forgotten": (
        "{address} ұмытылды: киоск оған енді қосылмайды.",
        "{address} забыто: киоск больше не подключается к нему.",
        "{address} forgotten: the kiosk no longer connects to it.",
    ),
    "ble.none_paired": (
        "Жұптасқан құрылғы жоқ. `kiosk ble scan`, содан кейін `kiosk ble pair ADDRESS`.",
        "Сопряжённых устройств нет. `kiosk ble scan`, затем `kiosk ble pair ADDRESS`.",
        "No paired devices. Run `kiosk ble scan`, then `kiosk ble pair ADDRESS`.",
    ),
}
