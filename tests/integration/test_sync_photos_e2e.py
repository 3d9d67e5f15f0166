"""Photos end to end against the REAL FHIR test peer (fhir-mapping.md §3.5).

An encounter with two real JPEGs (kiosk.media ``save_photo`` on synthesised scenes) is
synced by the engine: the server then holds the Encounter, two Media pointing at it and at
the Patient, and the Binary bytes hash-identical to the files on the kiosk. A second sync
uploads nothing. Faults: tests/integration/test_sync_faults.py.
"""

from __future__ import annotations

from pathlib import Path

import requests

from kiosk.config import KioskConfig
from kiosk.store import Store, outbox
from sync.bundles import KIOSK_SERVER_ID_KEY as KIOSK_KEY
from sync.engine import SyncEngine
from tests.integration.fault_proxy import FaultProxy
from tests.integration.test_sync_faults import (
    FHIR_JSON,
    build_encounters_with_photos,
    check_photos_on_server,
    search,
)


def test_an_encounter_with_two_photos_reaches_the_server(fhir_base: str, tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path, server_timeout=10)
    with Store(config.store_path) as store:
        taken = build_encounters_with_photos(store, config, 1, per_encounter=2)
        [(encounter_id, media_ids)] = taken.items()
        with FaultProxy(fhir_base) as proxy:
            with SyncEngine(store, config, server_url=proxy.base_url) as engine:
                report = engine.run_once()
            assert report.done and report.photos_acked == 2, report
            assert report.to_json()["photos"] == {"acked": 2, "pending": 0, "quarantined": 0}
            sent = [(method, path.rsplit("/R4/", 1)[-1]) for method, path, *_ in proxy.log]
            for media_id in media_ids:  # Binary, then Media, then the read-back
                steps = [sent.index((m, f"{k}/{media_id}")) for m, k in (
                    ("PUT", "Binary"), ("PUT", "Media"), ("GET", "Binary"))]  # fmt: skip
                assert steps == sorted(steps)
            writes = [e for e in proxy.log if e[0] == "PUT"]
            assert all(down < 1000 for *_, down in writes)  # return=minimal: no echo

            check_photos_on_server(fhir_base, store, config, taken)
            [encounter] = search(fhir_base, "Encounter")
            assert encounter["id"] == encounter_id
            media = search(fhir_base, "Media", encounter=f"Encounter/{encounter_id}")
            assert sorted(m["id"] for m in media) == sorted(media_ids)
            patient = store.scalar("SELECT server_id FROM patients")
            assert {m["subject"]["reference"] for m in media} == {f"Patient/{patient}"}
            kiosk = store.scalar("SELECT value FROM sync_state WHERE key = ?", (KIOSK_KEY,))
            assert {m["device"]["reference"] for m in media} == {f"Device/{kiosk}"}
            assert kiosk in {d["id"] for d in search(fhir_base, "Device")}

            proxy.reset_counters()  # a second sync uploads nothing
            with SyncEngine(store, config, server_url=proxy.base_url) as engine:
                again = engine.run_once()
            assert again.acked == 0 and again.done and proxy.requests == 0
        assert outbox.counts(store)["acked"] == len(store.query("SELECT id FROM outbox"))
    for media_id in media_ids:  # one version: nothing was uploaded twice
        history = requests.get(
            f"{fhir_base}/Binary/{media_id}/_history", headers=FHIR_JSON, timeout=10
        ).json()
        assert len(history["entry"]) == 1
