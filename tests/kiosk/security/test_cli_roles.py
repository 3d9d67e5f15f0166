"""Role rules for every command: the table covers the real click tree (core and plugin
commands), each role gets exactly what docs/security.md says, and the CLI enforces it."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.security import audit, cli_guard, roles, staff
from kiosk.security.roles import Role
from kiosk.store import Store

ALL_PATHS = [path for path, _ in cli_guard.walk(cli)]
#: Entries for commands other issues are adding (consultations, specialist console, keys).
PLANNED = {"consults list", "consults request", "security *"}

TECHNICIAN_GROUPS = ("drivers", "ble", "config", "security", "media")
TECHNICIAN_COMMANDS = {"backup", "restore", "support-bundle", "bench", "demo", "screenshots"}
PATIENT_READS = ("patients", "encounters", "consults")
#: The specialist's console reads no local store: the hospital server checks its token.
REMOTE_ONLY = {"review"}
EXPORTS = {"patients card", "encounters export"}


def expected_roles(path: str) -> set[Role]:
    """The rules of docs/security.md, written independently of roles.py's table."""
    everyone = set(Role)
    head = path.split(maxsplit=1)[0]
    if path in {"status", "doctor", "run", "sync"} or path in REMOTE_ONLY:
        return everyone
    if path == "init":
        return {Role.TECHNICIAN, Role.ADMINISTRATOR}
    if head in TECHNICIAN_GROUPS or path in TECHNICIAN_COMMANDS:
        return {Role.TECHNICIAN, Role.ADMINISTRATOR}
    if path in EXPORTS:
        return {Role.SENIOR_NURSE, Role.ADMINISTRATOR}
    if head in PATIENT_READS:
        return {Role.NURSE, Role.SENIOR_NURSE, Role.ADMINISTRATOR}
    if head == "staff":
        return {Role.ADMINISTRATOR}
    if head == "audit":
        return {Role.SENIOR_NURSE, Role.ADMINISTRATOR}
    raise AssertionError(f"no rule written for `kiosk {path}`: add it here and in the docs")


def test_the_tree_is_what_we_walk() -> None:
    assert {"patients search", "drivers probe", "config set", "backup", "staff add",
            "audit verify", "sync", "run"} <= set(ALL_PATHS)  # fmt: skip


@pytest.mark.parametrize("path", ALL_PATHS)
def test_every_command_is_in_the_table_and_guarded(path: str) -> None:
    assert roles.command_permission(path) is not None, f"`kiosk {path}` is not in roles.py"
    command = cli
    for word in path.split():
        command = command.commands[word]  # type: ignore[attr-defined]
    assert getattr(command.callback, cli_guard.GUARDED, False), f"`kiosk {path}` unguarded"


def test_the_table_names_no_stale_command_or_unknown_permission() -> None:
    for entry, permission in roles.COMMAND_PERMISSIONS.items():
        assert permission in roles.PERMISSIONS or permission == roles.PUBLIC
        if entry in PLANNED:
            continue
        prefix = entry.removesuffix("*")
        assert any(p == entry or p.startswith(prefix) for p in ALL_PATHS), entry


@pytest.mark.parametrize("path", ALL_PATHS)
def test_role_rules_hold_for_every_command(path: str) -> None:
    permission = roles.permission_for(path)
    allowed = {role for role in Role if roles.allows(role, permission)}
    assert allowed == expected_roles(path), path


@pytest.mark.parametrize("path", ALL_PATHS)
def test_the_service_never_reads_patient_data(path: str) -> None:
    permission = roles.permission_for(path)
    if roles.service_allows(permission):
        assert path.split(maxsplit=1)[0] not in PATIENT_READS and path not in EXPORTS
        assert path in {"init", "status", "doctor", "run", "sync"} | REMOTE_ONLY


def test_only_the_automatic_backup_is_the_services() -> None:
    assert roles.permission_for("backup", {"auto": True, "target": None}) == "backup.auto"
    assert roles.permission_for("backup", {"auto": False, "target": "/x"}) == "store.admin"
    assert roles.permission_for("no such command") == "store.admin"  # fail closed


# --- the real CLI on a real store -------------------------------------------------------


