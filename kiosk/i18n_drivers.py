# ruff: noqa: E501  (translated sentences stay on one line each, as in kiosk/i18n.py)
"""Messages of the technician's driver tools and of hot-plug (kk, ru, en); merged into
:data:`kiosk.i18n.MESSAGES`, whose test checks every key the same way."""

from __future__ import annotations

# key -> (kk, ru, en)
DRIVER_MESSAGES: dict[str, tuple[str, str, str]] = {
    "probe.no_ports": (
        "Сериялық порт табылмады. Кабельді қосыңыз немесе --port беріңіз.",
        "Последовательные порты не найдены. Подключите кабель или укажите --port.",
        "No serial ports found. Plug the cable in or give --port.",
    ),
    "probe.scanning": (
        "{count} порт тексерілуде, әр драйверге {seconds} с дейін…",
        "Проверяется портов: {count}, до {seconds} с на каждый драйвер…",
        "Probing {count} port(s), up to {seconds} s per driver…",
    ),
    "probe.found": (
        "{port}: {driver} ({confidence} дұрыс өлшем)",
        "{port}: {driver} (верных измерений: {confidence})",
        "{port}: {driver} ({confidence} valid measurements)",
    ),
    "probe.nothing": (
        "{port}: бірде-бір драйвер құрылғыны танымады (тексерілді: {tried}).",
        "{port}: ни один драйвер не распознал устройство (проверены: {tried}).",
        "{port}: no driver recognised the device (tried: {tried}).",
    ),
    "probe.unavailable": (
        "{port}: порт ашылмады.",
        "{port}: порт не открывается.",
        "{port}: the port does not open.",
    ),
    "capture.done": (
        "{path} файлына {bytes} байт жазылды ({readings} көрсеткіш танылды).",
        "Записано {bytes} байт в {path} (распознано показателей: {readings}).",
        "Captured {bytes} bytes to {path} ({readings} readings decoded).",
    ),
    "capture.empty": (
        "Құрылғыдан ештеңе келмеді: {port}. Кабельді және драйверді тексеріңіз.",
        "От устройства ничего не пришло: {port}. Проверьте кабель и драйвер.",
        "Nothing came from the device on {port}. Check the cable and the driver.",
    ),
    "capture.bad_suffix": (
        "Жазба файлының аты .bin немесе .hex болып аяқталуы керек: {path}",
        "Имя файла записи должно оканчиваться на .bin или .hex: {path}",
        "A capture file name ends in .bin or .hex: {path}",
    ),
    "driver.not_serial": (
        "{driver} сериялық драйвер емес: бұл құрал тек сериялық порттармен жұмыс істейді.",
        "{driver} не последовательный драйвер: этот инструмент работает только с последовательными портами.",
        "{driver} is not a serial driver: this tool works on serial ports only.",
    ),
    "hotplug.ambiguous": (
        "{port} портына бірнеше драйвер сәйкес келеді ({candidates}). config.toml [ports] бөлімінде біреуін көрсетіңіз немесе `kiosk drivers probe` іске қосыңыз.",
        "К порту {port} подходят несколько драйверов ({candidates}). Укажите один в config.toml [ports] или выполните `kiosk drivers probe`.",
        "Several drivers match {port} ({candidates}). Set one in config.toml [ports] or run `kiosk drivers probe`.",
    ),
    "hotplug.unidentified": (
        "{port} портындағы құрылғы танылмады. `kiosk drivers probe --port {port}` іске қосыңыз.",
        "Устройство на порту {port} не распознано. Выполните `kiosk drivers probe --port {port}`.",
        "The device on {port} was not recognised. Run `kiosk drivers probe --port {port}`.",
    ),
}
