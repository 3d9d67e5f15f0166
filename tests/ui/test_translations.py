"""The screens' catalogues are complete: every ``tr()`` string of ui/**/*.py is translated in kk,
ru and en (across the areas' catalogues ``ui/i18n/<area>_<lang>.ts``), nothing is unfinished or
stale or translated twice, placeholders survive, and the catalogues compile."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.i18n import LANGUAGES
from ui.i18n import CATALOGUE_DIR, areas, compile_catalogue, find_tool, ts_path
from ui.qt import QApplication, QTranslator

UI_SOURCES = sorted((CATALOGUE_DIR.parent).rglob("*.py"))
PLACEHOLDER = re.compile(r"\{(\w*)\}")

Messages = dict[tuple[str, str], ET.Element]


def messages(path: Path) -> Messages:
    """(context, source) → its <translation> element."""
    found: Messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path.name}: no <translation> in {name}"
            found[(name, message.findtext("source", ""))] = translation
    return found


def catalogue(language: str) -> Messages:
    """Every area's messages for ``language``; a message in two areas is an error."""
    merged: Messages = {}
    for area in areas():
        found = messages(ts_path(language, area))
        twice = sorted(set(merged) & set(found))
        assert twice == [], f"{area}_{language}.ts repeats messages of another area: {twice}"
        merged.update(found)
    return merged


def test_every_area_has_all_languages() -> None:
    for area in areas():
        for language in LANGUAGES:
            assert ts_path(language, area).exists(), f"{area}_{language}.ts is missing"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """Every translatable string in ui/*.py, as pyside6-lupdate sees it."""
    lupdate = find_tool("pyside6-lupdate")
    assert lupdate is not None, "pyside6-lupdate not found next to Python or on PATH"
    target = tmp_path_factory.mktemp("lupdate") / "sources.ts"
    subprocess.run(
        [str(lupdate), "-silent", "-locations", "none", *map(str, UI_SOURCES), "-ts", str(target)],
        check=True,
        timeout=60,
    )
    found = set(messages(target))
    assert len(found) > 10, "lupdate found suspiciously few strings"
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    for (context, source), translation in catalogue(language).items():
        where = f"{language} {context}: {source!r}"
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        assert (translation.text or "").strip(), f"{where} has no translation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_matches_the_sources(language: str, extracted: set[tuple[str, str]]) -> None:
    present = set(catalogue(language))
    assert sorted(extracted - present) == [], "missing: run pyside6-lupdate and translate"
    assert sorted(present - extracted) == [], "stale entries no source uses any more"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    for (context, source), translation in catalogue(language).items():
        assert set(PLACEHOLDER.findall(translation.text or "")) == set(
            PLACEHOLDER.findall(source)
        ), f"{language} {context}: {source!r}"


def test_the_catalogues_compile_and_translate(qapp: QApplication, tmp_path: Path) -> None:
    expected = {"kk": "Сақтау", "ru": "Сохранить", "en": "Save"}
    for language, text in expected.items():
        qm = compile_catalogue(language, out_dir=tmp_path)
        assert qm is not None and qm.exists()
        translator = QTranslator()
        assert translator.load(str(qm))
        assert translator.translate("MainWindow", "Save") == text