@pytest.fixture
def crew(store: Store, now: dt.datetime) -> dict[Role, staff.StaffMember]:
    admin = staff.add_staff(
        store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
        now=now, by=None,
    )  # fmt: skip
    members = {Role.ADMINISTRATOR: admin}
    for n, role in enumerate((Role.NURSE, Role.SENIOR_NURSE, Role.TECHNICIAN), start=1):
        members[role] = staff.add_staff(
            store, username=role.value, display_name="X", role=role, pin=f"900{n}", now=now,
            by=admin,
        )  # fmt: skip
    return members


PINS = {Role.ADMINISTRATOR: "9000", Role.NURSE: "9001", Role.SENIOR_NURSE: "9002",
        Role.TECHNICIAN: "9003"}  # fmt: skip


def _run(config: KioskConfig, *args: str, user: Role | None = None, pin: str | None = None):  # type: ignore[no-untyped-def]
    env = {"KIOSK_USER": None, "KIOSK_PIN": None}
    if user is not None:
        env = {"KIOSK_USER": user.value, "KIOSK_PIN": pin or PINS[user]}
    return CliRunner().invoke(cli, ["--data-dir", str(config.data_dir), *args], env=env)


def test_setup_mode_allows_everything_and_warns_a_person(kiosk_config: KioskConfig) -> None:
    result = _run(kiosk_config, "patients", "search", "x")
    assert result.exit_code == 0, result.output
    assert "setup mode" not in result.stderr  # scripts parse stderr
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "--data-dir", str(kiosk_config.data_dir), "status"],
            stderr=terminal, stdout=subprocess.PIPE, env={**os.environ, "KIOSK_LANG": "en"},
            timeout=60, check=False,
        )  # fmt: skip
        seen = os.read(main, 4096).decode()
    finally:
        os.close(main)
        os.close(terminal)
    assert done.returncode == 0
    assert "kiosk: Warning: setup mode — no staff accounts yet" in seen
    assert b"patients:" in done.stdout


def test_the_cli_enforces_roles(
    kiosk_config: KioskConfig, crew: dict[Role, staff.StaffMember]
) -> None:
    assert _run(kiosk_config, "drivers", "list", user=Role.TECHNICIAN).exit_code == 0
    denied = _run(kiosk_config, "drivers", "list", user=Role.NURSE)
    assert denied.exit_code == 5
    assert denied.stderr.strip() == (
        "kiosk: `kiosk drivers list` needs one of these roles: technician, administrator."
    )
    assert _run(kiosk_config, "patients", "search", "x", user=Role.TECHNICIAN).exit_code == 5
    assert _run(kiosk_config, "patients", "search", "x", user=Role.NURSE).exit_code == 0
    assert _run(kiosk_config, "encounters", "list", user=Role.SENIOR_NURSE).exit_code == 0
    assert "setup mode" not in _run(kiosk_config, "status", user=Role.NURSE).stderr


def test_without_a_person_only_service_commands_run(
    kiosk_config: KioskConfig, crew: dict[Role, staff.StaffMember]
) -> None:
    assert _run(kiosk_config, "status").exit_code == 0
    assert _run(kiosk_config, "init").exit_code == 0
    refused = _run(kiosk_config, "patients", "search", "x")
    assert refused.exit_code == 5
    assert "--user" in refused.stderr
    assert _run(kiosk_config, "encounters", "list").exit_code == 5


def test_wrong_pin_and_lockout_are_one_line_exit_5(
    kiosk_config: KioskConfig, crew: dict[Role, staff.StaffMember]
) -> None:
    for _ in range(staff.FREE_TRIES - 1):
        wrong = _run(kiosk_config, "status", user=Role.NURSE, pin="1111")
        assert (wrong.exit_code, wrong.stderr) == (5, "kiosk: Wrong user name or PIN.\n")
    locked = _run(kiosk_config, "status", user=Role.NURSE, pin="1111")
    assert locked.exit_code == 5
    assert locked.stderr == "kiosk: Too many wrong PINs. Try again in 30 s.\n"
    assert _run(kiosk_config, "status", user=Role.NURSE).exit_code == 5  # still locked


