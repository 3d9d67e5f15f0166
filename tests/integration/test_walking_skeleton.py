"""Issue 2's "done when", through the real `kiosk` command in real processes:

init → demo --headless (simulator on a real pty → driver → store) → sync against the real
FHIR server → 3 Encounters with SpO2 (59408-5, %) and pulse (8867-4, /min); a second sync
creates nothing; status shows 0 pending. Failure paths lose nothing already saved.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import requests

from tests.peers.fhir_server import FhirPeer


def kiosk(data: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    keep = {"KIOSK_KEY_DIR"}  # the store key of this test session (tests/conftest.py)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") or k in keep}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def search(base: str, query: str) -> dict[str, Any]:
    response = requests.get(
        f"{base}/{query}", headers={"Accept": "application/fhir+json"}, timeout=10
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def total(base: str, resource: str) -> int:
    return int(search(base, f"{resource}?_summary=count")["total"])


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_three_encounters_reach_the_server_once(tmp_path: Path, fhir_peer: FhirPeer) -> None:
    fhir_peer.reset()
    base, data = fhir_peer.base_url, tmp_path / "data"
    assert kiosk(data, "init").returncode == 0
    demo = kiosk(data, "demo", "--headless", "--encounters", "3", "--seed", "1")
    assert demo.returncode == 0, demo.stderr

    first = kiosk(data, "sync", "--server", base, "--once", "--json")
    assert first.returncode == 0, first.stderr
    encounters = search(base, "Encounter?_count=50")["entry"]
    assert len(encounters) == 3
    for entry in encounters:
        encounter_id = entry["resource"]["id"]
        observations = [
            e["resource"]
            for e in search(base, f"Observation?encounter=Encounter/{encounter_id}").get(
                "entry", []
            )
        ]
        by_code = {coding["code"]: obs for obs in observations for coding in obs["code"]["coding"]}
        assert by_code["59408-5"]["valueQuantity"]["code"] == "%"
        assert by_code["8867-4"]["valueQuantity"]["code"] == "/min"

    counts = {name: total(base, name) for name in ("Encounter", "Observation", "Patient", "Device")}
    second = kiosk(data, "sync", "--server", base, "--once", "--json")
    assert second.returncode == 0, second.stderr
    assert {name: total(base, name) for name in counts} == counts

    status = json.loads(kiosk(data, "status", "--json").stdout)
    assert status["outbox"]["pending"] == 0 and status["outbox"]["quarantined"] == 0
    assert status["unsynced_encounters"] == 0


def test_unreachable_server_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert kiosk(data, "init").returncode == 0
    assert kiosk(data, "demo", "--headless", "--encounters", "1").returncode == 0
    result = kiosk(data, "sync", "--server", f"http://127.0.0.1:{closed_port()}/fhir", "--once")
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip()
    status = json.loads(kiosk(data, "status", "--json").stdout)
    assert status["encounters"]["finished"] == 1 and status["unsynced_encounters"] == 1


def test_unplugged_port_is_a_clear_message(tmp_path: Path) -> None:
    result = kiosk(
        tmp_path,
        "drivers",
        "monitor",
        "contec-v7",
        "--port",
        str(tmp_path / "ttyUSB-gone"),
        "--count",
        "1",
        "--seconds",
        "2",
    )
    assert result.returncode == 1
    assert "ttyUSB-gone" in result.stderr and "Traceback" not in result.stderr


def test_wrong_byte_stream_decodes_nothing_and_does_not_crash(tmp_path: Path) -> None:
    capture = tmp_path / "noise.bin"
    capture.write_bytes(bytes(range(256)) * 40)
    result = kiosk(tmp_path, "drivers", "replay", "contec-v7", str(capture), "--json")
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        reading = json.loads(line)
        assert reading["driver"] == "contec-v7"
