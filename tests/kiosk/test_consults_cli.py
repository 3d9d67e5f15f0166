"""``kiosk demo --consults K``, ``kiosk consults list [--json]`` and ``kiosk consults
request`` (interfaces.md "consults"), through the real CLI, store and simulated devices."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.i18n import translate

JSON_KEYS = {
    "id",
    "encounter_id",
    "patient_id",
    "specialty",
    "urgency",
    "state",
    "question",
    "requested_at",
    "deadline",
    "overdue",
    "owner",
    "answer",
    "decision",
    "codes",
    "follow_up",
    "answered_at",
    "unread",
    "status_reason",
    "messages",  # added with the specialist's questions (docs/consults.md)
}


def run(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_demo_asks_k_specialists_and_list_shows_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "init")[0] == 0
    code, _, err = run(data, "demo", "--headless", "--encounters", "2", "--consults", "1")
    assert code == 0, err

    code, out, err = run(data, "consults", "list", "--json")
    assert code == 0, err
    [first] = json.loads(out)["consults"]
    assert set(first) == JSON_KEYS
    assert first["state"] == "queued" and first["answer"] is None and first["overdue"] is False
    assert first["messages"] == []
    encounters = json.loads(run(data, "encounters", "list", "--json")[1])
    ids = [
        e["id"] for e in (encounters["encounters"] if isinstance(encounters, dict) else encounters)
    ]
    other = next(i for i in ids if i != first["encounter_id"])

    code, out, err = run(
        data,
        "consults",
        "request",
        other,
        "--specialty",
        "cardiologist",
        "--urgency",
        "emergency",
        "--question",
        "Chest pain for an hour",
        "--all",
        "--json",
    )
    assert code == 0, err
    made = json.loads(out)
    assert (made["specialty"], made["urgency"], made["state"]) == (
        "cardiologist",
        "emergency",
        "queued",
    )
    code, out, _ = run(data, "consults", "list")
    assert code == 0 and out.count(translate("consult.state.queued", "en")) == 2
    assert "cardiologist" in out and "emergency (1 h)" in out
    listed = json.loads(run(data, "consults", "list", "--json")[1])["consults"]
    assert [c["id"] for c in listed] == [made["id"], first["id"]]  # newest first


def test_bad_requests_are_one_clear_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "init")[0] == 0
    code, _, err = run(
        data,
        "consults",
        "request",
        "nope",
        "--specialty",
        "surgeon",
        "--urgency",
        "urgent",
        "--question",
        "q",
    )
    assert code == 1 and err.strip() == "kiosk: No such visit: nope"
    code, _, err = run(
        data,
        "consults",
        "request",
        "nope",
        "--specialty",
        "astrologer",
        "--urgency",
        "urgent",
        "--question",
        "q",
    )
    assert code == 2 and "astrologer" in err
    code, _, err = run(data, "demo", "--headless", "--encounters", "1", "--consults", "2")
    assert code == 1 and "between 0 and the number of encounters (1)" in err
    code, out, _ = run(data, "consults", "list")
    assert code == 0 and out == ""
