"""``kiosk review``'s options and token handling, and the console's screenshots for the docs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import PIL.Image
import pytest
from click.testing import CliRunner
from pytestqt.qtbot import QtBot

from kiosk.cli import cli
from kiosk.errors import UserFacingError
from kiosk.i18n import LANGUAGES
from ui.i18n import Translations
from ui.review.cli import check_practitioner, read_token
from ui.review.screenshots import load_demo, render_review_screenshots
from ui.review.window import ReviewWindow


def test_review_command_is_registered_with_help() -> None:
    result = CliRunner().invoke(cli, ["review", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--server", "--token-file", "--practitioner", "--specialty", "--ca-bundle"):
        assert option in result.output


def test_review_without_a_token_stops_with_a_clear_message() -> None:
    result = CliRunner(env={"KIOSK_REVIEW_TOKEN": ""}).invoke(
        cli,
        [
            "--lang",
            "ru",
            "review",
            "--server",
            "http://127.0.0.1:9/fhir",
            "--practitioner",
            "Practitioner/1",
        ],
    )
    assert result.exit_code == 2
    assert "Нет токена" in result.output


def test_token_comes_from_the_file_or_the_environment(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("abc.def\n", encoding="utf-8")
    token_file.chmod(0o644)  # readable by others: a bearer token there is refused
    with pytest.raises(UserFacingError) as open_file:
        read_token(token_file, {})
    assert open_file.value.key == "security.secret_file_open" and "0o644" in str(open_file.value)
    token_file.chmod(0o600)
    assert read_token(token_file, {}) == "abc.def"
    assert read_token(None, {"KIOSK_REVIEW_TOKEN": " xyz "}) == "xyz"
    with pytest.raises(UserFacingError) as missing:
        read_token(tmp_path / "absent", {})
    assert missing.value.key == "review.token_unreadable"
    token_file.write_text("\n", encoding="utf-8")
    with pytest.raises(UserFacingError):
        read_token(token_file, {})


def test_practitioner_must_be_a_reference() -> None:
    assert check_practitioner("Practitioner/dr-7") == "Practitioner/dr-7"
    for bad in ("dr-7", "Patient/1", "Practitioner/", "Practitioner/a/b"):
        with pytest.raises(UserFacingError):
            check_practitioner(bad)


def test_demo_case_is_read_by_the_same_functions_as_the_server_data() -> None:
    items, case = load_demo()
    assert [i.priority for i in items] == ["stat", "urgent", "urgent", "routine"]
    assert case.item.specialty == "dermatologist"
    assert case.news2_score == 6 and len(case.vitals) == 4
    assert len(case.photos) == 1 and len(case.earlier_photos) == 1


def test_screenshots_are_written_in_every_language(
    tmp_path: Path, translations: Translations
) -> None:
    pixels = {}
    for language in LANGUAGES:
        written = render_review_screenshots(tmp_path, language)
        assert [p.name for p in written] == [
            f"review-case-{language}.png",
            f"review-photos-{language}.png",
            f"review-answer-{language}.png",
        ]
        for path in written:
            with PIL.Image.open(path) as image:
                assert image.size[0] >= 1400 and image.size[1] >= 900
                pixels[path.name] = image.convert("RGB").tobytes()
    assert pixels["review-case-ru.png"] != pixels["review-case-en.png"]  # translated
    assert pixels["review-case-en.png"] != pixels["review-answer-en.png"]


def test_the_kiosks_note_is_shown_under_the_question(
    qtbot: QtBot, translations: Translations
) -> None:
    """ServiceRequest.note (e.g. the kiosk's "1 photo could not be sent") is shown as written,
    under the nurse's question."""
    translations.use("en")
    _items, case = load_demo()
    note = "1 photo(s) chosen at the kiosk could not be sent (file missing or damaged)."
    case = dataclasses.replace(case, item=dataclasses.replace(case.item, notes=(note,)))
    window = ReviewWindow(None, "en")
    qtbot.addWidget(window)
    window.show_case(case)
    lines = window.case_view.question.text().splitlines()
    assert lines == [f"Question from the nurse: {case.item.question}", note]
