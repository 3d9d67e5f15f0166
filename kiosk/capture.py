"""Capture files (interfaces.md): ``*.bin`` raw serial bytes, ``*.hex`` the same as hex text.

A ``.hex`` file holds whitespace-separated byte pairs; ``#`` starts a comment. Anything
else is an error with the line number, never a silent skip.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.errors import UserFacingError

MAX_CAPTURE_BYTES = 64 * 1024 * 1024


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
