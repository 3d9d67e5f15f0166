"""The ``[screen]`` settings: ``screen.idle_lock_minutes`` and ``screen.hide_cursor`` are
checked like every key (translated messages naming the key and the line), set safely by
``kiosk config set``, overridden by their environment variable, and read at start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ValidationError
from kiosk.i18n import translate
from kiosk.screen_settings import ScreenSettings, screen_settings
from kiosk.settings_file import resolve, set_value, template
from kiosk.settings_schema import BY_KEY, check, parse_text
from kiosk.sign_in_flow import DEFAULT_IDLE_LOCK

IDLE = BY_KEY["screen.idle_lock_minutes"]
CURSOR = BY_KEY["screen.hide_cursor"]
NO_ENV: dict[str, str] = {}


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return folder


def test_defaults_are_todays_behaviour(tmp_path: Path) -> None:
    assert (IDLE.type, IDLE.default, IDLE.env) == ("int", 5, "KIOSK_IDLE_LOCK_MINUTES")
    assert (CURSOR.type, CURSOR.default) == ("str", "auto")
    assert DEFAULT_IDLE_LOCK.total_seconds() == 5 * 60
    assert screen_settings(tmp_path, NO_ENV) == ScreenSettings(dt.timedelta(minutes=5), "auto")
    shown = template()
    assert "[screen]" in shown and "# idle_lock_minutes = 5" in shown
    assert '# hide_cursor = "auto"' in shown


@pytest.mark.parametrize("minutes", [1, 2, 5, 30, 60])
def test_idle_minutes_in_range_are_accepted(minutes: int) -> None:
    assert check(IDLE, minutes) is None


@pytest.mark.parametrize("minutes", [0, -5, 61, 1440])
def test_idle_minutes_out_of_range_are_refused(minutes: int) -> None:
    assert check(IDLE, minutes) == (
        "config.out_of_range",
        {"value": minutes, "low": 1, "high": 60},
    )


@pytest.mark.parametrize("value", [2.5, "5", True])
def test_idle_minutes_must_be_a_whole_number(value: object) -> None:
    assert check(IDLE, value) == ("config.wrong_type", {"expected": "int"})


@pytest.mark.parametrize("mode", ["auto", "always", "never"])
def test_cursor_modes_are_accepted(mode: str) -> None:
    assert check(CURSOR, mode) is None


@pytest.mark.parametrize("mode", ["sometimes", "Always", "1", "yes"])
def test_other_cursor_modes_are_refused(mode: str) -> None:
    assert check(CURSOR, mode) == (
        "config.bad_choice",
        {"value": mode, "allowed": "auto, always, never"},
    )


def test_the_reasons_are_translated_in_kazakh_russian_and_english() -> None:
    out_of_range = {"value": 90, "low": 1, "high": 60}
    choice = {"value": "sometimes", "allowed": "auto, always, never"}
    texts = {
        language: (
            translate("config.out_of_range", language, **out_of_range),
            translate("config.bad_choice", language, **choice),
        )
        for language in ("kk", "ru", "en")
    }
    assert texts["en"] == (
        "90 is out of range: use 1…60",
        "'sometimes' is not allowed; use one of: auto, always, never",
    )
    assert len(set(texts.values())) == 3, "three different languages"
    for range_text, choice_text in texts.values():
        assert "90" in range_text and "1…60" in range_text
        assert "sometimes" in choice_text and "auto, always, never" in choice_text


def test_parse_text_reads_the_command_line_and_the_environment() -> None:
    assert parse_text(IDLE, "10") == 10
    assert parse_text(CURSOR, "never") == "never"
    with pytest.raises(ValueError):
        parse_text(IDLE, "ten")


def test_config_set_writes_the_screen_table_and_the_kiosk_reads_it(tmp_path: Path) -> None:
    assert set_value(tmp_path, "screen.idle_lock_minutes", "2").value == 2
    assert set_value(tmp_path, "screen.hide_cursor", "never").value == "never"
    text = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert "idle_lock_minutes = 2" in text and 'hide_cursor = "never"' in text
    values = resolve(tmp_path, NO_ENV).values
    assert values["screen.idle_lock_minutes"].source == "file"
    assert screen_settings(tmp_path, NO_ENV) == ScreenSettings(dt.timedelta(minutes=2), "never")
    load_config(tmp_path)  # a good file starts the kiosk


@pytest.mark.parametrize(
    ("key", "text", "reason"),
    [
        ("screen.idle_lock_minutes", "0", "0 is out of range: use 1…60"),
        ("screen.idle_lock_minutes", "61", "61 is out of range: use 1…60"),
        ("screen.idle_lock_minutes", "ten", "wrong type"),
        ("screen.hide_cursor", "sometimes", "auto, always, never"),
    ],
)
def test_config_set_refuses_a_bad_value_and_leaves_the_file(
    tmp_path: Path, key: str, text: str, reason: str
) -> None:
    set_value(tmp_path, "screen.idle_lock_minutes", "7")
    before = (tmp_path / "config.toml").read_text(encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        set_value(tmp_path, key, text)
    assert raised.value.key == "config.problem" and raised.value.params["setting"] == key
    assert reason in str(raised.value)
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("text", "key", "line", "message_key"),
    [
        ("[screen]\nidle_lock_minutes = 90\n", "screen.idle_lock_minutes", 2,
         "config.out_of_range"),
        ('[server]\ntimeout = 5\n[screen]\n\nhide_cursor = "off"\n', "screen.hide_cursor", 5,
         "config.bad_choice"),
        ('[screen]\nidle_lock_minutes = "5"\n', "screen.idle_lock_minutes", 2,
         "config.wrong_type"),
    ],
)  # fmt: skip
def test_a_bad_file_stops_the_kiosk_naming_key_and_line(
    tmp_path: Path, text: str, key: str, line: int, message_key: str
) -> None:
    write_config(tmp_path, text)
    problems = [p for p in resolve(tmp_path, NO_ENV).problems if p.key == key]
    assert [(p.message_key, p.where, p.fatal) for p in problems] == [
        (message_key, f"{tmp_path / 'config.toml'}:{line}", True)
    ]
    with pytest.raises(ValidationError) as raised:
        load_config(tmp_path)
    assert raised.value.params["setting"] == key


def test_the_environment_wins_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, "[screen]\nidle_lock_minutes = 20\n")
    env = {"KIOSK_IDLE_LOCK_MINUTES": "3"}
    assert screen_settings(tmp_path, env).idle_lock == dt.timedelta(minutes=3)
    assert resolve(tmp_path, env).values["screen.idle_lock_minutes"].source == (
        "env:KIOSK_IDLE_LOCK_MINUTES"
    )
    monkeypatch.setenv("KIOSK_IDLE_LOCK_MINUTES", "3")
    assert screen_settings(tmp_path).idle_lock == dt.timedelta(minutes=3)


@pytest.mark.parametrize("value", ["0", "soon"])
def test_a_bad_environment_value_is_named(tmp_path: Path, value: str) -> None:
    write_config(tmp_path, "[screen]\nidle_lock_minutes = 20\n")
    problems = resolve(tmp_path, {"KIOSK_IDLE_LOCK_MINUTES": value}).problems
    assert [(p.key, p.where) for p in problems] == [
        ("screen.idle_lock_minutes", "environment KIOSK_IDLE_LOCK_MINUTES")
    ]
    with pytest.raises(ValidationError) as refused:  # `kiosk run` stops, as load_config does
        screen_settings(tmp_path, {"KIOSK_IDLE_LOCK_MINUTES": value})
    assert "KIOSK_IDLE_LOCK_MINUTES" in str(refused.value)
    assert "screen.idle_lock_minutes" in str(refused.value)
