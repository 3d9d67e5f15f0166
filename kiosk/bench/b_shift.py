"""``kiosk bench shift``: an eight-hour shift at accelerated speed; does memory stay flat?

Three serial devices stream all shift long through the plugin API (the drivers are loaded
by entry point, never imported): the ``contec-v7`` oximeter, a ``masimo-ascii`` oximeter and
an ``and-scale`` scale, each a simulator on a pseudo-terminal read by the driver's
production session in :class:`~kiosk.live.LiveDevices`. 500 visits (50 with ``quick``) are
spread over eight simulated hours: register a synthetic patient, start an encounter, wait for
fresh device values, record them, a photo when :mod:`kiosk.media` can store one, save. After
every visit a sync pass pushes the outbox to an in-process HTTP server on a *flapping link*
(about a third of the requests get a 503 or a dropped connection); failures are retried on
the next pass, as the real worker does. (``sync/`` itself cannot be imported from the core;
this pusher drives the same outbox state machine over real HTTP.)

After every simulated hour: RSS (``VmRSS`` of ``/proc/self/status``), open file descriptors
(``/proc/self/fd``) and threads. The figure is the RSS at the end of the shift against the RSS
after the first hour: goal ≤ 300 MB and growth ≤ 5 %, with no descriptor or thread leaked
(the same counts at the end of the last hour as at the end of the first, and after stopping
everything as before starting).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from kiosk import services
from kiosk.bench import Benchmark, BenchResult
from kiosk.bench.shift_support import FlappingServer, Photographer, push_outbox
from kiosk.config import KioskConfig
from kiosk.demo import init_store
from kiosk.device_api import Simulator
from kiosk.domain import utc_now
from kiosk.live import LiveDevices
from kiosk.plugins import load_drivers
from kiosk.runtime import Runtime
from kiosk.synthetic import synthetic_patient

HOURS = 8
VISITS, QUICK_VISITS = 500, 50
RSS_GOAL_MB = 300.0
GROWTH_GOAL = 1.05
FD_SLACK = 2  # a lazily opened file (a locale, a cache) is not a leak
DEVICES: tuple[tuple[str, dict[str, object]], ...] = (
    ("contec-v7", {}),
    ("masimo-ascii", {"interval": 0.05}),
    ("and-scale", {"interval": 0.05}),
)
WANTED = ("spo2", "pulse_rate", "body_weight")
WAIT_S = 10.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def sample() -> dict[str, float]:
    gc.collect()
    return {"rss_mb": round(rss_mb(), 1), "fds": open_fds(), "threads": threading.active_count()}


@contextlib.contextmanager
def _devices(live: LiveDevices) -> Iterator[list[str]]:
    registry = load_drivers()
    simulators: list[Simulator] = []
    try:
        for driver_id, options in DEVICES:
            plugin = registry.get(driver_id)
            if plugin is None:
                raise RuntimeError(f"driver {driver_id} is not installed")
            simulator = plugin.start_simulator("normal", seed=7, **options)
            simulators.append(simulator)
            live.start(plugin, simulator.port)
        yield [driver_id for driver_id, _ in DEVICES]
    finally:
        live.stop_all()
        for simulator in simulators:
            simulator.stop()


def _visit(
    runtime: Runtime,
    live: LiveDevices,
    config: KioskConfig,
    rng: random.Random,
    photographer: Photographer,
) -> int:
    person = synthetic_patient(rng, utc_now().date())
    patient = runtime.write(
        services.register_patient, family=person.family, given=person.given,
        birth_date=person.birth_date, sex=person.sex, now=utc_now(),
    ).result()  # fmt: skip
    started = utc_now()
    encounter = runtime.write(
        services.start_encounter, patient_id=patient.id, site=config.site, now=started
    ).result()
    live.wait_for(WANTED, since=started, timeout=WAIT_S)
    values = live.fresh_values(WANTED, since=started - dt.timedelta(seconds=2))
    for value in values:
        runtime.write(
            services.record_reading, encounter_id=encounter.id, measurement=value.measurement,
            identity=value.identity, now=value.received_at,
        ).result()  # fmt: skip
    photographer.take(runtime, encounter.id)
    runtime.write(services.save_encounter, encounter_id=encounter.id, now=utc_now()).result()
    return len(values)


def run_shift(workdir: Path, visits: int) -> dict[str, Any]:
    config = KioskConfig(data_dir=workdir / "data", site="KZ-BENCH-0001")
    init_store(config)
    before = sample()
    rng = random.Random(11)
    hours: list[dict[str, float]] = []
    totals = {"readings": 0, "sent": 0, "failed_requests": 0}
    started = time.perf_counter()
    with FlappingServer(fail_rate=0.33, seed=5) as server, requests.Session() as http:
        runtime = Runtime(config.store_path).start()
        live = LiveDevices(runtime)
        photographer = Photographer(config.media_dir)
        try:
            with _devices(live) as devices:
                for hour in range(HOURS):
                    for _ in range(visits * (hour + 1) // HOURS - visits * hour // HOURS):
                        totals["readings"] += _visit(runtime, live, config, rng, photographer)
                        sent, failed = push_outbox(runtime, http, server.url)
                        totals["sent"] += sent
                        totals["failed_requests"] += failed
                    hours.append(sample())
                for _ in range(20):  # drain what the flapping link left behind
                    sent, failed = push_outbox(runtime, http, server.url)
                    totals["sent"] += sent
                    totals["failed_requests"] += failed
                running_end = sample()
        finally:
            runtime.stop()
        server_requests = server.requests
    after = sample()
    return {
        "devices": devices,
        "visits": visits,
        "hours": hours,
        "before": before,
        "running_end": running_end,
        "after": after,
        "seconds": round(time.perf_counter() - started, 1),
        "server_requests": server_requests,
        "photos": photographer.report(),
        **totals,
    }


def run(workdir: Path, quick: bool) -> BenchResult:
    shift = run_shift(workdir, QUICK_VISITS if quick else VISITS)
    first, last = shift["hours"][0], shift["hours"][-1]
    growth = last["rss_mb"] / first["rss_mb"]
    fd_leak = max(last["fds"] - first["fds"], shift["after"]["fds"] - shift["before"]["fds"])
    thread_leak = max(
        last["threads"] - first["threads"], shift["after"]["threads"] - shift["before"]["threads"]
    )
    met = (
        last["rss_mb"] <= RSS_GOAL_MB
        and growth <= GROWTH_GOAL
        and fd_leak <= FD_SLACK
        and thread_leak <= 0
    )
    return BenchResult(
        name="shift",
        value=last["rss_mb"],
        unit="MB",
        baseline="RSS after the first simulated hour",
        baseline_value=first["rss_mb"],
        goal=f"value <= {RSS_GOAL_MB:.0f} and ratio <= {GROWTH_GOAL} and no fd/thread leak",
        met=met,
        details={
            **shift,
            "growth": round(growth, 4),
            "fd_leak": fd_leak,
            "thread_leak": thread_leak,
        },
    )


BENCHMARK = Benchmark(
    "shift",
    "RSS at the end of a simulated 8-hour shift (3 devices, 500 visits, flapping sync) "
    "vs after its first hour",
    run,
)