def test_the_pin_can_come_from_standard_input(
    kiosk_config: KioskConfig, crew: dict[Role, staff.StaffMember]
) -> None:
    result = CliRunner().invoke(
        cli, ["--data-dir", str(kiosk_config.data_dir), "--user", "admin", "staff", "list"],
        input="9000\n", env={"KIOSK_PIN": None, "KIOSK_USER": None},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.stdout.splitlines()] == [
        "admin", "nurse", "senior-nurse", "technician",
    ]  # fmt: skip
    empty = CliRunner().invoke(
        cli, ["--data-dir", str(kiosk_config.data_dir), "--user", "admin", "staff", "list"],
        input="", env={"KIOSK_PIN": None, "KIOSK_USER": None},
    )  # fmt: skip
    assert empty.exit_code == 5 and "KIOSK_PIN" in empty.stderr


def test_staff_and_audit_commands(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    data = ["--data-dir", str(kiosk_config.data_dir)]
    runner = CliRunner()
    first = runner.invoke(
        cli, [*data, "staff", "add", "boss", "--name", "B", "--role", "nurse"],
        env={"KIOSK_NEW_PIN": "1234", "KIOSK_USER": None},
    )  # fmt: skip
    assert first.exit_code == 1 and "administrator" in first.stderr
    added = runner.invoke(
        cli, [*data, "staff", "add", "boss", "--name", "B", "--role", "administrator"],
        env={"KIOSK_NEW_PIN": "1234", "KIOSK_USER": None},
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    as_boss = {"KIOSK_USER": "boss", "KIOSK_PIN": "1234"}
    nurse = runner.invoke(
        cli, [*data, "staff", "add", "dana", "--name", "D", "--role", "nurse"],
        env={**as_boss, "KIOSK_NEW_PIN": "5678"},
    )  # fmt: skip
    assert nurse.exit_code == 0, nurse.output
    verify = runner.invoke(cli, [*data, "audit", "verify", "--json"], env=as_boss)
    assert verify.exit_code == 0
    assert '"ok": true' in verify.stdout
    listed = runner.invoke(cli, [*data, "audit", "list", "--json"], env=as_boss)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    # created boss; signed in to add dana, created dana; signed in to verify, to list
    assert [r["action"] for r in rows] == [
        "created", "signed-in", "created", "signed-in", "signed-in",
    ]  # fmt: skip
    assert [r["actor_kind"] for r in rows[:2]] == ["setup", "staff"]
    assert audit.current_actor() == audit.SERVICE  # the command's actor ends with it
    with Store(kiosk_config.store_path) as store:
        store.conn.execute("DROP TRIGGER audit_log_no_update")
        store.conn.execute("UPDATE audit_log SET detail = '[\"administrator\"]' WHERE seq = 3")
    broken = runner.invoke(cli, [*data, "audit", "verify"], env=as_boss)
    assert broken.exit_code == 6
    assert "row 3" in broken.stderr


def _staff_check(config: KioskConfig) -> dict[str, object]:
    result = _run(config, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    return checks["staff_accounts"]  # type: ignore[no-any-return]


def test_doctor_warns_in_setup_mode(kiosk_config: KioskConfig, now: dt.datetime) -> None:
    check = _staff_check(kiosk_config)
    assert check["status"] == "warn" and check["detail"] == {"setup_mode": True}
    assert "kiosk staff add --role administrator" in str(check["fix"])
    with Store(kiosk_config.store_path) as store:
        staff.add_staff(
            store, username="admin", display_name="A", role=Role.ADMINISTRATOR, pin="9000",
            now=now, by=None,
        )  # fmt: skip
    after = _staff_check(kiosk_config)  # doctor runs as the service: no sign-in needed
    assert after["status"] == "ok" and after["detail"] == {"setup_mode": False, "active": 1}


def test_a_store_that_cannot_be_opened_leaves_only_the_repair_tools(
    kiosk_config: KioskConfig, crew: dict[Role, staff.StaffMember]
) -> None:
    kiosk_config.store_path.write_bytes(b"this is not a database" * 512)
    for suffix in ("-wal", "-shm"):
        Path(str(kiosk_config.store_path) + suffix).unlink(missing_ok=True)
    doctor = _run(kiosk_config, "doctor", "--json")
    assert doctor.exit_code == 1 and json.loads(doctor.stdout)["ok"] is False  # it ran
    refused = _run(kiosk_config, "patients", "search", "x", user=Role.NURSE)
    assert refused.exit_code == 1 and "--user" not in refused.stderr
