"""``kiosk bench sync``: bytes on the wire per encounter, and a 2G backlog drain (issue 7).

(a) **value**: HTTP bytes the kiosk *sends* (upstream: request lines, headers and bodies,
counted by the proxy) per encounter with 8 vitals + 2 photos, sent by the real engine (gzip
request bodies on) to the real FHIR test peer, registrations included. The photos are real:
two JPEGs per encounter saved through ``kiosk.media.photos.save_photo`` (synthesised 720p
camera frames, about 150 kB each as stored), sent on the photo lane as ``PUT Binary``
(raw bytes), ``PUT Media`` and the ``GET Binary`` read-back (:mod:`sync.photos`).
**baseline**: gzip of the minimal (compact) FHIR JSON of the encounter (its transaction
bundle and its two Media) plus the image bytes. ``ratio`` = upstream / baseline; goal ≤ 1.10.
The headline is upstream because that is what the goal is about (what the kiosk pays to
get an encounter to the hospital); the read-back brings every image back down once more,
so the downstream bytes are about the image bytes again: ``details.bytes`` reports both
directions, per request kind, and ``ratio_both_ways``.

(b) **details.drain**: a backlog of 200 encounters (20 with ``quick``), clinical items only
(photos travel on their own lane and are measured in (a)), drained through the proxy's emulated
link: 64 kbit/s each way, 500 ms RTT, 2 % of requests lost (dropped connections), a 10 s
cut every 2 min. Emulated time runs ``TIME_SCALE`` times faster than the wall clock and the
engine's clock follows it (back-off included). Reported: drain time in emulated seconds and
the link utilisation = useful bytes (gzip of each encounter's minimal FHIR JSON) /
(bandwidth × time).

Needs the repository's FHIR test peer (tests/peers/fhir, Node) and fault proxy; it is a
developer benchmark, not something a kiosk runs.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from kiosk import services
from kiosk.bench import Benchmark, BenchResult
from kiosk.config import KioskConfig
from kiosk.domain import DeviceIdentity, Measurement, Sex, utc_now
from kiosk.store import Store, migrate, outbox
from sync import photos
from sync.bundles import encounter_bundle_for
from sync.engine import SyncEngine
from sync.settings import SyncSettings

#: The synthesised camera frame (720p, a little sensor noise): about 150 kB as stored.
FRAME = (1280, 720)
PHOTOS_PER_ENCOUNTER = 2
BANDWIDTH_BPS = 64_000
RTT_S = 0.5
LOSS = 0.02
CUT_EVERY_S = 120.0
CUT_FOR_S = 10.0
TIME_SCALE = 10.0
GOAL_RATIO = 1.10
OXIMETER = DeviceIdentity("contec-v7", "contec-v7-SN0042", "Contec", "CMS50D+", "SN0042")
CUFF = DeviceIdentity("and-ua767", "and-ua767-5181000124", "A&D", "UA-767", "5181000124")
T0 = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)
#: The four vitals the nurse types (the other four come from the oximeter and the cuff).
TYPED_VITALS: tuple[tuple[str, float, str], ...] = (
    ("body_temp", 36.6, "Cel"),
    ("resp_rate", 16, "/min"),
    ("body_weight", 70.5, "kg"),
    ("body_height", 172, "cm"),
)


def _repo_tools() -> Any:
    root = Path(__file__).resolve().parents[1]
    if not (root / "tests" / "peers" / "fhir").is_dir():
        raise RuntimeError("kiosk bench sync needs the source tree (tests/peers/fhir)")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from tests.integration import fault_proxy, link_emulator
    from tests.peers.fhir_server import FhirPeer

    return FhirPeer, fault_proxy.FaultProxy, link_emulator.LinkEmulator


def _take_photos(store: Store, media_dir: Path, encounter_id: str, index: int, at: Any) -> None:
    """Two real JPEGs through kiosk.media (the quality gate, the encoder, the outbox item)."""
    from kiosk.media.photos import save_photo

    synth = importlib.import_module("tests.kiosk.media.synth")  # test tooling, like the peer

    for n in range(PHOTOS_PER_ENCOUNTER):
        frame = synth.noisy(synth.scene(*FRAME, seed=index * 10 + n), 4.0, seed=index + n)
        site = "chest" if n == 0 else None
        save_photo(
            store, media_dir=media_dir, encounter_id=encounter_id, image=frame, now=at, site=site
        )


def build_backlog(store: Store, site: str, count: int, media_dir: Path | None = None) -> list[str]:
    """``count`` saved encounters, each with 8 vitals (device and typed), and two photos
    each when ``media_dir`` is given."""
    migrate(store)
    services.ensure_kiosk_registered(store, T0)
    ids = []
    for index in range(count):
        now = T0 + dt.timedelta(minutes=10 * index)
        patient = services.register_patient(
            store,
            family=f"Бенчев{index}",
            given="Арман",
            birth_date=dt.date(1975, 1 + index % 12, 1 + index % 28),
            sex=Sex.MALE if index % 2 else Sex.FEMALE,
            now=now,
        )
        enc = services.start_encounter(store, patient_id=patient.id, site=site, now=now)
        at = now + dt.timedelta(seconds=30)
        for identity, rtype, value, unit in (
            (OXIMETER, "spo2", 95 + index % 4, "%"),
            (OXIMETER, "pulse_rate", 64 + index % 30, "/min"),
            (CUFF, "systolic_bp", 118 + index % 20, "mm[Hg]"),
            (CUFF, "diastolic_bp", 76 + index % 10, "mm[Hg]"),
        ):
            measurement = Measurement(identity.driver_id, rtype, value, unit)
            services.record_reading(
                store, encounter_id=enc.id, measurement=measurement, identity=identity, now=at
            )
        for rtype, typed, unit in TYPED_VITALS:
            services.record_manual_reading(
                store, encounter_id=enc.id, reading_type=rtype, value=typed, unit=unit, now=at
            )
        if media_dir is not None:
            _take_photos(store, media_dir, enc.id, index, at)
        services.save_encounter(store, encounter_id=enc.id, now=now + dt.timedelta(minutes=5))
        ids.append(enc.id)
    return ids


def minimal_gzip(store: Store, config: KioskConfig, encounter_id: str) -> int:
    bundle = encounter_bundle_for(store, config, encounter_id)
    compact = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode()
    return len(gzip.compress(compact, mtime=0))


def _minimal_media_gzip(store: Store, config: KioskConfig, encounter_id: str) -> int:
    """gzip of the compact JSON of an encounter's Media resources (as sent, server ids known)."""
    media_ids = [
        str(r["id"])
        for r in store.query("SELECT id FROM media WHERE encounter_id = ?", (encounter_id,))
    ]
    documents = [photos.prepare(store, config, m, 10**9).media for m in media_ids]
    compact = json.dumps(documents, ensure_ascii=False, separators=(",", ":")).encode()
    return len(gzip.compress(compact, mtime=0)) if documents else 0


