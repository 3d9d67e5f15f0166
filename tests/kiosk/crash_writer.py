"""A writer for the crash-safety harness: loops registering patients and saving encounters
through the real services on a real store file until it is killed.

``python -m tests.kiosk.crash_writer STORE SEED``. It prints ``ready`` once the store is
open, then ``saved ENCOUNTER_ID N_READINGS`` (flushed) only after the save has committed,
so every id it printed must survive a SIGKILL at any later instant.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from kiosk import encounters, services
from kiosk.domain import DeviceIdentity, Measurement, utc_now
from kiosk.store import Store, migrate

OXIMETER = DeviceIdentity(driver_id="contec-v7", key="contec-v7-CRASH01", serial="CRASH01")
VITALS = (("spo2", 97, "%"), ("pulse_rate", 72, "/min"), ("resp_rate", 16, "/min"))
SYLLABLES = ("ka", "se", "mu", "ra", "bo", "li", "na", "to", "zhan", "bek", "gul", "ai")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def run(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Store(path) as store:
        migrate(store)
        services.ensure_kiosk_registered(store, utc_now())
        print("ready", flush=True)
        while True:
            now = utc_now()
            patient = services.register_patient(
                store,
                family=_name(rng),
                given=_name(rng),
                birth_date=dt.date(rng.randint(1940, 2005), rng.randint(1, 12), 1),
                now=now,
            )
            draft = services.start_encounter(store, patient_id=patient.id, site="KZ-CRASH", now=now)
            count = rng.randint(1, 6)
            for index in range(count):
                kind, value, unit = VITALS[index % len(VITALS)]
                raw = bytes([index, seed % 256])
                services.record_reading(
                    store,
                    encounter_id=draft.id,
                    measurement=Measurement("contec-v7", kind, value, unit, raw=raw),
                    identity=OXIMETER,
                    now=now,
                )
            encounters.set_complaints(store, draft.id, ["cough"], "crash test", now=now)
            encounters.save_encounter(store, encounter_id=draft.id, now=now)
            print(f"saved {draft.id} {count}", flush=True)


if __name__ == "__main__":
    run(Path(sys.argv[1]), int(sys.argv[2]))
