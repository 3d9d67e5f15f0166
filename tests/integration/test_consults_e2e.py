"""The teleconsultation loop end to end on the real FHIR peer (issue 9; fhir-mapping.md §4).

The kiosk side is real (store, services, the sync engine over HTTP); the specialist is a
*third-party* FHIR client written here with plain ``requests``: it reads the Task, accepts
it with an owner, writes a Communication and completes the Task with ``output`` — exactly
what any hospital system may do — and the kiosk must read it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk import consults, services
from kiosk.config import KioskConfig, load_config
from kiosk.consults import ConsultRequest
from kiosk.events import ConsultChanged, Events
from kiosk.i18n import translate
from kiosk.store import Store, migrate
from sync.client import SyncErrorKind
from sync.engine import SyncEngine
from sync.specialist import SpecialistClient
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Specialist
from tests.integration.test_sync_e2e import REPO, build_encounters, closed_port_url, search
from tests.sync.test_photos import add_visit

FHIR = {"Accept": "application/fhir+json", "Content-Type": "application/fhir+json"}
TIMEOUT = 10
ICD10 = "http://hl7.org/fhir/sid/icd-10"
NOW = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)
ADVICE = "Амоксициллин 500 мг 3 раза в день 5 дней; контроль SpO2 через 24 ч."


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[tuple[Store, KioskConfig]]:
    config = load_config(tmp_path)
    with Store(config.store_path) as store:
        yield store, config


def sync(store: Store, config: KioskConfig, url: str, events: Events | None = None) -> Any:
    with SyncEngine(store, config, server_url=url, events=events, now=lambda: NOW) as engine:
        return engine.run_once()


def ask(store: Store, encounter_id: str, specialty: str = "therapist") -> str:
    readings, photos = consults.attachments_of(store, encounter_id)
    request = ConsultRequest(
        encounter_id,
        specialty,
        "urgent",
        "Кашель 5 дней, одышка. Нужен антибиотик?",
        photos,
        readings,
    )
    return consults.request_consult(store, request, now=NOW)


def kiosk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess (the session's store-key folder is kept)."""
    keep = {"KIOSK_KEY_DIR"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") or k in keep}
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, cwd=REPO, env=env, check=False
    )


# --- the third-party specialist -----------------------------------------------------------


