"""Reading, creating, changing and exporting a patient's record through the services and
the CLI writes audit rows attributed to the signed-in member (ids only, never names)."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from kiosk import encounters, registry, services
from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.security import audit, staff
from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.store import Store

OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-KIOSK01", serial="KIOSK01")
SPO2 = Measurement("contec-v7", "spo2", 97, "%")


def _trail(store: Store, after: int) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    return [
        (r.actor_id, r.action, r.entity_type, r.entity_id, r.detail)
        for r in audit.rows(store, after=after)
    ]


def test_the_services_write_attributed_rows(store: Store, now: dt.datetime) -> None:
    admin = staff.add_staff(
        store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
        now=now, by=None,
    )  # fmt: skip
    nurse = staff.add_staff(
        store, username="aida", display_name="Aida", role=Role.NURSE, pin="1234", now=now,
        by=admin,
    )  # fmt: skip
    session = StaffSession(idle_lock_after=dt.timedelta(minutes=2))
    session.begin(staff.sign_in(store, username="aida", pin="1234", now=now), now)
    start = int(store.scalar("SELECT max(seq) FROM audit_log"))
    try:
        patient = services.register_patient(
            store, family="Қасымова", given="Әйгерім", birth_date=dt.date(1990, 5, 1), now=now
        )
        encounter = services.start_encounter(store, patient_id=patient.id, site="S1", now=now)
        services.record_reading(
            store, encounter_id=encounter.id, measurement=SPO2, identity=OXIMETER, now=now
        )
        services.save_encounter(store, encounter_id=encounter.id, now=now)
        registry.patient_details(store, patient.id)
        v2 = encounters.correct_encounter(
            store, encounter.id, encounters.Changes(notes="recounted"), "typo", "Aida", now
        )
    finally:
        session.end()
    p = f"patient:{patient.id}"
    assert _trail(store, start) == [
        (nurse.id, "created", "Patient", patient.id, ()),
        (nurse.id, "created", "Encounter", encounter.id, (p,)),
        (nurse.id, "changed", "Encounter", encounter.id, ("finished", p)),
        (nurse.id, "viewed", "Patient", patient.id, ()),
        (nurse.id, "changed", "Encounter", v2.encounter.id, ("corrected", p)),
    ]
    about = [(r.action, r.entity_type) for r in audit.rows_about_patient(store, patient.id)]
    assert about == [
        ("created", "Patient"), ("created", "Encounter"), ("changed", "Encounter"),
        ("viewed", "Patient"), ("changed", "Encounter"),
    ]  # fmt: skip
    text = str([r.to_json() for r in audit.rows(store)])
    # the whole birth date: "1990" alone turns up by chance inside hex hashes and ids
    for secret in ("Қасымова", "Әйгерім", "1990-05-01", "01.05.1990"):
        assert secret not in text
    assert audit.verify(store).ok


def test_showing_and_exporting_through_the_cli(kiosk_config: KioskConfig, now: dt.datetime) -> None:
    with Store(kiosk_config.store_path) as store:
        admin = staff.add_staff(
            store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
            now=now, by=None,
        )  # fmt: skip
        senior = staff.add_staff(
            store, username="sara", display_name="S", role=Role.SENIOR_NURSE, pin="2468",
            now=now, by=admin,
        )  # fmt: skip
        patient = services.register_patient(
            store, family="Bekova", given="Dana", birth_date=dt.date(1970, 1, 2), now=now
        )
        encounter = services.start_encounter(store, patient_id=patient.id, site="S1", now=now)
        services.record_reading(
            store, encounter_id=encounter.id, measurement=SPO2, identity=OXIMETER, now=now
        )
        services.save_encounter(store, encounter_id=encounter.id, now=now)
        start = int(store.scalar("SELECT max(seq) FROM audit_log"))
    env = {"KIOSK_USER": "sara", "KIOSK_PIN": "2468"}
    data = ["--data-dir", str(kiosk_config.data_dir)]
    runner = CliRunner()
    for args in (
        ["patients", "show", patient.id, "--json"],
        ["encounters", "show", encounter.id, "--json"],
        ["encounters", "export", encounter.id, "--fhir"],
    ):
        result = runner.invoke(cli, [*data, *args], env=env)
        assert result.exit_code == 0, result.output
    with Store(kiosk_config.store_path) as store:
        trail = [(a, act, kind, ident) for a, act, kind, ident, _ in _trail(store, start)]
    assert trail == [
        (senior.id, "signed-in", "StaffMember", senior.id),
        (senior.id, "viewed", "Patient", patient.id),
        (senior.id, "signed-in", "StaffMember", senior.id),
        (senior.id, "viewed", "Encounter", encounter.id),
        (senior.id, "signed-in", "StaffMember", senior.id),
        (senior.id, "exported", "Encounter", encounter.id),
    ]
    listed = runner.invoke(cli, [*data, "audit", "list", "--patient", patient.id], env=env)
    assert listed.exit_code == 0, listed.output
    assert [line.split()[3] for line in listed.stdout.splitlines()] == [
        "created", "created", "changed", "viewed", "viewed", "exported",
    ]  # fmt: skip
