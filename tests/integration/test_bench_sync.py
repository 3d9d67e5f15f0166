"""``kiosk bench sync`` runs end to end (quick), against the real FHIR peer and the link."""

from __future__ import annotations

from pathlib import Path

from kiosk.bench import discover


def test_bench_sync_quick(tmp_path: Path) -> None:
    bench = discover()["sync"]
    result = bench.run(tmp_path, True).to_json()
    assert result["name"] == "sync" and result["unit"] == "bytes/encounter"
    assert result["baseline_value"] > 2 * 150_000  # two photos plus the gzipped JSON
    drain = result["details"]["drain"]
    assert drain["encounters"] == 20 and drain["drain_s"] > 0
    assert 0 < drain["utilisation"] < 1
    assert result["details"]["bytes"]["ratio_if_return_minimal_honoured"] > 0.9
