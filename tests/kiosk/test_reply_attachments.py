"""New readings and photos attached to the nurse's reply (schema v14;
kiosk/consult_reply_attachments.py) on a real SQLite store: only a saved visit of the same
patient recorded after the question may give them; they are saved with the reply and its
outbox item in one transaction, and that item waits for their visit's and photos' items."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk import consult_messages, consult_reply_attachments, encounters, services
from kiosk.config import KioskConfig
from kiosk.consult_screen_model import ConsultsModel
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.media import photos as media_photos
from kiosk.runtime import Runtime
from kiosk.store import Store
from tests.kiosk.media import synth
from tests.kiosk.test_consult_messages import on_hold
from tests.kiosk.test_consult_screen_model import ask
from tests.kiosk.test_home_model import saved_visit

ASKED = dt.timedelta(minutes=10)  # the question arrives 10 minutes after the request
WAIT = 10


OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN0042", "Contec", "CMS50D+", "SN0042")


def new_visit(
    store: Store,
    media_dir: Path,
    patient_id: str,
    at: dt.datetime,
    save: bool = True,
    oximeter: bool = False,
) -> tuple[str, str, str]:
    """(visit id, temperature reading id, photo id) of a visit recorded at ``at`` (with an
    oximeter's SpO2 too when asked)."""
    visit = services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=at)
    if oximeter:
        services.record_reading(
            store,
            encounter_id=visit.id,
            measurement=Measurement("contec-v7", "spo2", 94, "%"),
            identity=OXIMETER,
            now=at,
        )
    reading, _check = encounters.record_manual_reading(
        store, encounter_id=visit.id, reading_type="body_temp", value=38.4, unit="Cel", now=at
    )
    photo = media_photos.save_photo(
        store,
        media_dir=media_dir,
        encounter_id=visit.id,
        image=synth.scene(640, 480, seed=3),
        now=at + dt.timedelta(minutes=2),
        site="chest",
        note="rash",
    )
    if save:
        encounters.save_encounter(store, encounter_id=visit.id, now=at + dt.timedelta(minutes=5))
    return visit.id, reading.id, photo.id


def asked(store: Store, now: dt.datetime) -> tuple[str, str]:
    """(patient id, consult id) of a request whose Task came back on hold with a question."""
    patient_id, consult_id = ask(store, now)
    on_hold(store, consult_id, now + ASKED)
    return patient_id, consult_id


def deps_of(store: Store, ref: str) -> set[tuple[str, str]]:
    rows = store.query(
        "SELECT x.kind, x.ref FROM outbox o JOIN outbox_deps d ON d.item_id = o.id "
        "JOIN outbox x ON x.id = d.depends_on WHERE o.kind = 'consult' AND o.ref = ?",
        (ref,),
    )
    return {(str(r["kind"]), str(r["ref"])) for r in rows}


