"""`kiosk doctor`: the machine checks, each ok/warn/fail with a fix, never a crash."""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk import doctor, doctor_system
from kiosk.config import KioskConfig, load_config
from kiosk.demo import init_store
from kiosk.hotplug import PortInfo
from kiosk.i18n import translate
from tests.ops.conftest import kiosk
from tests.sync.test_tls_policy import serving_untrusted_https

NEW_CHECKS = [
    "config",
    "server",
    "clock",
    "serial_ports",
    "bluetooth",
    "camera",
    "permissions",
    "staff_accounts",
]


class _Server:
    """/metadata answering ``status`` with a Date ``skew`` seconds off."""

    def __init__(self, status: int, skew: float) -> None:
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.seen.append(self.headers.get("Authorization"))
                self.send_response(status)  # its Date header comes from date_time_string
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def date_time_string(self, timestamp: float | None = None) -> str:
                when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=skew)
                return email.utils.format_datetime(when, usegmt=True)

            def log_message(self, *args: object) -> None:
                return

        self.seen: list[str | None] = []
        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir/R4"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def no_hardware(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(doctor_system, "SYS_BLUETOOTH", tmp_path / "no-bt")
    monkeypatch.setattr(doctor_system, "VIDEO_GLOB", str(tmp_path / "no-video*"))
    monkeypatch.setattr(doctor_system, "list_ports", list)


def _config(tmp_path: Path, text: str = "") -> KioskConfig:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    if text:
        (data / "config.toml").write_text(text, encoding="utf-8")
        (data / "config.toml").chmod(0o600)
    config = load_config(data)
    init_store(config)
    return config


def _checks(config: KioskConfig) -> dict[str, dict[str, object]]:
    report = doctor.run(config, doctor.all_checks())
    return {c["name"]: c for c in report["checks"]}


def test_demo_configuration_is_clean_but_for_missing_hardware(
    tmp_path: Path, no_hardware: None
) -> None:
    config = _config(tmp_path)
    report = doctor.run(config, doctor.all_checks())
    assert report["ok"] is True
    names = [c["name"] for c in report["checks"]]
    assert names == ["store_integrity", "schema_version", "disk_space", "outbox", *NEW_CHECKS]
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["server"]["status"] == "ok" and checks["server"]["detail"]["state"] == "no-server"
    assert checks["clock"]["detail"]["skipped"] is True
    assert (
        checks["bluetooth"]["status"] == "warn"
        and checks["bluetooth"]["message"] == "No Bluetooth adapter."
    )
    assert checks["camera"]["status"] == "warn" and checks["camera"]["message"] == "No camera."
    assert all(set(c) == {"name", "status", "message", "fix", "detail"} for c in report["checks"])
    assert all(c["status"] in doctor.STATUSES and c["fix"] for c in report["checks"])


def test_store_checks_alone_are_unchanged(kiosk_config: KioskConfig) -> None:
    names = [c["name"] for c in doctor.run(kiosk_config)["checks"]]
    assert names == ["store_integrity", "schema_version", "disk_space", "outbox"]


@pytest.fixture
def server_factory() -> Iterator[list[_Server]]:
    servers: list[_Server] = []
    yield servers
    for server in servers:
        server.close()


