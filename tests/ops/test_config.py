"""config.toml: schema, validation naming key and line, `kiosk config show / set`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ValidationError
from kiosk.settings_file import MASK, resolve, set_value, template
from kiosk.settings_schema import SCHEMA
from tests.ops.conftest import kiosk

ROOT = Path(__file__).resolve().parents[2]


def test_every_key_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [s.key for s in SCHEMA if f"`{s.key}`" not in text]
    assert missing == []


def test_defaults_match_the_old_behaviour(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert (config.site, config.language, config.server_url) == ("KZ-DEMO-0001", "en", None)
    assert config.identifier_base == "https://dala.example/fhir/" and config.server_timeout == 30


def test_existing_keys_and_env_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.toml").write_text(
        'site = "KZ-AKM-0042"\nidentifier_base = "https://h.example/fhir"\nlanguage = "ru"\n'
        '[server]\nurl = "https://fhir.h.example/fhir/R4"\ntimeout = 12\ntoken_env = "MY_TOKEN"\n'
        '[ports]\n"/dev/ttyUSB0" = "contec-v7"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("MY_TOKEN", "s3cret")
    monkeypatch.setenv("KIOSK_LANG", "kk")
    config = load_config(tmp_path)
    assert config.site == "KZ-AKM-0042" and config.identifier_base == "https://h.example/fhir/"
    assert config.language == "kk" and config.server_token == "s3cret"
    assert config.server_timeout == 12.0 and config.ports == {"/dev/ttyUSB0": "contec-v7"}
    values = resolve(tmp_path).values
    assert values["language"].source == "env:KIOSK_LANG" and values["site"].source == "file"
    assert values["server.token"].source == "env:MY_TOKEN"


@pytest.mark.parametrize(
    ("text", "key", "line", "words"),
    [
        ('site = "KZ-A"\n[server]\nurl = "ftp://x"\n', "server.url", 3, "valid http"),
        ('language = "de"\n', "language", 1, "not supported"),
        ('site = "kz akm"\n', "site", 1, "site code"),
        ('[server]\ntimeout = "soon"\n', "server.timeout", 2, "wrong type"),
        ('[ports]\n"/dev/ttyUSB0" = "Contec V7"\n', "ports", 2, "driver id"),
    ],
)
def test_errors_name_the_key_and_the_line(
    tmp_path: Path, text: str, key: str, line: int, words: str
) -> None:
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_config(tmp_path)
    message = str(caught.value)
    assert f"config.toml:{line}" in message and f"'{key}'" in message and words in message


def test_unknown_key_is_a_warning_not_a_stop(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('site = "KZ-AKM-1"\n[ui]\ncolour = 1\n', "utf-8")
    assert load_config(tmp_path).site == "KZ-AKM-1"
    (problem,) = resolve(tmp_path).problems
    assert problem.key == "ui.colour" and not problem.fatal and ":3" in problem.where
    result = kiosk(tmp_path, "config", "check")
    assert result.exit_code == 0 and "unknown key 'ui.colour'" in result.stderr


def test_set_keeps_comments_and_writes_0600(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# my kiosk\nsite = "KZ-AKM-1"  # the site\n'
        '[server]\nurl = "https://a.example/r4" # hospital\n',
        "utf-8",
    )
    set_value(tmp_path, "site", "KZ-AKM-0042")
    set_value(tmp_path, "server.url", "https://b.example/fhir/R4")
    set_value(tmp_path, "server.timeout", "45")
    set_value(tmp_path, "ports./dev/ttyUSB0", "contec-v7")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# my kiosk\nsite = "KZ-AKM-0042"  # the site\n')
    assert 'url = "https://b.example/fhir/R4"  # hospital' in text
    assert (path.stat().st_mode & 0o777) == 0o600
    config = load_config(tmp_path)
    assert config.server_timeout == 45.0 and config.ports == {"/dev/ttyUSB0": "contec-v7"}
    assert not list(tmp_path.glob(".config.toml.*")), "no temporary file left behind"


def test_set_refuses_bad_values_and_leaves_the_file(tmp_path: Path) -> None:
    kiosk(tmp_path, "config", "set", "site", "KZ-AKM-0042")
    before = (tmp_path / "config.toml").read_text(encoding="utf-8")
    for key, value, words in [
        ("language", "de", "not supported"),
        ("server.url", "not a url", "valid http"),
        ("colour", "red", "unknown key"),
        ("backup.keep", "many", "wrong type"),
    ]:
        result = kiosk(tmp_path, "config", "set", key, value)
        assert result.exit_code == 1 and words in result.stderr, result.stderr
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == before


def test_new_file_is_a_commented_template(tmp_path: Path) -> None:
    result = kiosk(tmp_path, "config", "set", "languages", "kk,ru")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert "# server.url" not in text and "# url = (not set)" in text
    assert load_config(tmp_path).languages == ("kk", "ru")
    assert template().count("# ") >= len(SCHEMA)


def test_show_json_masks_secrets_and_gives_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk(tmp_path, "config", "set", "server.token", "top-secret-token")
    monkeypatch.setenv("KIOSK_SITE", "KZ-ENV-7")
    result = kiosk(tmp_path, "config", "show", "--json")
    assert result.exit_code == 0, result.stderr
    assert "top-secret-token" not in result.stdout
    settings = {s["key"]: s for s in json.loads(result.stdout)["settings"]}
    assert settings["server.token"] == {"key": "server.token", "value": MASK, "source": "file"}
    assert settings["site"]["source"] == "env:KIOSK_SITE"
    assert settings["backup.keep"] == {"key": "backup.keep", "value": 7, "source": "default"}
    human = kiosk(tmp_path, "config", "show")
    assert "top-secret-token" not in human.output and re.search(
        r"site\s+= 'KZ-ENV-7'", human.stdout
    )


def test_config_commands_work_with_a_broken_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('language = "de"\n', "utf-8")
    assert kiosk(tmp_path, "status").exit_code == 1
    shown = kiosk(tmp_path, "config", "show")
    assert shown.exit_code == 1 and "config.toml:1" in shown.stderr
    assert kiosk(tmp_path, "config", "set", "language", "kk").exit_code == 0
    assert load_config(tmp_path).language == "kk"
