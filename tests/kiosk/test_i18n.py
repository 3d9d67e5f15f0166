"""Every core message exists in kk, ru and en, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk import i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("key", sorted(i18n.MESSAGES))
def test_every_message_is_complete(key: str) -> None:
    kk, ru, en = i18n.MESSAGES[key]
    assert kk.strip() and ru.strip() and en.strip()
    assert en not in (kk, ru), "an untranslated copy of the English text"
    assert i18n.placeholders(kk) == i18n.placeholders(ru) == i18n.placeholders(en)


def test_every_key_used_in_the_code_exists() -> None:
    pattern = re.compile(r"""(?:Error|translate)\(\s*["']([a-z_]+\.[a-z_]+)["']""")
    used = set()
    for package in ("kiosk", "drivers", "sync", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no keys at all"
    assert used - set(i18n.MESSAGES) == set()


def test_translate_picks_the_language() -> None:
    assert "kiosk init" in i18n.translate("store.not_initialised", "en", path="/x")
    assert "kiosk init" in i18n.translate("store.not_initialised", "ru", path="/x")
    assert i18n.translate("no.such.key") == "no.such.key"