def test_server_clock_and_auth(tmp_path: Path, no_hardware: None, server_factory: list[_Server],
                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    good = _Server(200, skew=0)
    server_factory.append(good)
    monkeypatch.setenv("KIOSK_SERVER_TOKEN", "tok")
    checks = _checks(_config(tmp_path, f'site = "KZ-AKM-1"\n[server]\nurl = "{good.url}"\n'))
    assert checks["server"]["status"] == "ok" and checks["clock"]["status"] == "ok"
    assert abs(float(checks["clock"]["detail"]["offset"])) <= 2  # type: ignore[arg-type]
    assert good.seen == ["Bearer tok"], "one request serves both checks"

    refused = _Server(401, skew=900)
    server_factory.append(refused)
    checks = _checks(_config(tmp_path, f'site = "KZ-AKM-1"\n[server]\nurl = "{refused.url}"\n'))
    assert checks["server"]["status"] == "fail" and "token" in str(checks["server"]["message"])
    assert checks["server"]["fix"] == translate("doctor.server_auth_fix")
    assert checks["clock"]["status"] == "warn" and "timedatectl" in str(checks["clock"]["fix"])


def test_unreachable_server_is_a_warning(tmp_path: Path, no_hardware: None) -> None:
    checks = _checks(_config(tmp_path, '[server]\nurl = "http://127.0.0.1:9/fhir"\n'))
    assert checks["server"]["status"] == "warn" and checks["clock"]["status"] == "warn"
    assert "cannot be reached" in str(checks["server"]["message"])


def test_ports_bluetooth_camera_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bt = tmp_path / "bt"
    (bt / "hci0").mkdir(parents=True)
    video = tmp_path / "video0"
    video.write_bytes(b"")
    tty = tmp_path / "ttyUSB0"
    tty.write_bytes(b"")
    ports = [
        PortInfo(str(tty), vid=0x10C4, pid=0xEA60),
        PortInfo(str(tmp_path / "ttyX"), vid=1, pid=2),
    ]
    monkeypatch.setattr(doctor_system, "SYS_BLUETOOTH", bt)
    monkeypatch.setattr(doctor_system, "VIDEO_GLOB", str(tmp_path / "video*"))
    monkeypatch.setattr(doctor_system, "list_ports", lambda: ports)
    config = _config(tmp_path, f'[ports]\n"{tty}" = "contec-v7"\n')
    (config.data_dir / "config.toml").chmod(0o644)
    checks = _checks(config)
    assert checks["bluetooth"]["status"] == "ok" and "hci0" in str(checks["bluetooth"]["message"])
    assert checks["camera"]["status"] == "ok"
    serial = checks["serial_ports"]
    assert serial["status"] == "warn" and "ttyX" in str(serial["message"])
    drivers = {p["port"]: p["drivers"] for p in serial["detail"]["ports"]}  # type: ignore[index]
    assert drivers[str(tty)] == ["contec-v7"]
    perms = checks["permissions"]
    assert perms["status"] == "warn" and "readable by everyone" in str(perms["message"])
    assert "chmod 600" in str(perms["fix"])


def test_cli_doctor_runs_every_check_and_translates(tmp_path: Path, no_hardware: None) -> None:
    data = tmp_path / "d"
    assert kiosk(data, "init").exit_code == 0
    result = kiosk(data, "doctor", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [c["name"] for c in report["checks"]][4:] == NEW_CHECKS
    russian = kiosk(data, "--lang", "ru", "doctor")
    assert "Камеры нет." in russian.stdout and "Подключите USB-камеру" in russian.stdout


def test_a_broken_config_is_reported_not_fatal(tmp_path: Path, no_hardware: None) -> None:
    data = tmp_path / "d"
    assert kiosk(data, "init").exit_code == 0
    (data / "config.toml").write_text('language = "xx"\n', encoding="utf-8")
    result = kiosk(data, "doctor", "--json")
    assert result.exit_code == 1
    config_check = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "config")
    assert config_check["status"] == "fail" and "config.toml:1" in config_check["message"]


def test_the_server_check_trusts_the_configured_ca_and_says_when_it_does_not(
    tmp_path: Path, no_hardware: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real HTTPS server with a self-signed certificate: refused (and said so) until
    ``[server] ca_bundle`` names it, as sync itself trusts it."""
    for folder in ("tls", "a", "b"):
        (tmp_path / folder).mkdir()
    with serving_untrusted_https(tmp_path / "tls", monkeypatch) as (url, cert):
        untrusted = _checks(_config(tmp_path / "a", f'[server]\nurl = "{url}"\n'))
        assert untrusted["server"]["status"] == "fail"
        assert untrusted["server"]["message"] == translate("security.tls_untrusted", server=url)
        assert untrusted["server"]["fix"] == translate("doctor.server_tls_fix")
        text = f'[server]\nurl = "{url}"\nca_bundle = "{cert}"\n'
        assert _checks(_config(tmp_path / "b", text))["server"]["status"] == "ok"


class _Endless(http.server.BaseHTTPRequestHandler):
    """/metadata whose body never ends (a hostile or broken server)."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b" " * 65536
        with contextlib.suppress(OSError):
            while not self.server.stopping.is_set():  # type: ignore[attr-defined]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def log_message(self, format: str, *args: Any) -> None:
        return


def test_the_server_check_never_reads_an_endless_answer(
    tmp_path: Path, no_hardware: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Status and headers are all the check needs: an endless body is not downloaded."""
    monkeypatch.setenv("NO_PROXY", "*")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    httpd.daemon_threads = True
    httpd.stopping = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/fhir"
        started = time.monotonic()
        checks = _checks(_config(tmp_path, f'[server]\nurl = "{url}"\n'))
        assert checks["server"]["status"] == "ok"
        assert time.monotonic() - started < 20  # reading the endless body would never end
    finally:
        httpd.stopping.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
