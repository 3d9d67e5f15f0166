"""The audit trail reaches the real FHIR server as AuditEvents (tests/peers/fhir), once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import requests

from kiosk import registry, services
from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.security import audit, staff
from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.store import Store, migrate
from sync.engine import SyncEngine
from sync.fhir_audit import audit_event_id

FHIR_JSON = {"Accept": "application/fhir+json"}
T0 = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN0042", "Contec", "CMS50D+", "SN0042")


def _search(base: str, resource_type: str, **params: str) -> list[dict[str, Any]]:
    resp = requests.get(
        f"{base}/{resource_type}", params={"_count": "200", **params}, headers=FHIR_JSON,
        timeout=10,
    )  # fmt: skip
    assert resp.status_code == 200, resp.text
    return [entry["resource"] for entry in resp.json().get("entry", [])]


def _visit(store: Store, site: str) -> tuple[str, str]:
    services.ensure_kiosk_registered(store, T0)
    patient = services.register_patient(
        store, family="Қасымова", given="Әйгерім", birth_date=dt.date(1990, 5, 1), now=T0
    )
    enc = services.start_encounter(store, patient_id=patient.id, site=site, now=T0)
    services.record_reading(
        store, encounter_id=enc.id, measurement=Measurement("contec-v7", "spo2", 97, "%"),
        identity=OXIMETER, now=T0,
    )  # fmt: skip
    services.save_encounter(store, encounter_id=enc.id, now=T0 + dt.timedelta(minutes=5))
    registry.patient_details(store, patient.id)
    return patient.id, enc.id


def test_audit_events_arrive_once_attributed_and_without_names(
    fhir_base: str, tmp_path: Path
) -> None:
    config = KioskConfig(data_dir=tmp_path, site="KZ-AKM-0042")
    with Store(config.store_path) as store:
        migrate(store)
        admin = staff.add_staff(
            store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
            now=T0, by=None,
        )  # fmt: skip
        nurse = staff.add_staff(
            store, username="aida", display_name="Aida", role=Role.NURSE, pin="1234", now=T0,
            by=admin,
        )  # fmt: skip
        session = StaffSession(dt.timedelta(minutes=2))
        session.begin(staff.sign_in(store, username="aida", pin="1234", now=T0), T0)
        try:
            patient_id, encounter_id = _visit(store, config.site)
        finally:
            session.end()
        rows = audit.rows(store)
        with SyncEngine(store, config, server_url=fhir_base) as engine:
            report = engine.run_once()
        assert report.error is None and report.done and report.quarantined == 0, report
        events = _search(fhir_base, "AuditEvent")
        assert sorted(e["id"] for e in events) == sorted(
            audit_event_id(config.identifier_base, config.site, r.seq) for r in rows
        )
        about_patient = _search(fhir_base, "AuditEvent", entity=f"Patient/{patient_id}")
        assert sorted(e["action"] for e in about_patient) == ["C", "C", "R", "U"]
        by_nurse = [e for e in events if e["agent"][0]["who"]["identifier"]["value"] == nurse.id]
        assert {e["action"] for e in by_nurse} == {"C", "R", "U", "E"}
        assert {f"Encounter/{encounter_id}"} <= {
            entity["what"].get("reference") for e in by_nurse for entity in e.get("entity", [])
        }
        text = str(events)
        assert "Қасымова" not in text and "Әйгерім" not in text and "1990-05-01" not in text
        assert not [i for i in store.query("SELECT * FROM outbox WHERE state != 'acked'")]

        # sent again (answers lost): the server keeps one event per row
        with store.transaction() as conn:
            conn.execute("UPDATE outbox SET state = 'pending', attempts = 0 WHERE kind = 'audit'")
        with SyncEngine(store, config, server_url=fhir_base) as engine:
            assert engine.run_once().done
        assert len(_search(fhir_base, "AuditEvent")) == len(rows)

        # a later view travels in a new batch of its own
        audit.record_view(store, "Patient", patient_id, now=T0 + dt.timedelta(hours=1))
        with SyncEngine(store, config, server_url=fhir_base) as engine:
            later = engine.run_once()
        assert later.acked == 1 and later.done
        assert len(_search(fhir_base, "AuditEvent")) == len(rows) + 1
        assert audit.verify(store).ok
