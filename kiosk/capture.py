"""Capture files (interfaces.md): ``*.bin`` raw serial bytes, ``*.hex`` the same as hex text,
``*.jsonl`` BLE characteristic values (:func:`read_ble_capture`).

A ``.hex`` file holds whitespace-separated byte pairs; ``#`` starts a comment. Anything
else is an error with the line number, never a silent skip.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from kiosk.device_api import short_uuid
from kiosk.errors import UserFacingError

MAX_CAPTURE_BYTES = 64 * 1024 * 1024
_HEX = re.compile(r"^(?:[0-9a-fA-F]{2})*$")
_UUID = re.compile(
    r"^(?:0[xX])?(?:[0-9a-fA-F]{4}|[0-9a-fA-F]{8}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$"
)


def parse_hex_text(text: str, source: str = "<text>") -> bytes:
    out = bytearray()
    for number, line in enumerate(text.splitlines(), start=1):
        for token in line.split("#", 1)[0].split():
            if len(token) % 2 or any(c not in "0123456789abcdefABCDEF" for c in token):
                raise UserFacingError(
                    "capture.unreadable", path=source, reason=f"line {number}: {token[:20]!r}"
                )
            out += bytes.fromhex(token)
    return bytes(out)


def read_serial_capture(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_CAPTURE_BYTES:
            raise UserFacingError("capture.unreadable", path=str(path), reason="too large")
        if path.suffix.lower() == ".hex":
            return parse_hex_text(path.read_text(encoding="utf-8"), str(path))
        return path.read_bytes()
    except (OSError, UnicodeDecodeError) as error:
        raise UserFacingError(
            "capture.unreadable", path=str(path), reason=type(error).__name__
        ) from error


# BLE captures (interfaces.md): ``*.jsonl``, one notification / indication / read per line:
# {"characteristic": "2a35", "value": "1e8a00...", "service": "1810"} + optional "device_name".

MAX_CAPTURE_LINES = 1_000_000


@dataclasses.dataclass(frozen=True, slots=True)
class GattRecord:
    """One characteristic value of a BLE capture (UUIDs lower case, 16-bit ones short)."""

    characteristic: str
    value: bytes
    service: str | None = None
    device_name: str | None = None


def is_ble_capture(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl"


def _uuid_field(line: dict[str, Any], key: str, number: int, source: str) -> str | None:
    text = line.get(key)
    if text is None and key == "service":
        return None
    if not isinstance(text, str) or not _UUID.match(text.strip()):
        raise UserFacingError(
            "capture.unreadable", path=source, reason=f"line {number}: bad {key} {text!r:.40}"
        )
    return short_uuid(text)


def parse_gatt_jsonl(text: str, source: str = "<text>") -> list[GattRecord]:
    """The records of a ``.jsonl`` BLE capture; blank lines and ``#`` comments are skipped."""
    records: list[GattRecord] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        stripped = raw_line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(records) >= MAX_CAPTURE_LINES:
            raise UserFacingError("capture.unreadable", path=source, reason="too many lines")
        try:
            line = json.loads(stripped)
        except ValueError:
            line = None
        if not isinstance(line, dict):
            raise UserFacingError(
                "capture.unreadable", path=source, reason=f"line {number}: not a JSON object"
            )
        characteristic = _uuid_field(line, "characteristic", number, source)
        service = _uuid_field(line, "service", number, source)
        value, name = line.get("value"), line.get("device_name")
        if not isinstance(value, str) or not _HEX.match(value.replace(" ", "")):
            raise UserFacingError(
                "capture.unreadable", path=source, reason=f"line {number}: bad value"
            )
        if name is not None and not isinstance(name, str):
            raise UserFacingError(
                "capture.unreadable", path=source, reason=f"line {number}: bad device_name"
            )
        assert characteristic is not None
        records.append(GattRecord(characteristic, bytes.fromhex(value), service, name))
    return records


def read_ble_capture(path: Path) -> list[GattRecord]:
    try:
        if path.stat().st_size > MAX_CAPTURE_BYTES:
            raise UserFacingError("capture.unreadable", path=str(path), reason="too large")
        return parse_gatt_jsonl(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise UserFacingError(
            "capture.unreadable", path=str(path), reason=type(error).__name__
        ) from error
