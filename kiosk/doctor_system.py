"""The machine checks of ``kiosk doctor``: configuration, server, clock, serial ports,
Bluetooth, camera, permissions. Each is a ``(DoctorContext) -> CheckResult`` function like
the store checks of :mod:`kiosk.doctor`, with a plain fix in the technician's language.

They never crash on a machine without the hardware: no adapter, no camera, no ports and no
server are states with a message, not errors. Nothing here imports ``cv2`` or talks D-Bus:
the camera is probed by opening ``/dev/video*``, Bluetooth by ``/sys/class/bluetooth``.
The paths and the port lister are module attributes so tests can point them elsewhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import grp
import os
import tempfile
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from kiosk import hotplug
from kiosk.config import DEMO_SITE
from kiosk.errors import UserFacingError
from kiosk.i18n import translate

if TYPE_CHECKING:
    from kiosk.doctor import CheckResult, DoctorContext

SYS_BLUETOOTH = Path("/sys/class/bluetooth")
VIDEO_GLOB = "/dev/video*"
SERVER_TIMEOUT_S = 5.0
TLS_UNTRUSTED = "certificate not trusted"
CLOCK_WARN_S = 120.0  # sync flags readings beyond two minutes (sync/engine.py)
CLOCK_FAIL_S = 3600.0
list_ports: Callable[[], list[hotplug.PortInfo]] = hotplug.list_serial_ports


def _result(name: str, status: str, key: str, fix_key: str | None, /, **detail: Any) -> CheckResult:
    from kiosk.doctor import CheckResult

    fix = translate(fix_key) if fix_key else translate("doctor.nothing_to_do")
    return CheckResult(name, status, translate(key, **detail), fix, detail)


def check_config(ctx: DoctorContext) -> CheckResult:
    from kiosk.settings_file import resolve

    try:
        problems = resolve(ctx.config.data_dir).problems
    except UserFacingError as error:
        return _result("config", "fail", "doctor.config_warn", "doctor.config_fix",
                       count=1, problems=str(error))  # fmt: skip
    if not problems:
        return _result("config", "ok", "doctor.config_ok", None)
    status = "fail" if any(p.fatal for p in problems) else "warn"
    text = "; ".join(p.message() for p in problems)
    return _result("config", status, "doctor.config_warn", "doctor.config_fix",
                   count=len(problems), problems=text)  # fmt: skip


def _metadata(ctx: DoctorContext) -> dict[str, Any]:
    """One ``GET {server}/metadata``, shared by the server and clock checks."""
    if "metadata" in ctx.cache:
        return dict(ctx.cache["metadata"])
    url = str(ctx.config.server_url).rstrip("/") + "/metadata"
    headers = {"Accept": "application/fhir+json"}
    if ctx.config.server_token:
        headers["Authorization"] = f"Bearer {ctx.config.server_token}"
    found: dict[str, Any] = {"url": url}
    sent = time.time()
    try:
        timeout = min(SERVER_TIMEOUT_S, ctx.config.server_timeout)
        # The hospital's CA as sync trusts it; the body is never read (stream), so a huge or
        # endless answer costs nothing: status and headers are all the checks need.
        verify = ctx.config.server_ca_bundle or True
        response = requests.get(url, headers=headers, timeout=timeout, verify=verify, stream=True)
        response.close()
    except requests.exceptions.SSLError:
        found["error"] = TLS_UNTRUSTED
    except requests.RequestException as error:
        found["error"] = type(error).__name__
    else:
        found["status"] = response.status_code
        found["date"] = response.headers.get("Date")
        found["local"] = (sent + time.time()) / 2  # the middle of the round trip
    ctx.cache["metadata"] = found
    return found


def _no_server(name: str, ctx: DoctorContext) -> CheckResult:
    status = "ok" if ctx.config.site == DEMO_SITE else "warn"
    return _result(name, status, "doctor.server_none", "doctor.server_none_fix", skipped=True,
                   state="no-server")  # fmt: skip


def check_server(ctx: DoctorContext) -> CheckResult:
    if not ctx.config.server_url:
        return _no_server("server", ctx)
    found = _metadata(ctx)
    url, status = found["url"], found.get("status")
    if found.get("error") == TLS_UNTRUSTED:  # no sync can work until the CA is named
        return _result("server", "fail", "security.tls_untrusted", "doctor.server_tls_fix",
                       url=url, server=str(ctx.config.server_url))  # fmt: skip
    if status is None:
        return _result("server", "warn", "doctor.server_unreachable",
                       "doctor.server_unreachable_fix", url=url, reason=found["error"])  # fmt: skip
    if status in (401, 403):
        return _result("server", "fail", "doctor.server_auth", "doctor.server_auth_fix",
                       url=url, status=status)  # fmt: skip
    if not 200 <= status < 300:
        return _result("server", "fail", "doctor.server_error", "doctor.server_error_fix",
                       url=url, status=status)  # fmt: skip
    return _result("server", "ok", "doctor.server_ok", None, url=url, status=status)


def check_clock(ctx: DoctorContext) -> CheckResult:
    if not ctx.config.server_url:
        return _result("clock", "ok", "doctor.clock_skipped", "doctor.server_none_fix",
                       skipped=True, state="no-server")  # fmt: skip
    found = _metadata(ctx)
    try:
        server = parsedate_to_datetime(found["date"]) if found.get("date") else None
    except (TypeError, ValueError):
        server = None
    if server is None:
        return _result("clock", "warn", "doctor.clock_unknown", "doctor.server_unreachable_fix")
    if server.tzinfo is None:  # "-0000" (and some servers' "GMT") parse without a zone
        server = server.replace(tzinfo=dt.UTC)
    local = dt.datetime.fromtimestamp(found["local"], dt.UTC)
    offset = round((server - local).total_seconds(), 1)  # Date has 1 s resolution
    if abs(offset) <= CLOCK_WARN_S:
        return _result("clock", "ok", "doctor.clock_ok", None, offset=offset)
    status = "fail" if abs(offset) > CLOCK_FAIL_S else "warn"
    return _result("clock", status, "doctor.clock_off", "doctor.clock_fix", offset=offset)


def _ports(ctx: DoctorContext) -> list[hotplug.PortInfo]:
    if "ports" not in ctx.cache:
        ctx.cache["ports"] = list_ports()
    return list(ctx.cache["ports"])


def check_serial_ports(ctx: DoctorContext) -> CheckResult:
    from kiosk.plugins import load_drivers

    ports = _ports(ctx)
    if not ports:
        return _result("serial_ports", "ok", "doctor.ports_none", None, ports=[])
    manifests = [plugin.manifest for plugin in load_drivers().drivers.values()]
    matched = {p.path: hotplug.candidates(p, manifests, ctx.config.ports) for p in ports}
    summary = ", ".join(f"{port} → {'/'.join(ids) or '?'}" for port, ids in matched.items())
    # a built-in port (ttyS*) with nothing assigned is not a device; a USB one is
    unmatched = [p.path for p in ports if p.usb and not matched[p.path]]
    detail = {"ports": [p.to_json() | {"drivers": matched[p.path]} for p in ports]}
    if unmatched:
        result = _result("serial_ports", "warn", "doctor.ports_unmatched", "doctor.ports_fix",
                         **detail, unmatched=unmatched)  # fmt: skip
        text = translate("doctor.ports_unmatched", ports=", ".join(unmatched))
    else:
        result = _result("serial_ports", "ok", "doctor.ports_ok", None, **detail)
        text = translate("doctor.ports_ok", ports=summary)
    return dataclasses.replace(result, message=text)


def check_bluetooth(ctx: DoctorContext) -> CheckResult:
    adapters = sorted(p.name for p in SYS_BLUETOOTH.glob("hci*")) if SYS_BLUETOOTH.is_dir() else []
    if adapters:
        return _result("bluetooth", "ok", "doctor.bt_ok", None, adapters=", ".join(adapters))
    status = "fail" if ctx.config.ble_devices else "warn"
    return _result("bluetooth", status, "doctor.bt_none", "doctor.bt_none_fix", adapters="")


def check_camera(ctx: DoctorContext) -> CheckResult:
    devices = sorted(glob.glob(VIDEO_GLOB))
    if not devices:
        return _result("camera", "warn", "doctor.camera_none", "doctor.camera_fix", devices="")
    for device in devices:
        try:
            fd = os.open(device, os.O_RDWR | os.O_NONBLOCK)
        except OSError as error:
            return _result("camera", "warn", "doctor.camera_busy", "doctor.camera_busy_fix",
                           device=device, reason=error.strerror or str(error))  # fmt: skip
        os.close(fd)
    return _result("camera", "ok", "doctor.camera_ok", None, devices=", ".join(devices))


def _writable(folder: Path) -> bool:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def check_permissions(ctx: DoctorContext) -> CheckResult:
    problems: list[str] = []
    status = "warn"
    data_dir = ctx.config.data_dir
    if not _writable(data_dir):
        problems.append(translate("doctor.perm_data_dir", path=str(data_dir)))
        status = "fail"
    config_file = data_dir / "config.toml"
    if config_file.exists() and config_file.stat().st_mode & 0o004:
        mode = oct(config_file.stat().st_mode & 0o777)
        problems.append(translate("doctor.perm_config", mode=mode))
    for port in _ports(ctx):
        if os.path.exists(port.device) and not os.access(port.device, os.R_OK | os.W_OK):
            group = grp.getgrgid(os.stat(port.device).st_gid).gr_name
            problems.append(translate("doctor.perm_dialout", group=group))
            status = "fail"
            break
    if not problems:
        return _result("permissions", "ok", "doctor.perm_ok", None, problems=[])
    result = _result("permissions", status, "doctor.perm_ok", "doctor.perm_fix", problems=problems)
    return dataclasses.replace(result, message=" ".join(problems))


SYSTEM_CHECKS = [check_config, check_server, check_clock, check_serial_ports, check_bluetooth,
                 check_camera, check_permissions]  # fmt: skip