def read(base: str, path: str) -> dict[str, Any]:
    response = requests.get(f"{base}/{path}", headers=FHIR, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return dict(response.json())


def only_task(base: str) -> dict[str, Any]:
    tasks = search(base, "Task")
    assert len(tasks) == 1, tasks
    return tasks[0]


def update_task(base: str, task_id: str, **changes: Any) -> dict[str, Any]:
    task = read(base, f"Task/{task_id}")
    task.update(changes)
    response = requests.put(f"{base}/Task/{task_id}", json=task, headers=FHIR, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return dict(response.json())


def accept(base: str, task_id: str) -> None:
    owner = {"reference": "Practitioner/dr-seitkali", "display": "Dr Aigerim Seitkali"}
    update_task(base, task_id, status="accepted", owner=owner)


def answer_with_communication(base: str, task: dict[str, Any]) -> None:
    communication = {
        "resourceType": "Communication",
        "status": "completed",
        "basedOn": [task["focus"]],
        "subject": task["for"],
        "recipient": [task["requester"]],
        "sent": "2026-11-26T06:10:00Z",
        "payload": [{"contentString": ADVICE}],
        "reasonCode": [{"coding": [{"system": ICD10, "code": "J18.9", "display": "Pneumonia"}]}],
    }
    response = requests.post(
        f"{base}/Communication", json=communication, headers=FHIR, timeout=TIMEOUT
    )
    assert response.status_code == 201, response.text
    output = [
        {
            "type": {"text": "answer"},
            "valueReference": {"reference": f"Communication/{response.json()['id']}"},
        },
        {"type": {"text": "decision"}, "valueCode": "manage-locally"},
        {"type": {"text": "follow-up"}, "valueDate": "2026-11-28"},
    ]
    update_task(base, task["id"], status="completed", output=output)


# --- tests ---------------------------------------------------------------------------------


def test_request_answer_and_cli_list(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig], tmp_path: Path
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter_id)
    events = Events()
    seen: list[ConsultChanged] = []
    events.consult_did_change.connect(seen.append)

    assert sync(store, config, fhir_base, events).done
    requests_ = search(fhir_base, "ServiceRequest")
    task = only_task(fhir_base)
    assert len(requests_) == 1 and requests_[0]["identifier"][0]["value"] == consult_id
    assert task["focus"]["reference"] == f"ServiceRequest/{requests_[0]['id']}"
    assert task["status"] == "requested" and task["priority"] == "urgent"
    assert task["restriction"]["period"]["end"].startswith("2026-11-26T09:00:00")
    assert task["requester"]["reference"].startswith("Device/")
    supporting = [s["reference"] for s in requests_[0]["supportingInfo"]]
    assert sum(ref.startswith("Observation/") for ref in supporting) == 2
    for ref in supporting:  # every supporting resource is on the server
        read(fhir_base, ref)
    assert consults.list_consults(store, now=NOW)[0].state == "requested"

    assert sync(store, config, fhir_base, events).acked == 0  # a second sync adds nothing
    assert len(search(fhir_base, "ServiceRequest")) == 1 and only_task(fhir_base)

    accept(fhir_base, task["id"])
    sync(store, config, fhir_base, events)
    view = consults.list_consults(store, now=NOW)[0]
    assert (view.state, view.owner_display) == ("accepted", "Dr Aigerim Seitkali")
    assert seen[-1] == ConsultChanged(consult_id, "accepted", False)

    answer_with_communication(fhir_base, read(fhir_base, f"Task/{task['id']}"))
    sync(store, config, fhir_base, events)
    assert seen[-1] == ConsultChanged(consult_id, "answered", True)
    listed = kiosk(tmp_path, "consults", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [shown] = json.loads(listed.stdout)["consults"]
    assert shown["state"] == "answered" and shown["answer"] == ADVICE
    assert shown["codes"] == ["J18.9"] and shown["decision"] == "manage-locally"
    assert shown["follow_up"] == "2026-11-28" and shown["unread"] is True
    assert shown["owner"] == "Dr Aigerim Seitkali" and shown["overdue"] is False
    consults.mark_read(store, consult_id)
    assert not consults.list_consults(store, now=NOW)[0].unread


def test_offline_kiosk_gets_the_answer_on_its_next_sync(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter_id, "paediatrician")
    assert sync(store, config, fhir_base).done
    task = only_task(fhir_base)

    accept(fhir_base, task["id"])  # the whole exchange happens while the kiosk is offline
    assert sync(store, config, closed_port_url()).error in (None, SyncErrorKind.NETWORK)
    update_task(fhir_base, task["id"], status="in-progress")
    answer_with_communication(fhir_base, read(fhir_base, f"Task/{task['id']}"))
    assert consults.list_consults(store, now=NOW)[0].state == "requested"

    sync(store, config, fhir_base)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert (view.state, view.answer_text, view.answer_codes) == ("answered", ADVICE, ("J18.9",))
    assert view.follow_up == dt.date(2026, 11, 28) and view.answered_at is not None


def test_a_resend_after_the_hospital_accepted_does_not_reset_the_task(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    ask(store, encounter_id)
    assert sync(store, config, fhir_base).done
    task = only_task(fhir_base)
    accept(fhir_base, task["id"])

    with store.transaction() as conn:  # the ack was "lost": the item goes again
        conn.execute(
            "UPDATE outbox SET state = 'pending', next_at = ? WHERE kind = 'consult'",
            (NOW.isoformat(),),
        )
    report = sync(store, config, fhir_base)

    assert report.acked == 1 and report.done
    after = only_task(fhir_base)
    assert after["status"] == "accepted" and after["owner"]["display"] == "Dr Aigerim Seitkali"
    assert len(search(fhir_base, "ServiceRequest")) == 1


def test_a_diagnostic_report_answer_is_read_too(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    consult_id = ask(store, encounter_id, "dermatologist")
    assert sync(store, config, fhir_base).done
    task = only_task(fhir_base)
    report = {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "code": {"text": "Teledermatology read"},
        "conclusion": "Contact dermatitis; no sign of infection.",
        "conclusionCode": [{"coding": [{"system": ICD10, "code": "L25.9"}]}],
    }
    created = requests.post(
        f"{fhir_base}/DiagnosticReport", json=report, headers=FHIR, timeout=TIMEOUT
    )
    assert created.status_code == 201, created.text
    ref = {"reference": f"DiagnosticReport/{created.json()['id']}"}
    update_task(
        fhir_base,
        task["id"],
        status="completed",
        output=[{"type": {"text": "report"}, "valueReference": ref}],
    )

    sync(store, config, fhir_base)
    view = consults.get_consult(store, consult_id, now=NOW)
    assert view.state == "answered" and view.answer_text == report["conclusion"]
    assert view.answer_codes == ("L25.9",) and view.answer_decision is None


def test_reroute_cancels_the_old_task_with_if_match(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    first = ask(store, encounter_id, "therapist")
    assert sync(store, config, fhir_base).done

    second = consults.reroute(store, first, specialty="cardiologist", now=NOW)
    assert sync(store, config, fhir_base).done

    tasks = {t["identifier"][0]["value"]: t for t in search(fhir_base, "Task")}
    rows = {r["id"]: r["task_id"] for r in store.query("SELECT id, task_id FROM consults")}
    assert tasks[rows[first]]["status"] == "cancelled"
    assert tasks[rows[second]]["status"] == "requested"
    old = consults.get_consult(store, first, now=NOW)
    assert old.state == "cancelled" and second in (old.status_reason or "")


def test_a_cancel_after_the_specialist_moved_keeps_their_work(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    [encounter_id] = build_encounters(store, config.site, count=1)
    first = ask(store, encounter_id, "therapist")
    assert sync(store, config, fhir_base).done
    task = only_task(fhir_base)
    accept(fhir_base, task["id"])  # the kiosk has not pulled this yet

    consults.escalate(store, first, now=NOW)
    with store.transaction() as conn:  # the pull must not see it first: cancel decides
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('pull_bookmark:Task', ?)",
            ("2999-01-01T00:00:00.000Z",),
        )
    assert sync(store, config, fhir_base).done

    after = read(fhir_base, f"Task/{task['id']}")
    assert after["status"] == "accepted"  # not overwritten
    old = consults.get_consult(store, first, now=NOW)
    assert old.state == "accepted" and old.owner_display == "Dr Aigerim Seitkali"
    state = translate("consult.state.accepted")
    assert old.unread and old.status_reason == translate(
        "consult.note.cancel_conflict", state=state
    )
    row = store.query("SELECT cancel_outcome, kiosk_note FROM consults WHERE id = ?", (first,))[0]
    assert row == {"cancel_outcome": "conflict", "kiosk_note": "cancel_conflict"}


def test_a_chosen_photo_travels_before_the_request_that_points_at_it(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    store, config = kiosk_store
    migrate(store)
    services.ensure_kiosk_registered(store, NOW)
    encounter_id, [photo] = add_visit(store, config, photo_count=1)
    consult_id = ask(store, encounter_id, "dermatologist")
    waits_for = store.query(
        "SELECT x.kind FROM outbox o JOIN outbox_deps d ON d.item_id = o.id "
        "JOIN outbox x ON x.id = d.depends_on WHERE o.kind = 'consult' ORDER BY x.kind"
    )
    assert [w["kind"] for w in waits_for] == ["binary", "encounter", "register-device"]

    report = sync(store, config, fhir_base)

    assert report.done and report.photos_acked == 1
    [request] = search(fhir_base, "ServiceRequest")
    assert {"reference": f"Media/{photo.id}"} in request["supportingInfo"]
    media = read(fhir_base, f"Media/{photo.id}")
    assert media["encounter"]["reference"] == f"Encounter/{encounter_id}"
    assert consults.get_consult(store, consult_id, now=NOW).state == "requested"


def test_a_chosen_photo_that_cannot_be_sent_does_not_hold_back_the_request(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    """One of the two chosen photos lost its file before the sync: that photo is held back
    (quarantined, with its reason, never sent as wrong bytes) and the request goes with the
    other one and a note saying one could not be sent."""
    store, config = kiosk_store
    migrate(store)
    services.ensure_kiosk_registered(store, NOW)
    encounter_id, [lost, kept] = add_visit(store, config, photo_count=2)
    consult_id = ask(store, encounter_id, "dermatologist")
    (Path(config.media_dir) / lost.path).unlink()

    report = sync(store, config, fhir_base)

    assert report.photos_acked == 1
    held = store.query(
        "SELECT state, last_error FROM outbox WHERE kind = 'binary' AND ref = ?", (lost.id,)
    )
    assert held[0]["state"] == "quarantined" and "photo" in held[0]["last_error"]
    [request] = search(fhir_base, "ServiceRequest")
    media = [
        s["reference"] for s in request["supportingInfo"] if s["reference"].startswith("Media/")
    ]
    assert media == [f"Media/{kept.id}"]
    assert request["note"][0]["text"] == translate(
        "consult.photos_not_sent", config.language, count=1
    )
    assert consults.get_consult(store, consult_id, now=NOW).state == "requested"
    assert store.query("SELECT state FROM outbox WHERE kind = 'consult'")[0]["state"] == "acked"
    dermatologist = Specialist("Practitioner/dr-d", "Dr Dana Sultan", ("dermatologist",))
    [item] = SpecialistClient(ReviewHttp(fhir_base, token="t"), dermatologist).worklist()
    assert item.notes == (request["note"][0]["text"],)  # the console shows it with the question


def test_a_request_still_waits_for_a_photo_that_is_only_late(
    fhir_base: str, kiosk_store: tuple[Store, KioskConfig]
) -> None:
    """Only a held-back photo is left out: one still waiting to be sent keeps the request
    waiting (the link went down between the visit and its photo)."""
    store, config = kiosk_store
    migrate(store)
    services.ensure_kiosk_registered(store, NOW)
    encounter_id, _photos = add_visit(store, config, photo_count=1)
    ask(store, encounter_id, "dermatologist")
    with store.transaction() as conn:  # the photo's upload failed once: back-off until later
        conn.execute(
            "UPDATE outbox SET next_at = ? WHERE kind = 'binary'",
            ((NOW + dt.timedelta(hours=1)).isoformat(),),
        )

    sync(store, config, fhir_base)

    assert search(fhir_base, "ServiceRequest") == []
    assert store.query("SELECT state FROM outbox WHERE kind = 'consult'")[0]["state"] == "pending"