def _step(method: str, path: str) -> str:
    if "/Binary/" in path:
        return "binary_put" if method == "PUT" else "binary_read_back"
    return "media_put" if "/Media/" in path else "clinical"


def measure_bytes(workdir: Path, peer: Any, proxy_cls: Any, count: int) -> dict[str, Any]:
    config = KioskConfig(data_dir=workdir / "bytes", server_timeout=30)
    with Store(config.store_path) as store:
        ids = build_backlog(store, config.site, count, media_dir=config.media_dir)
        proxy = proxy_cls(peer.base_url).start()
        try:
            settings = SyncSettings(gzip=True)
            with SyncEngine(store, config, server_url=proxy.base_url, settings=settings) as engine:
                report = engine.run_once()
            if not report.done or report.photos_acked != count * PHOTOS_PER_ENCOUNTER:
                raise RuntimeError(f"sync did not finish: {report}")
            up, down, requests_made = proxy.bytes_up, proxy.bytes_down, proxy.requests
            steps: dict[str, dict[str, int]] = {}
            for method, path, _fault, sent, received in proxy.log:
                step = steps.setdefault(_step(method, path), {"requests": 0, "up": 0, "down": 0})
                step["requests"] += 1
                step["up"] += sent
                step["down"] += received
        finally:
            proxy.stop()
        bundle_gz = sum(minimal_gzip(store, config, i) for i in ids)
        media_gz = sum(_minimal_media_gzip(store, config, i) for i in ids)
        images = int(store.scalar("SELECT coalesce(sum(size), 0) FROM media"))
    baseline = bundle_gz + media_gz + images
    return {
        "encounters": count,
        "photos": count * PHOTOS_PER_ENCOUNTER,
        "upstream_bytes": up,
        "downstream_bytes": down,
        "wire_bytes": up + down,
        "requests": requests_made,
        "upstream_per_encounter": round(up / count),
        "downstream_per_encounter": round(down / count),
        "per_request_kind_per_encounter": {
            name: {key: round(value / count, 1) for key, value in step.items()}
            for name, step in sorted(steps.items())
        },
        "image_bytes_per_encounter": round(images / count),
        "minimal_json_gzip_bytes_per_encounter": round((bundle_gz + media_gz) / count),
        "of_which_media_json_gzip_per_encounter": round(media_gz / count),
        "baseline_bytes": baseline,
        "ratio_upstream": round(up / baseline, 4),
        "ratio_both_ways": round((up + down) / baseline, 4),
        "ratio_upstream_vs_bundle_and_images_only": round(up / (bundle_gz + images), 4),
    }


