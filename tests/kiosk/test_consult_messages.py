"""The specialist's questions and the nurse's replies in the kiosk's store (schema v13;
kiosk/consult_messages.py): a pulled question is kept once and marks the request unread;
the reply is validated, saved with its outbox item in one transaction and shown; the
screen model's futures do the same on the runtime's writer."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from kiosk import consult_messages, consults
from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.consult_messages import PulledQuestion
from kiosk.consult_screen_model import ConsultsModel, load_rows
from kiosk.consult_updates import ConsultUpdate, apply_update, record_created
from kiosk.errors import UserFacingError
from kiosk.events import ConsultChanged
from kiosk.home_model import load_home
from kiosk.runtime import Runtime
from kiosk.store import Store
from tests.kiosk.test_consult_screen_model import ask

QUESTION = "Пожалуйста, измерьте температуру ещё раз и пришлите фото сыпи."
WAIT = 10


def on_hold(store: Store, consult_id: str, now: dt.datetime, version: str = "3") -> object:
    """What the pull writes when the Task comes back on hold with a question."""
    with store.transaction() as conn:
        record_created(
            conn,
            consult_id,
            server_request_id="sr-1",
            server_task_id="task-1",
            task_version="1",
            now=now,
        )
    question = PulledQuestion(
        "comm-1", QUESTION, "2026-11-26T06:10:00Z", "Practitioner/dr", "Dr Aigerim Seitkali"
    )
    update = ConsultUpdate(
        server_task_id="task-1",
        task_version=version,
        task_updated=(now + dt.timedelta(minutes=int(version))).isoformat(),
        state="on-hold",
        owner_display="Dr Aigerim Seitkali",
        status_reason="question to the nurse",
        questions=(question,),
    )
    return apply_update(store, consult_id, update, now=now)


def test_a_pulled_question_is_kept_once_and_asks_the_nurse(store: Store, now: dt.datetime) -> None:
    _patient, consult_id = ask(store, now)
    assert on_hold(store, consult_id, now) == ConsultChanged(consult_id, "on-hold", False)
    assert on_hold(store, consult_id, now, version="4") is None  # same question, same state

    view = consults.get_consult(store, consult_id, now=now)
    assert view.unread and view.state == "on-hold"
    assert view.open_question is not None
    assert (view.open_question.text, view.open_question.sender_display) == (
        QUESTION,
        "Dr Aigerim Seitkali",
    )
    assert view.open_question.sent_at == dt.datetime(2026, 11, 26, 6, 10, tzinfo=dt.UTC)
    [message] = view.to_json()["messages"]
    assert message["direction"] == "question" and message["text"] == QUESTION
    [row] = load_rows(store, now)
    assert row.asks is not None and row.reply_waiting is None


def test_the_reply_is_validated_and_queued_in_one_transaction(
    store: Store, now: dt.datetime
) -> None:
    _patient, consult_id = ask(store, now)
    with pytest.raises(UserFacingError) as early:
        consult_messages.reply(store, consult_id, "Температура 38,7", now=now)
    assert early.value.key == "consult.reply.no_question"
    on_hold(store, consult_id, now)
    for text, key in (("  \n", "consult.reply.empty"), ("я" * 2001, "consult.reply.too_long")):
        with pytest.raises(UserFacingError) as refused:
            consult_messages.reply(store, consult_id, text, now=now)
        assert refused.value.key == key
    with pytest.raises(UserFacingError) as unknown:
        consult_messages.reply(store, "nobody", "x", now=now)
    assert unknown.value.key == "consult.not_found"

    reply_id = consult_messages.reply(store, consult_id, " Температура 38,7 °C. ", now=now)

    item = store.query("SELECT * FROM outbox WHERE kind = 'consult' AND ref = ?", (reply_id,))
    assert len(item) == 1 and item[0]["state"] == "pending"
    create = store.scalar("SELECT id FROM outbox WHERE kind = 'consult' AND ref = ?", (consult_id,))
    deps = store.query("SELECT depends_on FROM outbox_deps WHERE item_id = ?", (item[0]["id"],))
    assert [d["depends_on"] for d in deps] == [create]
    audited = store.scalar(
        "SELECT count(*) FROM audit_log WHERE entity_type = 'Communication' AND entity_id = ?",
        (reply_id,),
    )
    assert audited == 1
    view = consults.get_consult(store, consult_id, now=now)
    assert view.open_question is None and not view.unread
    assert [(m.direction, m.text) for m in view.messages] == [
        ("question", QUESTION),
        ("reply", "Температура 38,7 °C."),
    ]
    assert view.messages[1].in_response_to == view.messages[0].id
    [row] = load_rows(store, now)
    assert row.asks is None and row.reply_waiting is not None
    row_of_reply = consult_messages.reply_row(store, reply_id)
    assert row_of_reply is not None and row_of_reply["question_id"] == "comm-1"
    assert row_of_reply["server_task_id"] == "task-1"
    consult_messages.record_reply_sent(store, reply_id, "comm-2")
    assert load_rows(store, now)[0].reply_waiting is None
    with pytest.raises(UserFacingError) as twice:
        consult_messages.reply(store, consult_id, "ещё раз", now=now)
    assert twice.value.key == "consult.reply.no_question"


def test_a_failed_reply_writes_nothing(store: Store, now: dt.datetime) -> None:
    _patient, consult_id = ask(store, now)
    on_hold(store, consult_id, now)
    before = store.scalar("SELECT count(*) FROM outbox")
    with pytest.raises(UserFacingError):
        consult_messages.reply(store, consult_id, "", now=now)
    assert store.scalar("SELECT count(*) FROM outbox") == before
    assert store.scalar("SELECT count(*) FROM consult_messages WHERE direction = 'reply'") == 0


def test_the_screen_model_replies_on_the_writer(
    store: Store, runtime: Runtime, now: dt.datetime
) -> None:
    _patient, consult_id = ask(store, now)
    on_hold(store, consult_id, now)
    model = ConsultsModel(runtime, clock=lambda: now + dt.timedelta(minutes=5))
    [row] = model.list().result(WAIT)
    assert row.asks is not None and row.asks.text == QUESTION

    shown = model.reply(consult_id, "Сыпь на груди, не чешется.").result(WAIT)

    assert shown.asks is None and shown.reply_waiting is not None
    assert shown.reply_waiting.text == "Сыпь на груди, не чешется."
    assert shown.reply_waiting.sent_at == now + dt.timedelta(minutes=5)
    with pytest.raises(UserFacingError):
        model.reply(consult_id, "again").result(WAIT)


def test_a_question_is_a_home_alert_until_the_nurse_replies(store: Store, now: dt.datetime) -> None:
    _patient, consult_id = ask(store, now)
    on_hold(store, consult_id, now)
    alert = next(a for a in load_home(store, now).alerts if a.kind == "consult_question")
    assert alert.target == consult_id  # tapping it opens the consultation
    assert alert.message("ru").startswith("Специалист (") and "ответьте" in alert.message("ru")
    consult_messages.reply(store, consult_id, "Температура 37,9; фото сыпи сделано.", now=now)
    assert not [a for a in load_home(store, now).alerts if a.kind == "consult_question"]


def test_consults_list_prints_the_conversation(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    _patient, consult_id = ask(store, now)
    on_hold(store, consult_id, now)
    consult_messages.reply(store, consult_id, "Температура 37,9.", now=now)
    result = CliRunner().invoke(
        cli, ["--data-dir", str(kiosk_config.data_dir), "--lang", "en", "consults", "list"]
    )
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    asked = next(i for i, line in enumerate(lines) if line.startswith("Dr Aigerim Seitkali asked"))
    assert lines[asked].endswith(f": {QUESTION}")
    assert lines[asked + 1].startswith("The nurse replied (") and lines[asked + 1].endswith(
        ": Температура 37,9."
    )
