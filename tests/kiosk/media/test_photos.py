"""Photos from capture to the sync queue: gate, budget, files + row + held outbox item;
the encounter's save releases the item behind the encounter's own; reconciliation."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from kiosk import encounters, services
from kiosk.config import KioskConfig
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError, ValidationError
from kiosk.media import jpeg, photos
from kiosk.media.quality import Verdict
from kiosk.store import Store, outbox
from tests.conftest import make_patient
from tests.kiosk.media import synth


def _draft(store: Store, now: dt.datetime) -> str:
    services.ensure_kiosk_registered(store, now)
    patient_id = make_patient(store, now)
    return services.start_encounter(store, patient_id=patient_id, site="KZ-T", now=now).id


def _save_encounter(store: Store, encounter_id: str, now: dt.datetime) -> None:
    encounters.record_manual_reading(
        store, encounter_id=encounter_id, reading_type="resp_rate", value=16, unit="/min", now=now
    )
    encounters.set_complaints(store, encounter_id, ["cough"], "", now=now)
    encounters.save_encounter(store, encounter_id=encounter_id, now=now)


@pytest.fixture
def media_dir(kiosk_config: KioskConfig) -> Path:
    return kiosk_config.media_dir


def test_a_photo_is_stored_with_its_row_and_a_held_outbox_item(
    store: Store, media_dir: Path, now: dt.datetime
) -> None:
    encounter_id = _draft(store, now)
    frame = synth.noisy(synth.scene(4000, 3000), 6.0)
    photo = photos.save_photo(
        store, media_dir=media_dir, encounter_id=encounter_id, image=frame, now=now,
        site="face", note="rash, 3 days",
    )  # fmt: skip
    data = photos.read_file(store, media_dir, photo.path)
    assert len(data) == photo.size <= jpeg.MAX_BYTES
    assert max(photo.width, photo.height) == jpeg.MAX_EDGE
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.sha1 == hashlib.sha1(data).hexdigest()
    assert jpeg.metadata_segments(data) == []
    assert (media_dir / photo.thumb_path).is_file()
    stored = photos.get_photo(store, photo.id)
    assert stored == photo
    assert stored.body_site is not None and stored.body_site.code == "89545001"
    assert stored.quality is Verdict.OK and stored.metrics["sharpness"] > 100
    assert photos.photos_of(store, encounter_id) == [photo]
    assert photos.counts(store) == {"ready": 1, "missing": 0}
    item = outbox.latest_item(store.conn, "binary", photo.id)
    assert item is not None and item[1] == "pending"
    assert outbox.get(store, item[0]).next_at == photos.HELD
    far_future = now + dt.timedelta(days=3650)
    assert item[0] not in [i.id for i in outbox.due_items(store, far_future)]  # a draft's photo


def test_saving_the_encounter_releases_its_photos_behind_it(
    store: Store, media_dir: Path, now: dt.datetime
) -> None:
    encounter_id = _draft(store, now)
    photo = photos.save_photo(
        store, media_dir=media_dir, encounter_id=encounter_id, image=synth.scene(1280, 720),
        now=now,
    )  # fmt: skip
    later = now + dt.timedelta(minutes=5)
    _save_encounter(store, encounter_id, later)
    binary = outbox.latest_item(store.conn, "binary", photo.id)
    visit = outbox.latest_item(store.conn, "encounter", encounter_id)
    assert binary is not None and visit is not None
    assert outbox.get(store, binary[0]).next_at == later.isoformat()
    deps = store.query("SELECT depends_on FROM outbox_deps WHERE item_id = ?", (binary[0],))
    assert [row["depends_on"] for row in deps] == [visit[0]]
    sync_time = utc_now() + dt.timedelta(days=1)  # init_store queued the kiosk device "now"
    while due := [i.id for i in outbox.due_items(store, sync_time) if i.id != binary[0]]:
        assert binary[0] not in [i.id for i in outbox.due_items(store, sync_time)]
        for item_id in due:  # the server takes patient, devices, then the encounter
            outbox.mark_acked(store, item_id, sync_time, {})
    assert outbox.get(store, visit[0]).state == "acked"
    assert binary[0] in [item.id for item in outbox.due_items(store, sync_time)]
    # a saved encounter is immutable: no more photos, none removed
    with pytest.raises(UserFacingError) as caught:
        photos.save_photo(
            store, media_dir=media_dir, encounter_id=encounter_id, image=synth.scene(640, 480),
            now=later,
        )  # fmt: skip
    assert caught.value.key == "encounter.already_saved"
    with pytest.raises(UserFacingError), store.transaction() as conn:
        conn.execute("DELETE FROM media WHERE id = ?", (photo.id,))


def test_a_poor_photo_needs_a_reason_which_is_recorded(
    store: Store, media_dir: Path, now: dt.datetime
) -> None:
    encounter_id = _draft(store, now)
    blurry = synth.blurred(synth.scene(1920, 1080))
    with pytest.raises(ValidationError) as caught:
        photos.save_photo(
            store, media_dir=media_dir, encounter_id=encounter_id, image=blurry, now=now
        )
    assert caught.value.key == "media.reason_required"
    assert store.scalar("SELECT count(*) FROM media") == 0
    assert not list((media_dir / photos.PHOTOS).glob("*")) if media_dir.exists() else True
    photo = photos.save_photo(
        store, media_dir=media_dir, encounter_id=encounter_id, image=blurry, now=now,
        keep_anyway_reason="the child would not stay still", site="eye",
    )  # fmt: skip
    row = store.query("SELECT quality, kept_anyway_reason, metrics FROM media")[0]
    assert row["quality"] == "blurry" == photo.quality.value
    assert row["kept_anyway_reason"] == "the child would not stay still"
    assert json.loads(row["metrics"])["sharpness"] < 100


def test_bad_input_is_refused(store: Store, media_dir: Path, now: dt.datetime) -> None:
    encounter_id = _draft(store, now)
    image = synth.scene(640, 480)
    for options, key in (
        ({"site": "elbow-ish"}, "media.bad_body_site"),
        ({"note": "x" * 501}, "media.note_too_long"),
    ):
        with pytest.raises(ValidationError) as caught:
            photos.save_photo(
                store, media_dir=media_dir, encounter_id=encounter_id, image=image, now=now,
                **options,  # type: ignore[arg-type]
            )  # fmt: skip
        assert caught.value.key == key
    with pytest.raises(UserFacingError) as missing:
        photos.save_photo(store, media_dir=media_dir, encounter_id="nope", image=image, now=now)
    assert missing.value.key == "encounter.not_found"
    assert store.scalar("SELECT count(*) FROM media") == 0


def test_reconcile_removes_orphans_and_marks_missing_files(
    store: Store, media_dir: Path, now: dt.datetime
) -> None:
    encounter_id = _draft(store, now)
    kept, gone = (
        photos.save_photo(
            store, media_dir=media_dir, encounter_id=encounter_id, image=image, now=now
        )
        for image in (synth.scene(800, 600, 1), synth.scene(800, 600, 2))
    )
    orphan = photos.write_durably(media_dir, "photos/orphan.jpg", b"\xff\xd8 not committed")
    (media_dir / photos.TMP / "x.part").write_bytes(b"half")
    (media_dir / kept.thumb_path).unlink()
    moved = (media_dir / gone.path).rename(media_dir / "aside.jpg")
    result = photos.reconcile(store, media_dir)
    assert sorted(result.removed) == [".tmp/x.part", "photos/orphan.jpg"]
    assert not orphan.exists()
    assert result.missing == [gone.id] and result.thumbs_rebuilt == [kept.id]
    assert photos.get_photo(store, gone.id).state == "missing"
    assert (media_dir / kept.thumb_path).is_file()
    moved.rename(media_dir / gone.path)  # a restore brings the file back
    again = photos.reconcile(store, media_dir)
    assert again.restored == [gone.id] and again.removed == [] and again.missing == []
    assert photos.counts(store) == {"ready": 2, "missing": 0}
