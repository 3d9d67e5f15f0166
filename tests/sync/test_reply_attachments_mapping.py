"""The nurse's attached readings and photos in the reply's Communication (pure mapping,
sync/fhir_consult_messages.py) and back in the console's thread (sync/specialist_thread.py);
and, on a real store, the Observation ids the reply names are those the visit's own sync
gives (sync/consult_reply.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import consult_messages, consult_reply_attachments
from kiosk.config import KioskConfig
from kiosk.store import Store
from sync import consult_reply, fhir_mapping, fhir_sources
from sync.fhir_consult_messages import ReplyInput, reply_bundle
from sync.specialist_thread import ThreadMessage, read_thread
from tests.kiosk.test_reply_attachments import asked, new_visit
from tests.sync.fhir_r4b import assert_valid_bundle
from tests.sync.test_consult_messages_mapping import BASE, TASK

REPLY = ReplyInput(
    id="0b7f8c7e-2c1d-4c55-9a0e-5d2f3c4b1a00",
    text="Температура 38,4 °C, фото сыпи.",
    sent_at=dt.datetime(2026, 11, 26, 7, 30, tzinfo=dt.UTC),
    question_ref="Communication/q-1",
    asked_by="Practitioner/dr",
    attachments=("Observation/o-1", "Media/m-1", "Observation/o-1"),
)


def test_each_attachment_is_one_content_reference_after_the_words() -> None:
    bundle = reply_bundle(REPLY, TASK, BASE)
    assert assert_valid_bundle(bundle) == {"Communication"}
    sent = bundle["entry"][0]["resource"]
    assert sent["payload"] == [
        {"contentString": "Температура 38,4 °C, фото сыпи."},
        {"contentReference": {"reference": "Observation/o-1"}},  # named once
        {"contentReference": {"reference": "Media/m-1"}},
    ]
    assert "note" not in sent
    noted = dataclasses.replace(REPLY, attachments=("Observation/o-1",), note="1 photo not sent")
    held = reply_bundle(noted, TASK, BASE)
    assert assert_valid_bundle(held) == {"Communication"}
    assert held["entry"][0]["resource"]["note"] == [{"text": "1 photo not sent"}]
    plain = dataclasses.replace(REPLY, attachments=())
    assert reply_bundle(plain, TASK, BASE)["entry"][0]["resource"]["payload"] == [
        {"contentString": REPLY.text}
    ]


def test_the_console_reads_the_references_of_the_kiosks_reply_only() -> None:
    sent = {"id": "c-2", **reply_bundle(REPLY, TASK, BASE)["entry"][0]["resource"]}
    sent["note"] = [{"text": "1 photo not sent"}]
    question = {
        "resourceType": "Communication",
        "id": "c-1",
        "status": "completed",
        "about": [{"reference": "Task/task-1"}],
        "sender": {"reference": "Practitioner/dr", "display": "Dr"},
        "sent": "2026-11-26T06:10:00Z",
        "payload": [
            {"contentString": "Измерьте температуру"},
            {"contentReference": {"reference": "Observation/old"}},
        ],
    }
    first, reply = read_thread([sent, question], "task-1")
    assert isinstance(first, ThreadMessage) and first.references == ()  # a question's own
    assert isinstance(reply, ThreadMessage) and reply.role == "reply"
    assert reply.text == REPLY.text
    assert reply.references == ("Observation/o-1", "Media/m-1")
    assert reply.note == "1 photo not sent" and reply.readings == () and reply.photos == ()


def test_the_reply_names_the_observations_the_visit_sync_gives(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    patient_id, consult_id = asked(store, now)
    later = now + dt.timedelta(hours=1)
    visit_id, reading_id, photo_id = new_visit(
        store, kiosk_config.media_dir, patient_id, later, oximeter=True
    )
    [spo2] = [
        r.id
        for r in consult_reply_attachments.attachable(store, consult_id, "en").readings
        if r.type == "spo2"
    ]
    reply_id = consult_messages.reply(
        store,
        consult_id,
        "Вот",
        now=later,
        reading_ids=[reading_id, spo2],
        media_ids=[photo_id],
    )
    visit = fhir_sources.visit(store, visit_id)
    assert visit is not None
    full = fhir_mapping._map(visit, fhir_sources.target(store, kiosk_config, visit))
    base = kiosk_config.identifier_base
    assert consult_reply.observation_ids(store, base, visit_id) == full.observation_of
    references, held = consult_reply.attachment_references(store, base, reply_id)
    assert set(full.observation_of) == {reading_id, spo2}  # a device reading and a typed one
    assert references == (
        f"Observation/{full.observation_of[reading_id]}",
        f"Observation/{full.observation_of[spo2]}",
        f"Media/{photo_id}",
    )
    assert held == 0
    with store.transaction() as conn:  # the photo's upload was refused: left out, counted
        conn.execute(
            "UPDATE outbox SET state = 'quarantined' WHERE kind = 'binary' AND ref = ?",
            (photo_id,),
        )
    assert consult_reply.attachment_references(store, base, reply_id) == (references[:2], 1)
