"""The audit trail as FHIR R4 AuditEvents: codes per action, agents, entities, ids only;
every event valid for fhir.resources; rows queued in batches after the clinical items."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import services
from kiosk.config import KioskConfig
from kiosk.security import audit, audit_sync, staff
from kiosk.security.roles import Role
from kiosk.store import Store, outbox
from sync.bundles import build_bundle, validate_bundle
from sync.fhir_audit import audit_bundle, audit_event, audit_event_id
from tests.sync.fhir_r4b import assert_valid_bundle

BASE = "https://dala.example/fhir/"
SITE = "KZ-AKM-0042"


def _row(action: str, entity_type: str, entity_id: str, *, actor: audit.Actor,
         detail: tuple[str, ...] = ()) -> audit.AuditRow:  # fmt: skip
    return audit.AuditRow(
        seq=7, at="2026-11-26T04:24:00.000000+00:00", actor_kind=actor.kind, actor_id=actor.id,
        action=action, entity_type=entity_type, entity_id=entity_id, detail=detail,
        prev_hash="0" * 64, hash="1" * 64,
    )  # fmt: skip


NURSE = audit.Actor.staff("staff-uuid-1")


@pytest.mark.parametrize(
    ("action", "type_code", "subtype", "code"),
    [
        ("viewed", "110110", "read", "R"),
        ("created", "110110", "create", "C"),
        ("changed", "110110", "update", "U"),
        ("exported", "110110", "110106", "E"),
        ("signed-in", "110114", "110122", "E"),
        ("signed-out", "110114", "110123", "E"),
    ],
)
def test_codes_per_action(action: str, type_code: str, subtype: str, code: str) -> None:
    event = audit_event(_row(action, "Patient", "p-1", actor=NURSE), BASE, SITE)
    assert event["type"]["code"] == type_code
    assert event["subtype"][0]["code"] == subtype
    assert (event["action"], event["outcome"]) == (code, "0")
    assert event["recorded"] == "2026-11-26T04:24:00.000000+00:00"


def test_a_staff_member_reads_a_patients_encounter() -> None:
    row = _row("viewed", "Encounter", "enc-1", actor=NURSE, detail=("patient:p-1",))
    event = audit_event(row, BASE, SITE)
    assert event["agent"] == [
        {
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                                 "code": "humanuser", "display": "human user"}]},
            "who": {"type": "Practitioner",
                    "identifier": {"system": BASE + "sid/kiosk-staff", "value": "staff-uuid-1"}},
            "requestor": True,
        }
    ]  # fmt: skip
    kiosk = {"type": "Device", "identifier": {"system": BASE + "sid/kiosk", "value": SITE}}
    assert event["source"]["observer"] == kiosk and event["source"]["site"] == SITE
    assert [e["what"] for e in event["entity"]] == [
        {"reference": "Patient/p-1"},
        {"reference": "Encounter/enc-1"},
    ]
    assert "outcomeDesc" not in event  # the patient code is an entity, not a description


def test_the_service_and_a_refused_sign_in() -> None:
    event = audit_event(_row("changed", "Patient", "p-1", actor=audit.SERVICE), BASE, SITE)
    (agent,) = event["agent"]
    assert agent["who"]["type"] == "Device" and agent["requestor"] is False
    refused = audit_event(
        _row("sign-in-refused", "StaffMember", "unknown", actor=audit.UNKNOWN,
             detail=("wrong-pin",)), BASE, SITE,
    )  # fmt: skip
    assert (refused["outcome"], refused["outcomeDesc"]) == ("4", "wrong-pin")
    assert "entity" not in refused


def test_a_consult_request_is_named_by_its_identifier() -> None:
    row = _row(
        "created", "ServiceRequest", "c-1", actor=NURSE, detail=("cardiology", "patient:p-1")
    )
    event = audit_event(row, BASE, SITE)
    assert [e["what"] for e in event["entity"]] == [
        {"reference": "Patient/p-1"},
        {
            "type": "ServiceRequest",
            "identifier": {"system": BASE + "sid/kiosk-consult", "value": "c-1"},
        },
    ]
    assert event["outcomeDesc"] == "cardiology"
    assert_valid_bundle(audit_bundle([row], BASE, SITE))


def test_ids_are_stable_per_kiosk_and_row() -> None:
    assert audit_event_id(BASE, SITE, 7) == audit_event_id(BASE, SITE, 7)
    assert audit_event_id(BASE, SITE, 7) != audit_event_id(BASE, SITE, 8)
    assert audit_event_id(BASE, SITE, 7) != audit_event_id(BASE, "KZ-OTHER", 7)


def test_a_store_trail_becomes_valid_batched_bundles(
    kiosk_config: KioskConfig, store: Store, now: dt.datetime
) -> None:
    admin = staff.add_staff(
        store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
        now=now, by=None,
    )  # fmt: skip
    staff.sign_in(store, username="admin", pin="9000", now=now)
    patient = services.register_patient(
        store, family="Қасымова", given="Әйгерім", birth_date=dt.date(1990, 5, 1), now=now
    )
    for _ in range(audit_sync.BATCH_SIZE):
        audit.record_view(store, "Patient", patient.id, now=now)
    total = int(store.scalar("SELECT max(seq) FROM audit_log"))
    assert audit_sync.queue_batches(store, now) == 2
    assert audit_sync.queue_batches(store, now) == 0  # nothing new
    refs = [
        r["ref"] for r in store.query("SELECT ref FROM outbox WHERE kind = 'audit' ORDER BY id")
    ]
    assert refs == ["1-50", f"51-{total}"]
    seen = set()
    for ref in refs:
        bundle = build_bundle(store, kiosk_config, "audit", ref)
        validate_bundle(bundle)
        seen |= assert_valid_bundle(bundle)
        text = str(bundle)
        assert "Қасымова" not in text and "Әйгерім" not in text and "1990-05-01" not in text
    assert seen == {"AuditEvent"}
    first = build_bundle(store, kiosk_config, "audit", "1-50")["entry"][0]
    assert first["request"] == {"method": "PUT", "url": f"AuditEvent/{first['resource']['id']}"}
    assert first["resource"]["agent"][0]["name"] == "setup"
    assert admin.id in str(build_bundle(store, kiosk_config, "audit", "1-50")["entry"][1])


def _admin(store: Store, now: dt.datetime) -> staff.StaffMember:
    return staff.add_staff(
        store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
        now=now, by=None,
    )  # fmt: skip


def test_setup_mode_keeps_the_rows_until_the_first_account(store: Store, now: dt.datetime) -> None:
    services.register_patient(store, family="A", given="B", birth_date=dt.date(1990, 5, 1), now=now)
    assert audit_sync.queue_batches(store, now) == 0
    _admin(store, now)
    assert audit_sync.queue_batches(store, now) == 1
    refs = [r["ref"] for r in store.query("SELECT ref FROM outbox WHERE kind = 'audit'")]
    assert refs == ["1-2"]


def test_audit_items_go_after_clinical_ones(store: Store, now: dt.datetime) -> None:
    _admin(store, now)
    services.register_patient(store, family="A", given="B", birth_date=dt.date(1990, 5, 1), now=now)
    audit_sync.queue_batches(store, now)
    with store.transaction() as conn:
        outbox.enqueue(conn, "encounter", "e-late", now)
    kinds = [item.kind for item in outbox.due_items(store, now)]
    assert kinds[-1] == "audit" and kinds.index("encounter") < kinds.index("audit")


def test_a_missing_batch_is_a_local_rejection(kiosk_config: KioskConfig, store: Store) -> None:
    from sync.bundles import LocalRejection

    for ref in ("5-9", "x", "9-1"):
        with pytest.raises(LocalRejection):
            build_bundle(store, kiosk_config, "audit", ref)


def test_bundle_of_no_rows_is_empty() -> None:
    assert audit_bundle([], BASE, SITE) == {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [],
    }
