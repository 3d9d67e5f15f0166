"""``kiosk bench sync`` runs end to end (quick), against the real FHIR peer and the link."""

from __future__ import annotations

from pathlib import Path

from kiosk.bench import discover


def test_bench_sync_quick(tmp_path: Path) -> None:
    bench = discover()["sync"]
    result = bench.run(tmp_path, True).to_json()
    assert result["name"] == "sync" and result["unit"] == "bytes/encounter"
    assert result["baseline_value"] > 2 * 100_000  # two real photos plus the gzipped JSON
    drain = result["details"]["drain"]
    assert drain["encounters"] == 20 and drain["drain_s"] > 0
    assert 0 < drain["utilisation"] < 1
    sized = result["details"]["bytes"]
    assert sized["photos"] == 2 * sized["encounters"]
    assert 0.95 < sized["ratio_upstream"] < 1.2  # the images dominate; raw bytes, no base64
    kinds = sized["per_request_kind_per_encounter"]
    assert kinds["binary_put"]["requests"] == kinds["binary_read_back"]["requests"] == 2
    assert kinds["binary_put"]["down"] < 1_000  # Prefer: return=minimal, no echo
