"""``kiosk media check``, ``kiosk patients card`` / ``scan`` and ``kiosk bench photo`` through
the real CLI (CliRunner), on a real store and real files."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.media import cards
from kiosk.store import Store
from tests.conftest import make_patient
from tests.kiosk.media import synth


def _run(config: KioskConfig, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data-dir", str(config.data_dir), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("make", "verdict"),
    [
        (lambda: synth.scene(1920, 1080), "ok"),
        (lambda: synth.blurred(synth.scene(1920, 1080)), "blurry"),
        (lambda: synth.dark(synth.scene(1280, 720)), "too-dark"),
        (lambda: synth.bright(synth.scene(1280, 720)), "too-bright"),
    ],
)
def test_media_check(kiosk_config: KioskConfig, tmp_path: Path, make: object, verdict: str) -> None:
    image = tmp_path / "photo.jpg"
    cv2.imwrite(str(image), make())  # type: ignore[operator]
    code, out, _err = _run(kiosk_config, "media", "check", str(image), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["verdict"] == verdict and data["bytes"] == image.stat().st_size
    assert data["metadata"] == [] and data["message"]
    assert {"sharpness", "mean", "p98", "width", "height", "thresholds"} <= set(data)
    code, out, err = _run(kiosk_config, "--lang", "ru", "media", "check", str(image))
    assert code == 0 and out.strip() == verdict and "Резкость" in err


def test_media_check_of_something_that_is_not_an_image(
    kiosk_config: KioskConfig, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a picture")
    code, _out, err = _run(kiosk_config, "media", "check", str(bogus))
    assert code == 1 and "Cannot read the image" in err


@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_card_then_scan(
    kiosk_config: KioskConfig, store: Store, now: object, tmp_path: Path, suffix: str
) -> None:
    patient_id = make_patient(store, now)  # type: ignore[arg-type]
    out = tmp_path / f"card{suffix}"
    code, stdout, err = _run(kiosk_config, "patients", "card", patient_id, "--out", str(out))
    assert code == 0, err
    assert stdout.strip() == str(out) and out.stat().st_size > 1000
    if suffix == ".pdf":
        assert out.read_bytes()[:5] == b"%PDF-"
        return
    photo = tmp_path / "held-up.jpg"
    card = cv2.imread(str(out), cv2.IMREAD_COLOR)
    cv2.imwrite(str(photo), synth.photograph_card(card))
    code, stdout, err = _run(kiosk_config, "patients", "scan", str(photo), "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert data["patient_id"] == patient_id and data["patient"]["family"] == "Қасымов"
    code, stdout, _err = _run(kiosk_config, "patients", "scan", str(photo))
    assert code == 0 and patient_id in stdout and "Қасымов" in stdout


def test_scan_refusals(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    nothing = tmp_path / "wall.png"
    cv2.imwrite(str(nothing), synth.scene(640, 480))
    code, stdout, err = _run(kiosk_config, "patients", "scan", str(nothing), "--json")
    assert code == 1 and stdout == "" and "No patient card" in err
    stranger = tmp_path / "stranger.png"
    cards.make_card("0b3f6c1e-8d2a-4c8e-9a6b-5d4e3f2a1b0c", ["Unknown"], stranger)
    code, _stdout, err = _run(kiosk_config, "patients", "scan", str(stranger))
    assert code == 1 and "no such patient" in err


def test_card_for_an_unknown_patient(kiosk_config: KioskConfig, tmp_path: Path) -> None:
    code, _out, err = _run(
        kiosk_config, "patients", "card", "no-such-id", "--out", str(tmp_path / "c.png")
    )
    assert code == 1 and "No such patient" in err


def test_bench_photo_quick(kiosk_config: KioskConfig) -> None:
    code, out, err = _run(kiosk_config, "bench", "photo", "--quick", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["name"] == "photo" and data["unit"] == "ms"
    assert data["value"] > 0 and data["baseline_value"] > 0
    assert data["ratio"] == pytest.approx(data["value"] / data["baseline_value"], rel=1e-2)
    assert data["details"]["stored_bytes"] <= 250 * 1024
    assert max(data["details"]["stored_size"]) <= 1600
