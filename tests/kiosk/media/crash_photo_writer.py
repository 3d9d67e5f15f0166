"""A writer for the photo crash harness: saves photos of a draft encounter through the real
service on a real store and media folder until it is killed.

``python -m tests.kiosk.media.crash_photo_writer STORE MEDIA_DIR SEED``: prints ``ready``,
then ``saved MEDIA_ID`` (flushed) only after each save has committed.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kiosk import services
from kiosk.domain import utc_now
from kiosk.media import photos
from kiosk.store import Store, migrate
from tests.kiosk.media import synth


def run(path: Path, media_dir: Path, seed: int) -> None:
    frames = [synth.noisy(synth.scene(1920, 1080, seed + i), 4.0, seed + i) for i in range(3)]
    with Store(path) as store:
        migrate(store)
        now = utc_now()
        patient = services.register_patient(
            store, family="Crash", given="Photo", birth_date=dt.date(1980, 1, 1), now=now
        )
        draft = services.start_encounter(store, patient_id=patient.id, site="KZ-CRASH", now=now)
        print("ready", flush=True)
        index = 0
        while True:
            photo = photos.save_photo(
                store, media_dir=media_dir, encounter_id=draft.id, image=frames[index % 3],
                now=utc_now(), site="skin",
            )  # fmt: skip
            print(f"saved {photo.id}", flush=True)
            index += 1


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
