"""The nurse's reply carries new readings and a photo, end to end on the real FHIR peer.

The specialist (the console's :class:`~sync.specialist.SpecialistClient`) asks the nurse to
measure the temperature again and send a photo of the rash; the kiosk pulls the question;
the nurse records a new visit of the same patient (a temperature and a photo) and replies
with both attached; one sync sends the visit, the photo and then the reply, whose
Communication names the visit's own Observation and Media; the console reads the reply with
the temperature's value and the photo's bytes. A photo whose upload is held back is left
out and the reply says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from kiosk import consult_messages, consults
from kiosk.config import KioskConfig
from kiosk.i18n import translate
from kiosk.store import Store
from sync import fhir_mapping, fhir_sources
from sync.engine import SyncEngine
from sync.specialist_thread import ThreadMessage
from tests.integration.test_consult_question import (
    QUESTION,
    asked_and_pulled,
    console,
    replies,
)
from tests.integration.test_consults_e2e import NOW, kiosk_store, read
from tests.kiosk.test_reply_attachments import new_visit

__all__ = ["kiosk_store"]  # the fixture, shared with test_consults_e2e

LATER = NOW + dt.timedelta(hours=1)  # the nurse measures again an hour after the question
REPLY = "Температура снова 38,4 °C. Фото сыпи прилагаю."


def sync_at(store: Store, config: KioskConfig, url: str, now: dt.datetime) -> Any:
    with SyncEngine(store, config, server_url=url, now=lambda: now) as engine:
        return engine.run_once()


def replied_with_attachments(
    base: str, store: Store, config: KioskConfig
) -> tuple[str, str, str, str, str]:
    """(consult id, Task id, visit id, reading id, photo id) after the nurse replied with
    a new visit's temperature and photo attached (not yet synced)."""
    consult_id, task_id = asked_and_pulled(base, store, config)
    patient_id = consults.get_consult(store, consult_id, now=NOW).patient_id
    visit_id, reading_id, photo_id = new_visit(store, config.media_dir, patient_id, LATER)
    consult_messages.reply(
        store,
        consult_id,
        REPLY,
        now=LATER + dt.timedelta(minutes=6),
        reading_ids=[reading_id],
        media_ids=[photo_id],
    )
    return consult_id, task_id, visit_id, reading_id, photo_id


def test_the_reply_carries_the_new_temperature_and_photo_to_the_console(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    consult_id, task_id, visit_id, reading_id, photo_id = replied_with_attachments(
        fhir_base, store, config
    )

    report = sync_at(store, config, fhir_base, LATER + dt.timedelta(minutes=10))

    assert report.done and report.photos_acked == 1
    [sent] = replies(fhir_base)
    visit = fhir_sources.visit(store, visit_id)
    assert visit is not None
    target = fhir_sources.target(store, config, visit)
    observation_id = fhir_mapping._map(visit, target).observation_of[reading_id]
    assert sent["payload"] == [
        {"contentString": REPLY},
        {"contentReference": {"reference": f"Observation/{observation_id}"}},
        {"contentReference": {"reference": f"Media/{photo_id}"}},
    ]
    assert "note" not in sent
    observation = read(fhir_base, f"Observation/{observation_id}")
    assert observation["valueQuantity"]["value"] == 38.4
    assert observation["encounter"]["reference"] == f"Encounter/{visit_id}"
    assert read(fhir_base, f"Media/{photo_id}")["encounter"]["reference"] == f"Encounter/{visit_id}"
    assert read(fhir_base, f"Task/{task_id}")["status"] == "in-progress"
    assert consults.get_consult(store, consult_id, now=LATER).messages[-1].server_id

    doctor = console(fhir_base)
    [item] = doctor.worklist()
    thread = doctor.load_case(item).thread  # as the console loads the case
    assert [(m.role, m.text) for m in thread] == [("question", QUESTION), ("reply", REPLY)]
    answer = thread[1]
    assert isinstance(answer, ThreadMessage)
    [temperature] = answer.readings
    assert temperature.values == (38.4,) and temperature.encounter == f"Encounter/{visit_id}"
    [photo] = answer.photos
    assert photo.media_id == photo_id and photo.data.startswith(b"\xff\xd8")  # the JPEG
    digest = store.scalar("SELECT sha256 FROM media WHERE id = ?", (photo_id,))
    assert hashlib.sha256(photo.data).hexdigest() == digest  # the very photo, byte for byte


def test_a_held_back_photo_is_left_out_and_the_reply_still_goes(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    _consult, _task, _visit, _reading, photo_id = replied_with_attachments(fhir_base, store, config)
    path = store.query("SELECT path FROM media WHERE id = ?", (photo_id,))[0]["path"]
    (Path(config.media_dir) / path).unlink()  # the file went missing before the sync

    sync_at(store, config, fhir_base, LATER + dt.timedelta(minutes=10))

    held = store.query("SELECT state FROM outbox WHERE kind = 'binary' AND ref = ?", (photo_id,))
    assert held[0]["state"] == "quarantined"
    [sent] = replies(fhir_base)
    references = [p["contentReference"]["reference"] for p in sent["payload"][1:]]
    assert len(references) == 1 and references[0].startswith("Observation/")
    assert sent["note"] == [{"text": translate("consult.photos_not_sent", count=1)}]
    doctor = console(fhir_base)
    [item] = doctor.worklist()
    reply = doctor.thread(item)[-1]
    assert isinstance(reply, ThreadMessage) and reply.note == sent["note"][0]["text"]
    assert [r.values for r in reply.readings] == [(38.4,)] and reply.photos == ()
