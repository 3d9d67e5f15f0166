"""``kiosk doctor``: a self-test made of small checks, each with a plain fix.

A check is a function ``(DoctorContext) -> CheckResult``; :data:`CHECKS` lists the store
checks in the order they run, and :func:`all_checks` adds the machine checks of
:mod:`kiosk.doctor_system` (configuration, server, clock, serial ports, Bluetooth, camera,
permissions), which ``kiosk doctor`` runs. Adding one is adding a function to a list. A check
that raises is reported as failed, never as a traceback.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from typing import Any

from kiosk.config import KioskConfig
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from kiosk.store import Store, outbox
from kiosk.store.migrations import LATEST_VERSION, current_version

DISK_WARN_MB = 500
DISK_FAIL_MB = 100
STATUSES = ("ok", "warn", "fail")


@dataclasses.dataclass(frozen=True)
class CheckResult:
    name: str
    status: str
    message: str
    fix: str
    detail: dict[str, Any] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class DoctorContext:
    config: KioskConfig
    store: Store | None = None
    open_error: UserFacingError | None = None
    #: What several checks share (one server request, one port listing).
    cache: dict[str, Any] = dataclasses.field(default_factory=dict)


Check = Callable[[DoctorContext], CheckResult]


def _result(name: str, status: str, key: str, fix_key: str | None, **detail: Any) -> CheckResult:
    fix = translate(fix_key) if fix_key else translate("doctor.nothing_to_do")
    return CheckResult(name, status, translate(key, **detail), fix, detail)


def _missing(name: str, ctx: DoctorContext) -> CheckResult:
    path = str(ctx.config.store_path)
    if ctx.open_error is not None:  # the file is there but cannot be opened
        fix = translate("doctor.integrity_fix")
        return CheckResult(name, "fail", str(ctx.open_error), fix, {"key": ctx.open_error.key})
    return _result(name, "fail", "doctor.store_missing", "doctor.init_fix", path=path)


def check_integrity(ctx: DoctorContext) -> CheckResult:
    if ctx.store is None:
        return _missing("store_integrity", ctx)
    problems = ctx.store.integrity_check()
    if not problems:
        return _result("store_integrity", "ok", "doctor.integrity_ok", None, problems=[])
    return CheckResult(
        "store_integrity",
        "fail",
        translate("doctor.integrity_bad", count=len(problems)),
        translate("doctor.integrity_fix"),
        {"problems": problems[:20], "count": len(problems)},
    )


def check_schema(ctx: DoctorContext) -> CheckResult:
    if ctx.store is None:
        return _missing("schema_version", ctx)
    found = current_version(ctx.store)
    if found == LATEST_VERSION:
        return _result("schema_version", "ok", "doctor.schema_ok", None, version=found)
    if found < LATEST_VERSION:
        return _result(
            "schema_version",
            "fail",
            "doctor.schema_behind",
            "doctor.schema_fix",
            found=found,
            known=LATEST_VERSION,
        )
    return _result(
        "schema_version",
        "fail",
        "doctor.schema_ahead",
        "doctor.update_fix",
        found=found,
        known=LATEST_VERSION,
    )


def check_disk_space(ctx: DoctorContext) -> CheckResult:
    folder = ctx.config.data_dir
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    if free_mb >= DISK_WARN_MB:
        return _result("disk_space", "ok", "doctor.disk_ok", None, free_mb=free_mb)
    status = "fail" if free_mb < DISK_FAIL_MB else "warn"
    return _result("disk_space", status, "doctor.disk_low", "doctor.disk_fix", free_mb=free_mb)


def check_outbox(ctx: DoctorContext) -> CheckResult:
    if ctx.store is None:
        return _missing("outbox", ctx)
    counts = outbox.counts(ctx.store)
    pending = counts["pending"] + counts["sending"]
    if counts["quarantined"]:
        return _result(
            "outbox",
            "warn",
            "doctor.outbox_quarantined",
            "doctor.outbox_fix",
            pending=pending,
            quarantined=counts["quarantined"],
            acked=counts["acked"],
        )
    return _result(
        "outbox",
        "ok",
        "doctor.outbox_ok",
        None,
        pending=pending,
        quarantined=0,
        acked=counts["acked"],
    )


CHECKS: list[Check] = [check_integrity, check_schema, check_disk_space, check_outbox]


def all_checks() -> list[Check]:
    """The store checks, then the machine checks (what ``kiosk doctor`` runs)."""
    from kiosk.doctor_system import SYSTEM_CHECKS
    from kiosk.security.cli_guard import check_staff_accounts  # setup mode warns

    return [*CHECKS, *SYSTEM_CHECKS, check_staff_accounts]


def _safely(check: Check, ctx: DoctorContext) -> CheckResult:
    name = check.__name__.removeprefix("check_")
    try:
        return check(ctx)
    except UserFacingError as error:
        return CheckResult(
            name, "fail", str(error), translate("doctor.integrity_fix"), {"key": error.key}
        )
    except Exception as error:  # a broken check must not hide the others
        return CheckResult(name, "fail", f"{type(error).__name__}: {error}", "", {})


def run(config: KioskConfig, checks: list[Check] | None = None) -> dict[str, Any]:
    """Run every check; ``ok`` is False when any failed."""
    ctx = DoctorContext(config)
    try:
        if config.store_path.exists():
            ctx.store = Store(config.store_path, must_exist=True)
    except UserFacingError as error:
        ctx.open_error = error
    try:
        results = [_safely(check, ctx) for check in (CHECKS if checks is None else checks)]
    finally:
        if ctx.store is not None:
            ctx.store.close()
    failed = sum(r.status == "fail" for r in results)
    warned = sum(r.status == "warn" for r in results)
    summary = (
        translate("doctor.summary_ok", count=len(results))
        if not failed and not warned
        else translate("doctor.summary_bad", failed=failed, warned=warned)
    )
    return {
        "ok": failed == 0,
        "summary": summary,
        "data_dir": str(config.data_dir),
        "checks": [r.to_json() for r in results],
    }