def drain(workdir: Path, peer: Any, proxy_cls: Any, link_cls: Any, count: int) -> dict[str, Any]:
    config = KioskConfig(data_dir=workdir / "drain", server_timeout=max(5.0, 120 / TIME_SCALE))
    with Store(config.store_path) as store:
        ids = build_backlog(store, config.site, count)
        useful = sum(minimal_gzip(store, config, i) for i in ids)
        link = link_cls(BANDWIDTH_BPS, RTT_S, LOSS, CUT_EVERY_S, CUT_FOR_S, TIME_SCALE, seed=1)
        proxy = proxy_cls(peer.base_url, link=link).start()
        start_wall = utc_now()
        link.restart_clock()

        def clock() -> dt.datetime:
            return start_wall + dt.timedelta(seconds=link.emulated_s())

        passes = 0
        try:
            settings = SyncSettings(gzip=True)
            with SyncEngine(
                store, config, server_url=proxy.base_url, now=clock, settings=settings
            ) as engine:
                while True:
                    passes += 1
                    report = engine.run_once()
                    if report.pending == 0:
                        break
                    wait = report.retry_in if report.retry_in is not None else 1.0
                    time.sleep(max(wait, 0.01) / TIME_SCALE)
            seconds = link.emulated_s()
        finally:
            proxy.stop()
        if outbox.counts(store)["quarantined"]:
            raise RuntimeError("an item was quarantined during the drain")
    capacity = BANDWIDTH_BPS / 8 * seconds
    return {
        "encounters": count,
        "link": f"{BANDWIDTH_BPS // 1000} kbit/s each way, RTT {RTT_S * 1000:.0f} ms, "
        f"{LOSS:.0%} loss, {CUT_FOR_S:.0f} s cut every {CUT_EVERY_S:.0f} s",
        "time_scale": TIME_SCALE,
        "drain_s": round(seconds, 1),
        "useful_bytes": useful,
        "wire_bytes": proxy.bytes_up + proxy.bytes_down,
        "utilisation": round(useful / capacity, 4) if capacity else None,
        "wire_share": round((proxy.bytes_up + proxy.bytes_down) / capacity, 4)
        if capacity
        else None,
        "s_per_encounter": round(seconds / count, 2),
        # the server's own time, stretched by the time scale (a pessimistic bias)
        "server_s_scaled": round(proxy.upstream_s * TIME_SCALE, 1),
        "utilisation_without_server_time": round(
            useful / (BANDWIDTH_BPS / 8 * max(seconds - proxy.upstream_s * TIME_SCALE, 1e-9)), 4
        ),
        "passes": passes,
        "losses": link.losses,
        "cut_hits": link.cuts_hit,
        "requests": proxy.requests,
    }


def run(workdir: Path, quick: bool) -> BenchResult:
    peer_cls, proxy_cls, link_cls = _repo_tools()
    peer = peer_cls().start()
    try:
        sized = measure_bytes(workdir, peer, proxy_cls, 5 if quick else 20)
        peer.reset()
        drained = drain(workdir, peer, proxy_cls, link_cls, 20 if quick else 200)
    finally:
        peer.stop()
    count = sized["encounters"]
    value = sized["upstream_bytes"] / count
    baseline = sized["baseline_bytes"] / count
    return BenchResult(
        name="sync",
        value=value,
        unit="bytes/encounter",
        baseline="gzip of the minimal FHIR JSON (bundle + Media) + images (8 vitals + 2 photos)",
        baseline_value=baseline,
        goal=f"ratio <= {GOAL_RATIO}",
        met=value / baseline <= GOAL_RATIO,
        details={
            "value": "upstream HTTP bytes per encounter (request lines, headers, bodies), "
            "registrations included; downstream (answers and the photo read-backs) is in "
            "bytes.downstream_per_encounter and bytes.ratio_both_ways",
            "photos": f"{PHOTOS_PER_ENCOUNTER} real JPEGs per encounter via kiosk.media "
            f"(synthesised {FRAME[0]}x{FRAME[1]} frames): PUT Binary + PUT Media + GET Binary",
            "gzip_request_bodies": True,
            "bytes": sized,
            "drain": drained,
        },
    )


BENCHMARK = Benchmark(
    name="sync",
    description="upstream bytes per encounter (vitals + 2 photos) vs gzip of the minimal FHIR "
    "JSON + images; 2G drain",
    run=run,
)
