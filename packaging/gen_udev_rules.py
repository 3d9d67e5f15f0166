"""Write the udev rules of the package from the installed drivers' USB matchers.

Every serial driver's manifest lists the USB VID:PID of the bridges its devices use; each
pair gets one rule giving the kiosk's group access to the tty and a stable name
``/dev/dala/ID_SERIAL`` (vendor_model_serial, from udev's usb_id, so two identical bridges get
two names). Run by build-deb.sh: ``python packaging/gen_udev_rules.py OUT``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.device_api import Transport
from kiosk.plugins import load_drivers

HEADER = """\
# Dala Kiosk: USB-serial medical devices (generated from the drivers' USB matchers by
# packaging/gen_udev_rules.py; do not edit, rebuild the package).
# The kiosk user's group may open them; /dev/dala/<vendor_model_serial> is a stable name.
ACTION=="remove", GOTO="dala_kiosk_end"
SUBSYSTEM!="tty", GOTO="dala_kiosk_end"
SUBSYSTEMS=="usb", IMPORT{builtin}="usb_id"
"""
FOOTER = 'LABEL="dala_kiosk_end"\n'


def rules() -> str:
    pairs: dict[tuple[int, int], set[str]] = {}
    for driver_id, plugin in load_drivers().drivers.items():
        if plugin.manifest.transport is not Transport.SERIAL:
            continue
        for matcher in plugin.manifest.usb:
            pairs.setdefault((matcher.vid, matcher.pid), set()).add(driver_id)
    lines = [HEADER]
    for (vid, pid), drivers in sorted(pairs.items()):
        lines.append(f"# {vid:04x}:{pid:04x}: {', '.join(sorted(drivers))}\n")
        lines.append(
            f'ATTRS{{idVendor}}=="{vid:04x}", ATTRS{{idProduct}}=="{pid:04x}", '
            'GROUP="dala-kiosk", MODE="0660", SYMLINK+="dala/$env{ID_SERIAL}", '
            'TAG+="uaccess"\n'
        )
    lines.append(FOOTER)
    return "".join(lines)


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(rules(), encoding="utf-8")
