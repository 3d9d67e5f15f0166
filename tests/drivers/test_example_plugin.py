"""The plugin API from the outside: ``tests/plugins/kiosk_example_driver``, a separate
distribution (``kiosk-example-driver``), installed through the ``kiosk.drivers`` entry point.

It is installed with ``pip install --target`` into a temporary folder (a copy of its source,
so the tree gets no build files) and the kiosk runs in subprocesses with that folder on
``PYTHONPATH``: the shared venv never sees it, so other tests' driver lists do not change.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "plugins" / "kiosk_example_driver"
KIOSK = [sys.executable, "-m", "kiosk"]


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    work = tmp_path_factory.mktemp("example-plugin")
    source = work / "src"
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = work / "site"
    offline = all(importlib.util.find_spec(name) for name in ("setuptools", "wheel"))
    command = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
    command += ["--no-build-isolation"] if offline else []
    subprocess.run([*command, str(source)], check=True, timeout=180, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_DRIVERS", "PYTHONPATH")}
    env["PYTHONPATH"] = os.pathsep.join([str(target), str(ROOT)])
    yield env
    shutil.rmtree(work, ignore_errors=True)


def kiosk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KIOSK, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_list_shows_the_third_party_driver(plugin_env: dict[str, str]) -> None:
    result = kiosk(plugin_env, "drivers", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["drivers"]}
    example = rows["example-thermometer"]
    assert example["distribution"] == "kiosk-example-driver"
    assert example["transport"] == "serial" and example["serial"]["baudrate"] == 9600
    assert example["matchers"]["usb"] == ["0483:5740"]
    assert rows["contec-v7"]["distribution"] == "dala-kiosk"


def test_replay_decodes_with_the_plugins_parser(plugin_env: dict[str, str], tmp_path: Path) -> None:
    capture = tmp_path / "thermo.bin"
    capture.write_bytes(b"T=36.6C\r\nxx\r\nT=9\r\nT=---\r\nT=97.9F\r\n\xff\xfe\r\nT=37.")
    result = kiosk(plugin_env, "drivers", "replay", "example-thermometer", str(capture), "--json")
    assert result.returncode == 0, result.stderr
    readings = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["value"], r["unit"], r["flags"]) for r in readings] == [
        ("body_temp", 36.6, "Cel", []),
        ("status", None, None, ["no-sensor"]),
        ("body_temp", 97.9, "[degF]", []),
    ]


def test_kiosk_drivers_filter_hides_it(plugin_env: dict[str, str]) -> None:
    env = plugin_env | {"KIOSK_DRIVERS": "contec-v7"}
    result = kiosk(env, "drivers", "list", "--json")
    ids = [row["id"] for row in json.loads(result.stdout)["drivers"]]
    assert ids == ["contec-v7"]


def test_its_simulator_and_monitor_work_like_a_built_in(plugin_env: dict[str, str]) -> None:
    simulate = subprocess.Popen(
        [*KIOSK, "drivers", "simulate", "example-thermometer", "--seconds", "20"],
        env=plugin_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert simulate.stdout is not None
        port = simulate.stdout.readline().strip()
        assert port.startswith("/dev/pts/")
        result = kiosk(
            plugin_env, "drivers", "monitor", "example-thermometer", "--port", port,
            "--json", "--count", "3", "--seconds", "10",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        values = [json.loads(line)["value"] for line in result.stdout.splitlines()]
        assert values == [36.6, 36.6, 36.6]
    finally:
        simulate.terminate()
        try:
            simulate.wait(timeout=5)
        except subprocess.TimeoutExpired:
            simulate.kill()
            simulate.wait(timeout=5)
        if simulate.stdout is not None:
            simulate.stdout.close()
