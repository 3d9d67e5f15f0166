"""The home screen's model against a real store: today's visits, sync state, alerts."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiosk import encounters, services
from kiosk.home_model import QuarantinedItem, clean_reason, load_home
from kiosk.store import Store, outbox

#: clinical.md §1.3 case C: RR 21, SpO2 95, air, SBP 110, pulse 91, A, 38.1 → 6, medium.
CASE_C = (
    ("resp_rate", 21, "/min"),
    ("spo2", 95, "%"),
    ("systolic_bp", 110, "mm[Hg]"),
    ("pulse_rate", 91, "/min"),
    ("body_temp", 38.1, "Cel"),
)


def saved_visit(
    store: Store,
    now: dt.datetime,
    family: str = "Қасымов",
    values: tuple[tuple[str, float, str], ...] = CASE_C,
    patient_id: str | None = None,
) -> tuple[str, str]:
    """A saved adult visit (case C unless told), as (patient id, encounter id)."""
    if patient_id is None:
        patient_id = services.register_patient(
            store, family=family, given="Ерлан", birth_date=dt.date(1985, 3, 14), now=now
        ).id
    encounter_id = services.start_encounter(store, patient_id=patient_id, site="KZ-T-1", now=now).id
    for kind, value, unit in values:
        encounters.record_manual_reading(
            store, encounter_id=encounter_id, reading_type=kind, value=value, unit=unit, now=now
        )
    encounters.set_assessment(store, encounter_id, consciousness="alert", on_oxygen=False, now=now)
    encounters.set_complaints(store, encounter_id, ["cough", "fever"], "үш күн", now=now)
    encounters.save_encounter(store, encounter_id=encounter_id, now=now)
    return patient_id, encounter_id


def outcome(text: str) -> str:
    issue = {"severity": "error", "code": "invalid", "details": {"text": text}}
    return json.dumps({"resourceType": "OperationOutcome", "issue": [issue]})


def test_todays_visit_is_listed_with_its_band_and_sync_state(
    store: Store, now: dt.datetime
) -> None:
    _, encounter_id = saved_visit(store, now)
    yesterday = now - dt.timedelta(days=2)
    saved_visit(store, yesterday, family="Петров")
    state = load_home(store, now + dt.timedelta(minutes=5))
    assert [v.encounter_id for v in state.visits] == [encounter_id]
    visit = state.visits[0]
    assert visit.patient_name == "Қасымов Ерлан"
    assert (visit.score_kind, visit.total, visit.band) == ("news2", 6, "medium")
    assert visit.band_key() == "screens.band.medium"
    assert visit.sync == "waiting"
    item = outbox.latest_item(store.conn, "encounter", encounter_id)
    assert item is not None
    outbox.mark_acked(store, item[0], now, [])
    assert load_home(store, now).visits[0].sync == "sent"


def test_quarantined_item_shows_the_servers_reason_in_the_nurses_language(
    store: Store, now: dt.datetime
) -> None:
    _, encounter_id = saved_visit(store, now)
    item = outbox.latest_item(store.conn, "encounter", encounter_id)
    assert item is not None
    outbox.mark_quarantined(store, item[0], 422, outcome("Observation.valueQuantity: bad unit"))
    state = load_home(store, now)
    assert state.visits[0].sync == "held"
    assert state.sync.quarantined_count == 1
    held = state.sync.quarantined[0]
    assert held.message("en") == (
        "Visit: rejected by the server (HTTP 422): Observation.valueQuantity: bad unit"
    )
    assert held.message("ru").startswith("Приём: отклонено сервером (HTTP 422)")
    assert held.message("kk").startswith("Қабылдау: сервер қабылдамады")
    alert = next(a for a in state.alerts if a.kind == "quarantined")
    assert alert.message("en") == "Held back: 1 item(s). Tell the technician."


def test_local_rejections_and_conflicts_have_their_own_words() -> None:
    local = QuarantinedItem(1, "register-patient", None, "the patient record is missing")
    assert local.message("en").startswith("Patient record: not sent, the record failed")
    conflict = QuarantinedItem(2, "encounter", 409, "")
    assert "another version" in conflict.message("en")
    assert conflict.message("en").endswith("no reason given")


def test_a_reason_is_one_short_line_never_a_stack_trace() -> None:
    trace = "boom\nTraceback (most recent call last):\n  File x.py, line 1\nKeyError: 'a'"
    assert clean_reason(outcome(trace)) == "boom"
    assert clean_reason("not json at all\nsecond line") == "not json at all"
    long = clean_reason(outcome("x" * 500))
    assert len(long) == 160 and long.endswith("…")
    assert clean_reason(None) == ""


def test_sync_error_kind_and_last_sync_are_reported(store: Store, now: dt.datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('last_sync', ?), "
            "('last_sync_error', 'NETWORK')",
            (now.isoformat(),),
        )
    state = load_home(store, now)
    assert state.sync.last_sync == now
    alert = next(a for a in state.alerts if a.kind == "sync_error")
    assert alert.message("en") == "The last sync failed: no connection to the server"
    assert alert.message("ru") == "Последняя синхронизация не удалась: нет связи с сервером"


def test_a_corrected_visit_is_listed_once(store: Store, now: dt.datetime) -> None:
    _, encounter_id = saved_visit(store, now)
    corrected = encounters.correct_encounter(
        store, encounter_id, encounters.Changes(notes="re-measured"), "typo", "nurse", now
    )
    visits = load_home(store, now).visits
    assert [v.encounter_id for v in visits] == [corrected.encounter.id]


def test_an_overdue_consultation_is_an_alert_that_opens_it(store: Store, now: dt.datetime) -> None:
    consults = pytest.importorskip("kiosk.consults")  # another area's module (issue 9)
    _, encounter_id = saved_visit(store, now)
    request = consults.ConsultRequest(encounter_id, "therapist", "emergency", "SpO2 falls")
    consult_id = consults.request_consult(store, request, now=now)
    assert not [a for a in load_home(store, now).alerts if a.kind.startswith("consult")]
    later = load_home(store, now + dt.timedelta(hours=2)).alerts
    alert = next(a for a in later if a.kind == "consult_overdue")
    assert alert.target == consult_id
    assert alert.message("en") == (
        "therapist (internal medicine): the consultation answer is overdue"
    )
    assert alert.message("ru") == "терапевт: ответ на консультацию просрочен"


def test_a_pull_refused_for_its_certificate_is_a_sync_alert(store: Store, now: dt.datetime) -> None:
    """sync/pull.py records why the last pull failed; a certificate the kiosk does not trust
    must reach the nurse (and the technician) even when the sends themselves had nothing to
    do, and a clean pull clears it."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) "
            "VALUES ('last_pull_error', 'security.tls_untrusted')"
        )
    alert = next(a for a in load_home(store, now).alerts if a.kind == "sync_error")
    assert alert.message("en") == (
        "The last sync failed: the server's certificate is not trusted (tell the technician)"
    )
    assert "сертификату сервера нет доверия" in alert.message("ru")
    assert services.status_summary(store)["last_pull_error"] == "security.tls_untrusted"
    with store.transaction() as conn:
        conn.execute("DELETE FROM sync_state WHERE key = 'last_pull_error'")  # as a clean pull
    assert not [a for a in load_home(store, now).alerts if a.kind == "sync_error"]
