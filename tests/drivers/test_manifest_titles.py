"""Driver display names in Kazakh, Russian and English (``DriverManifest.titles``).

Every built-in manifest names its device in kk, ru and en (``en`` is its ``name``), keeping
brand, model and protocol tokens as they are; a manifest that gives only ``name`` (like the
third-party example plugin's) keeps working and is named by ``name`` in every language;
``kiosk drivers list`` prints the title in the CLI's language and its JSON adds ``titles``.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import json
import pickle
import re
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.device_api import DriverManifest, Titles, Transport
from kiosk.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
MANIFEST_FILES = sorted((ROOT / "drivers").glob("*/manifest.py"))
EXAMPLE_MANIFEST = (
    ROOT / "tests" / "plugins" / "kiosk_example_driver" / "kiosk_example_driver" / "manifest.py"
)
CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")

#: The brand, model and protocol tokens each title keeps untranslated.
KEPT = {
    "and-scale": ("A&D", "ASCII"),
    "astm": ("ASTM E1381 / E1394", "LIS1-A / LIS2-A2"),
    "bci": ("BCI", "BerryMed", "CMS50D+", "4.5", "Setocare"),
    "berrymed-ble": ("BerryMed", "BCI", "Bluetooth LE"),
    "ble-bp": ("Bluetooth", "GATT 0x1810"),
    "ble-glucose": ("Bluetooth LE", "Glucose 0x1808"),
    "ble-heart-rate": ("Bluetooth LE", "Heart Rate 0x180D"),
    "ble-plx": ("Bluetooth LE", "Pulse Oximeter 0x1822"),
    "ble-scale": ("Bluetooth LE", "Weight Scale 0x181D", "Body Composition 0x181B"),
    "ble-thermometer": ("Bluetooth LE", "Health Thermometer 0x1809"),
    "contec-ble": ("Contec CMS50D-BT", "Bluetooth LE"),
    "contec-v7": ("Contec", "V7"),
    "hl7-mllp": ("HL7 v2 ORU^R01", "MLLP", "TCP"),
    "masimo-ascii": ("Masimo Rad-8 / Radical-7", "ASCII"),
    "nonin-df2": ("Nonin", "OEM III", "Xpod"),
}


def built_in(path: Path) -> DriverManifest:
    module = importlib.import_module(f"drivers.{path.parent.name}.manifest")
    manifest = module.MANIFEST
    assert isinstance(manifest, DriverManifest)
    return manifest


def example_manifest() -> DriverManifest:
    """The third-party example plugin's manifest, which gives only ``name``."""
    spec = importlib.util.spec_from_file_location("example_manifest", EXAMPLE_MANIFEST)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    manifest = module.MANIFEST
    assert isinstance(manifest, DriverManifest)
    return manifest


def test_there_are_fifteen_built_in_manifests() -> None:
    ids = {built_in(path).id for path in MANIFEST_FILES}
    assert len(MANIFEST_FILES) == 15
    assert ids == KEPT.keys()


@pytest.mark.parametrize("path", MANIFEST_FILES, ids=lambda p: p.parent.name)
def test_every_built_in_manifest_has_three_titles(path: Path) -> None:
    manifest = built_in(path)
    assert set(manifest.titles) == set(LANGUAGES)
    for language in LANGUAGES:
        text = manifest.titles[language]
        assert text.strip() == text and text, (manifest.id, language)
        assert manifest.title(language) == text
    assert manifest.titles["en"] == manifest.name
    kk, ru = manifest.titles["kk"], manifest.titles["ru"]
    assert kk != ru and manifest.name not in (kk, ru)
    assert CYRILLIC.search(kk) and CYRILLIC.search(ru), manifest.id


@pytest.mark.parametrize("path", MANIFEST_FILES, ids=lambda p: p.parent.name)
def test_titles_keep_brand_model_and_protocol_tokens(path: Path) -> None:
    manifest = built_in(path)
    for token in KEPT[manifest.id]:
        for language in LANGUAGES:
            assert token in manifest.titles[language], (manifest.id, language, token)


def test_a_manifest_without_titles_is_named_by_its_name_everywhere() -> None:
    example = example_manifest()
    assert example.titles == {} and len(example.titles) == 0
    for language in (*LANGUAGES, "de"):
        assert example.title(language) == example.name
    assert example.to_json()["name"] == example.name
    assert example.to_json()["titles"] == {}


def test_a_missing_or_blank_language_falls_back_to_the_name() -> None:
    partial = DriverManifest(
        "spiro", "Spirometer", Transport.SERIAL, titles={"ru": " Спирометр ", "kk": "  "}
    )
    assert partial.title("ru") == "Спирометр"
    assert partial.title("kk") == "Spirometer"  # blank: not shown as an empty name
    assert partial.title("en") == "Spirometer"
    nameless = DriverManifest("spiro", " ", Transport.SERIAL, titles={"en": "Spirometer"})
    assert nameless.title("kk") == "Spirometer"  # no name: the English title
    assert DriverManifest("spiro", "", Transport.SERIAL).title("ru") == ""


def test_titles_are_read_only_and_the_manifest_stays_a_hashable_value() -> None:
    given = {"kk": "Спирометр (kk)", "ru": "Спирометр", "en": "Spirometer"}
    manifest = DriverManifest("spiro", "Spirometer", Transport.SERIAL, titles=given)
    given["ru"] = "changed later"
    assert manifest.titles["ru"] == "Спирометр"  # a copy, not the caller's dict
    assert isinstance(manifest.titles, Titles)
    with pytest.raises(TypeError):
        manifest.titles["ru"] = "x"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        manifest.titles = {}  # type: ignore[misc]
    same = DriverManifest(
        "spiro",
        "Spirometer",
        Transport.SERIAL,
        titles=Titles(reversed(list(manifest.titles.items()))),
    )
    assert same == manifest and hash(same) == hash(manifest)
    assert len({manifest, same}) == 1
    assert pickle.loads(pickle.dumps(manifest)) == manifest
    other = dataclasses.replace(manifest, titles={"ru": "Пикфлоуметр"})
    assert other != manifest and other.title("ru") == "Пикфлоуметр"
    assert manifest.to_json()["titles"] == {
        "kk": "Спирометр (kk)",
        "ru": "Спирометр",
        "en": "Spirometer",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_drivers_list_names_each_driver_in_the_clis_language(language: str) -> None:
    result = CliRunner().invoke(cli, ["--lang", language, "drivers", "list"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    for path in MANIFEST_FILES:
        manifest = built_in(path)
        assert manifest.titles[language] in lines[manifest.id], lines[manifest.id]
        others = {manifest.titles[other] for other in LANGUAGES} - {manifest.titles[language]}
        assert not any(text in lines[manifest.id] for text in others)


def test_drivers_list_json_keeps_name_and_adds_titles() -> None:
    result = CliRunner().invoke(cli, ["--lang", "kk", "drivers", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["drivers"]}
    for path in MANIFEST_FILES:
        manifest = built_in(path)
        row = rows[manifest.id]
        assert row["name"] == manifest.name  # English, whatever --lang says
        assert row["titles"] == dict(manifest.titles)
