"""The ``[server]`` connection settings are read once, by :func:`kiosk.config.load_config`:
``ca_bundle``, ``proxy``, ``gzip``, ``photo_max_bytes`` and ``max_response_mib`` are schema
keys (checked like every key, translated messages naming the key and the line) and typed
fields of :class:`~kiosk.config.KioskConfig`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.config import KioskConfig, load_config
from kiosk.errors import ValidationError
from kiosk.i18n import translate
from kiosk.settings_file import resolve, set_value, template
from kiosk.settings_schema import BY_KEY

MIB = 1024 * 1024
NO_ENV: dict[str, str] = {}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def russian() -> Iterator[None]:
    before = i18n.current_language()
    i18n.set_language("ru")
    try:
        yield
    finally:
        i18n.set_language(before)


def test_the_new_keys_are_in_the_schema_the_template_and_the_docs() -> None:
    photo, cap = BY_KEY["server.photo_max_bytes"], BY_KEY["server.max_response_mib"]
    assert (photo.type, photo.default, cap.type, cap.default) == ("int", 256_000, "int", 8)
    assert all(BY_KEY[f"server.{name}"] for name in ("ca_bundle", "proxy", "gzip"))
    shown = template()
    assert "# photo_max_bytes = 256000" in shown and "# max_response_mib = 8" in shown
    docs = DOCS.read_text(encoding="utf-8")
    assert "| `server.photo_max_bytes` | integer, 16384…16777216 | `256000` |" in docs
    assert "| `server.max_response_mib` | integer, 1…256 | `8` |" in docs


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path, NO_ENV)
    assert config.server_ca_bundle is None and config.server_proxy is None
    assert config.server_gzip is False
    assert config.server_photo_max_bytes == 256_000
    assert config.server_max_response_bytes == 8 * MIB
    # a config built in code (tests, benches) has the same defaults as an empty file
    plain = KioskConfig(data_dir=tmp_path)
    assert (plain.server_photo_max_bytes, plain.server_max_response_bytes) == (256_000, 8 * MIB)


def test_the_file_fills_the_typed_fields(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        '[server]\nca_bundle = "/etc/dala/ca.pem"\nproxy = "http://10.0.0.1:3128"\n'
        "gzip = true\nphoto_max_bytes = 100000\nmax_response_mib = 1\n",
    )
    assert resolve(tmp_path, NO_ENV).problems == []  # photo_max_bytes is no longer unknown
    config = load_config(tmp_path, NO_ENV)
    assert config.server_ca_bundle == "/etc/dala/ca.pem"
    assert config.server_proxy == "http://10.0.0.1:3128"
    assert config.server_gzip is True
    assert config.server_photo_max_bytes == 100_000
    assert config.server_max_response_bytes == 1 * MIB


def test_the_ca_bundle_key_wins_and_the_environment_fills_in(tmp_path: Path) -> None:
    """docs/configuration.md: ``KIOSK_CA_BUNDLE`` is used when the key is not set."""
    env = {"KIOSK_CA_BUNDLE": "/env/ca.pem"}
    assert load_config(tmp_path, env).server_ca_bundle == "/env/ca.pem"
    write_config(tmp_path, '[server]\nca_bundle = "/etc/dala/ca.pem"\n')
    assert load_config(tmp_path, env).server_ca_bundle == "/etc/dala/ca.pem"
    assert load_config(tmp_path, NO_ENV).server_ca_bundle == "/etc/dala/ca.pem"


@pytest.mark.parametrize(
    ("line", "key", "message_key", "reason"),
    [
        ("max_response_mib = 0", "server.max_response_mib", "config.out_of_range",
         "0 is out of range: use 1…256"),
        ("max_response_mib = 257", "server.max_response_mib", "config.out_of_range",
         "257 is out of range: use 1…256"),
        ('max_response_mib = "big"', "server.max_response_mib", "config.wrong_type",
         "wrong type: expected int"),
        ("max_response_mib = 1.5", "server.max_response_mib", "config.wrong_type",
         "wrong type: expected int"),
        ("photo_max_bytes = 1000", "server.photo_max_bytes", "config.out_of_range",
         "1000 is out of range: use 16384…16777216"),
        ("photo_max_bytes = true", "server.photo_max_bytes", "config.wrong_type",
         "wrong type: expected int"),
    ],
)  # fmt: skip
def test_a_bad_value_stops_the_kiosk_naming_key_and_line(
    tmp_path: Path, line: str, key: str, message_key: str, reason: str
) -> None:
    write_config(tmp_path, f'site = "KZ-TST-0001"\n[server]\ntimeout = 5\n{line}\n')
    problems = [p for p in resolve(tmp_path, NO_ENV).problems if p.key == key]
    where = f"{tmp_path / 'config.toml'}:4"
    assert [(p.message_key, p.where, p.fatal) for p in problems] == [(message_key, where, True)]
    with pytest.raises(ValidationError) as raised:
        load_config(tmp_path, NO_ENV)
    assert raised.value.key == "config.problem" and raised.value.params["setting"] == key
    assert str(raised.value) == f"Configuration error ({where}), '{key}': {reason}"


def test_the_problem_is_in_the_technicians_language(tmp_path: Path, russian: None) -> None:
    write_config(tmp_path, '[server]\nmax_response_mib = "big"\n')
    with pytest.raises(ValidationError) as raised:
        load_config(tmp_path, NO_ENV)
    where = f"{tmp_path / 'config.toml'}:2"
    reason = translate("config.wrong_type", "ru", expected="int")
    assert reason == "неверный тип: нужен int"
    assert str(raised.value) == (f"Ошибка настройки ({where}), «server.max_response_mib»: {reason}")


def test_config_set_checks_the_cap_and_writes_it(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as raised:
        set_value(tmp_path, "server.max_response_mib", "0")
    assert raised.value.params["setting"] == "server.max_response_mib"
    assert set_value(tmp_path, "server.max_response_mib", "16").value == 16
    assert load_config(tmp_path, NO_ENV).server_max_response_bytes == 16 * MIB