def test_a_reply_carries_new_readings_and_a_photo_and_waits_for_them(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    patient_id, consult_id = asked(store, now)
    later = now + dt.timedelta(hours=1)
    visit_id, reading_id, photo_id = new_visit(store, kiosk_config.media_dir, patient_id, later)

    offer = consult_reply_attachments.attachable(store, consult_id, "en")
    [reading] = offer.readings
    assert (reading.id, reading.type, reading.value, reading.unit) == (
        reading_id,
        "body_temp",
        38.4,
        "Cel",
    )
    assert reading.text == "Temperature 38.4 °C" and reading.taken_at == later
    assert consult_reply_attachments.attachable(store, consult_id, "ru").readings[0].text == (
        "Температура тела 38,4 °C"
    )
    [photo] = offer.photos
    assert photo.id == photo_id and photo.taken_at == later + dt.timedelta(minutes=2)

    reply_id = consult_messages.reply(
        store,
        consult_id,
        "Температура 38,4. Фото сыпи.",
        now=later + dt.timedelta(minutes=6),
        reading_ids=[reading_id],
        media_ids=[photo_id],
    )

    assert consult_reply_attachments.attached(store, reply_id) == (
        ((visit_id, reading_id),),
        (photo_id,),
    )
    assert deps_of(store, reply_id) == {
        ("consult", consult_id),
        ("encounter", visit_id),
        ("binary", photo_id),
    }
    assert consult_reply_attachments.attachable(store, consult_id, "en").empty  # replied


def test_attachments_are_checked(store: Store, kiosk_config: KioskConfig, now: dt.datetime) -> None:
    patient_id, consult_id = asked(store, now)
    media = kiosk_config.media_dir
    _, early_reading, early_photo = new_visit(
        store, media, patient_id, now + dt.timedelta(minutes=1)
    )
    later = now + dt.timedelta(hours=1)
    _, draft_reading, draft_photo = new_visit(store, media, patient_id, later, save=False)
    other, _ = saved_visit(store, later, family="Петров")
    _, other_reading, other_photo = new_visit(store, media, other, later)
    cases = [
        ({"reading_ids": ["no-such-reading"]}, "consult.reply.attachment_unknown"),
        ({"media_ids": ["no-such-photo"]}, "consult.reply.attachment_unknown"),
        ({"reading_ids": [other_reading]}, "consult.reply.attachment_other_patient"),
        ({"media_ids": [other_photo]}, "consult.reply.attachment_other_patient"),
        ({"reading_ids": [draft_reading]}, "consult.reply.attachment_not_new"),
        ({"media_ids": [draft_photo]}, "consult.reply.attachment_not_new"),
        ({"reading_ids": [early_reading]}, "consult.reply.attachment_not_new"),
        ({"media_ids": [early_photo]}, "consult.reply.attachment_not_new"),
    ]
    outbox_before = store.scalar("SELECT count(*) FROM outbox")
    for chosen, key in cases:
        with pytest.raises(UserFacingError) as refused:
            consult_messages.reply(store, consult_id, "Вот", now=later, **chosen)  # type: ignore[arg-type]
        assert refused.value.key == key
        for language in ("kk", "ru", "en"):
            message = translate(key, language, **refused.value.params)
            assert message != key and "{" not in message
    # nothing of a refused reply was written: no reply, no attachment, no outbox item
    assert store.scalar("SELECT count(*) FROM outbox") == outbox_before
    assert store.scalar("SELECT count(*) FROM consult_messages WHERE direction = 'reply'") == 0
    assert store.scalar("SELECT count(*) FROM consult_message_attachments") == 0
    offer = consult_reply_attachments.attachable(store, consult_id, "en")
    assert offer.empty  # the early visit began before the question, the later one is a draft


def test_a_reply_that_fails_after_its_attachments_writes_nothing(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    """Atomicity: the outbox item fails after the reply and its attachments were written."""
    patient_id, consult_id = asked(store, now)
    later = now + dt.timedelta(hours=1)
    _, reading_id, photo_id = new_visit(store, kiosk_config.media_dir, patient_id, later)
    with store.transaction() as conn:  # a broken outbox insert, after the reply row
        conn.execute(
            "CREATE TRIGGER fail_reply BEFORE INSERT ON outbox WHEN NEW.kind = 'consult' "
            "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END"
        )
    with pytest.raises(Exception, match="SQLITE_CONSTRAINT"):
        consult_messages.reply(
            store, consult_id, "Вот", now=later, reading_ids=[reading_id], media_ids=[photo_id]
        )
    assert store.scalar("SELECT count(*) FROM consult_messages WHERE direction = 'reply'") == 0
    assert store.scalar("SELECT count(*) FROM consult_message_attachments") == 0


def test_the_screen_model_offers_and_sends_the_ticked_ones(
    store: Store, runtime: Runtime, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    patient_id, consult_id = asked(store, now)
    later = now + dt.timedelta(hours=1)
    visit_id, reading_id, photo_id = new_visit(store, kiosk_config.media_dir, patient_id, later)
    model = ConsultsModel(runtime, clock=lambda: later + dt.timedelta(minutes=7))

    offer = model.attachable(consult_id, "kk").result(WAIT)
    assert [r.id for r in offer.readings] == [reading_id] and [p.id for p in offer.photos] == [
        photo_id
    ]
    assert offer.readings[0].text == "Дене қызуы 38,4 °C"

    row = model.reply(consult_id, "Температура 38,4", [reading_id], []).result(WAIT)

    [reply] = [m for m in row.view.messages if m.direction == "reply"]
    assert consult_reply_attachments.attached(store, reply.id) == (((visit_id, reading_id),), ())
    assert (reply.readings, reply.photos) == ((reading_id,), ())
    assert reply.to_json()["attachments"] == {"readings": [reading_id], "photos": []}
    [question] = [m for m in row.view.messages if m.direction == "question"]
    assert question.to_json()["attachments"] == {"readings": [], "photos": []}


def test_a_corrected_visit_is_offered_once_as_corrected(
    store: Store, kiosk_config: KioskConfig, now: dt.datetime
) -> None:
    patient_id, consult_id = asked(store, now)
    later = now + dt.timedelta(hours=1)
    visit_id, reading_id, photo_id = new_visit(store, kiosk_config.media_dir, patient_id, later)
    corrected = encounters.correct_encounter(
        store,
        visit_id,
        encounters.Changes(readings={"body_temp": (38.9, "Cel")}),
        "typed 38.4, read 38.9",
        "dana",
        later + dt.timedelta(minutes=20),
    )

    offer = consult_reply_attachments.attachable(store, consult_id, "en")
    assert [(r.encounter_id, r.value) for r in offer.readings] == [(corrected.encounter.id, 38.9)]
    assert reading_id not in {r.id for r in offer.readings}
    assert [p.id for p in offer.photos] == [photo_id]  # photos stay with the first version
