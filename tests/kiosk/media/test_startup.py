"""Photos at start-up and in ``kiosk status``: ``kiosk init`` reconciles the media folder
(an orphan file from a crash is removed), ``kiosk status --json`` counts the photos while
keeping the keys it always had (``media: {pending, acked, ...}``)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kiosk import services
from kiosk.cli import cli
from kiosk.config import KioskConfig
from kiosk.domain import utc_now
from kiosk.media import photos
from kiosk.startup import prepare_store
from kiosk.store import Store
from tests.conftest import T0, make_patient
from tests.kiosk.media import synth


def _run(config: KioskConfig, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--data-dir", str(config.data_dir), *args])
    return result.exit_code, result.output


def test_kiosk_init_removes_an_orphan_photo_file(kiosk_config: KioskConfig) -> None:
    orphan = kiosk_config.media_dir / "thumbs" / "no-row.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"\xff\xd8")

    code, out = _run(kiosk_config, "init")

    assert code == 0, out
    assert not orphan.exists()


def test_prepare_store_marks_a_vanished_photo_missing(kiosk_config: KioskConfig) -> None:
    with Store(kiosk_config.store_path) as store:
        patient_id = make_patient(store, T0)
        draft = services.start_encounter(store, patient_id=patient_id, site="KZ-T", now=T0).id
        photo = photos.save_photo(
            store, media_dir=kiosk_config.media_dir, encounter_id=draft,
            image=synth.scene(640, 480), now=utc_now(),
        )  # fmt: skip
    (kiosk_config.media_dir / photo.path).unlink()

    prepared = prepare_store(kiosk_config)

    assert prepared.media.missing == [photo.id]
    assert prepared.schema_version >= 6


def test_kiosk_status_json_counts_photos(kiosk_config: KioskConfig) -> None:
    code, out = _run(kiosk_config, "status", "--json")
    assert code == 0, out
    assert json.loads(out)["media"] == {
        "pending": 0, "acked": 0, "quarantined": 0, "held": 0, "ready": 0, "missing": 0,
    }  # fmt: skip

    with Store(kiosk_config.store_path) as store:
        patient_id = make_patient(store, T0)
        draft = services.start_encounter(store, patient_id=patient_id, site="KZ-T", now=T0).id
        for seed in (1, 2):
            photos.save_photo(
                store, media_dir=kiosk_config.media_dir, encounter_id=draft,
                image=synth.scene(640, 480, seed), now=utc_now(),
            )  # fmt: skip

    code, out = _run(kiosk_config, "status", "--json")
    assert code == 0, out
    media = json.loads(out)["media"]
    assert media == {
        "pending": 2,
        "acked": 0,
        "quarantined": 0,
        "held": 2,
        "ready": 2,
        "missing": 0,
    }
    code, out = _run(kiosk_config, "status")
    assert code == 0 and "photos:     2 stored, 0 missing; 2 to send (2 in drafts)" in out, out
