"""A syntax check of udev rules files, for systems whose udevadm has no ``verify`` (< 254).

Checks what ``udevadm verify`` checks first: every rule is comma-separated
``KEY[{attribute}]OPERATOR"value"`` pairs, the key is one udev knows, match keys use ``==``
or ``!=`` and assignment keys ``=``, ``+=``, ``-=`` or ``:=``, values are double-quoted,
each ``GOTO`` has its ``LABEL``, and USB ids are four hex digits. It does not evaluate the
rules against a device. Usage: ``python3 check_udev_rules.py FILE...`` (exit 1 on errors).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MATCH = {"ACTION", "DEVPATH", "KERNEL", "KERNELS", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER",
         "DRIVERS", "ATTRS", "TAGS", "CONST", "PROGRAM", "RESULT", "TEST"}  # fmt: skip
ASSIGN = {"NAME", "SYMLINK", "OWNER", "GROUP", "MODE", "SECLABEL", "RUN", "LABEL", "GOTO",
          "OPTIONS", "IMPORT", "SYSCTL"}  # fmt: skip
BOTH = {"ATTR", "ENV", "TAG", "SYSCTL", "NAME", "SYMLINK", "IMPORT", "PROGRAM", "TEST"}
WITH_ATTRIBUTE = {"ATTR", "ATTRS", "ENV", "SYSCTL", "IMPORT", "RUN", "TEST", "SECLABEL", "CONST"}
PAIR = re.compile(
    r"\s*(?P<key>[A-Z]+)(?:\{(?P<attr>[^}]*)\})?\s*(?P<op>==|!=|\+=|-=|:=|=)\s*"
    r'"(?P<value>(?:[^"\\]|\\.)*)"\s*(?:,|$)'
)


def check_text(text: str, name: str = "<rules>") -> list[str]:
    errors: list[str] = []
    labels: set[str] = set()
    gotos: list[tuple[int, str]] = []
    for number, line in enumerate(text.replace("\\\n", " ").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        position, assigned = 0, False
        while position < len(stripped):
            found = PAIR.match(stripped, position)
            if not found:
                errors.append(f"{name}:{number}: cannot parse at: {stripped[position:]!r}")
                break
            key, op, attr, value = found["key"], found["op"], found["attr"], found["value"]
            matching = op in ("==", "!=")
            if key not in MATCH | ASSIGN | BOTH:
                errors.append(f"{name}:{number}: unknown key {key}")
            elif matching and key not in MATCH | BOTH:
                errors.append(f"{name}:{number}: {key} cannot be matched ({op})")
            elif not matching and key not in ASSIGN | BOTH:
                errors.append(f"{name}:{number}: {key} is a match key, not {op}")
            if attr is not None and key not in WITH_ATTRIBUTE:
                errors.append(f"{name}:{number}: {key} takes no {{attribute}}")
            usb_id = key in ("ATTRS", "ATTR") and attr in ("idVendor", "idProduct")
            if usb_id and not re.fullmatch(r"[0-9a-f]{4}", value):
                errors.append(f"{name}:{number}: {attr} must be 4 lower-case hex digits")
            if key == "LABEL":
                labels.add(value)
            if key == "GOTO":
                gotos.append((number, value))
            assigned |= not matching
            position = found.end()
        if not assigned:
            errors.append(f"{name}:{number}: a rule without any assignment does nothing")
    errors += [f"{name}:{n}: GOTO {v!r} has no LABEL" for n, v in gotos if v not in labels]
    return errors


def main(paths: list[str]) -> int:
    errors = [e for p in paths for e in check_text(Path(p).read_text(encoding="utf-8"), p)]
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
