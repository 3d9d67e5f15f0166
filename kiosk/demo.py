"""The whole pipeline without a screen: a simulated device on a real pseudo-terminal, the
real driver session, the services and the store (``kiosk demo --headless``).

For each encounter: register a synthetic patient, start the encounter, wait for fresh SpO2
and pulse values from the device, record them with their provenance, save. If the device
stops delivering, the demo stops with a clear message; what was saved stays saved.
With ``consults`` = K, the first K saved visits also ask a remote specialist (a specialty,
urgency and question drawn from the seed, with the visit's readings attached;
kiosk/consults.py), queued for the next sync.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from kiosk import consults as consult_requests
from kiosk import services
from kiosk.config import KioskConfig
from kiosk.device_api import DriverPlugin
from kiosk.domain import utc_now
from kiosk.errors import DriverError, UserFacingError
from kiosk.live import LiveDevices
from kiosk.plugins import load_drivers
from kiosk.runtime import Runtime
from kiosk.store import Store, migrate
from kiosk.synthetic import synthetic_patient

DEMO_DRIVER = "contec-v7"
VITALS = ("spo2", "pulse_rate")
WAIT_SECONDS = 15.0
DEMO_QUESTIONS = (
    "Cough for five days and a low SpO2: is an antibiotic needed?",
    "Palpitations since yesterday: can this wait for the district clinic?",
    "A rash on the forearm for a week: what should we apply?",
)


def demo_plugin(driver_id: str = DEMO_DRIVER) -> DriverPlugin:
    plugin = load_drivers().get(driver_id)
    if plugin is None:
        raise UserFacingError("driver.unknown", driver=driver_id)
    return plugin


def init_store(config: KioskConfig) -> int:
    """Create or migrate the store and queue the kiosk's own registration; idempotent."""
    with Store(config.store_path) as store:
        migrate(store)
        services.ensure_kiosk_registered(store, utc_now())
        return int(store.scalar("PRAGMA user_version"))


def run_headless_demo(
    config: KioskConfig,
    *,
    encounters: int,
    seed: int = 0,
    driver_id: str = DEMO_DRIVER,
    progress: Callable[[int, str], None] | None = None,
    consults: int = 0,
) -> list[str]:
    """Save ``encounters`` encounters (the first ``consults`` of them asking a specialist);
    returns their ids."""
    if not 0 <= consults <= encounters:
        raise UserFacingError("demo.bad_consults", consults=consults, encounters=encounters)
    init_store(config)
    plugin = demo_plugin(driver_id)
    rng = random.Random(seed)
    simulator = plugin.start_simulator("normal", seed=seed)
    simulator.start()
    runtime = Runtime(config.store_path).start()
    live = LiveDevices(runtime)
    saved: list[str] = []
    try:
        live.start(plugin, simulator.port)
        for index in range(encounters):
            saved.append(_one_encounter(runtime, live, config, rng))
            if index < consults:
                runtime.write(_ask_specialist, saved[-1], rng).result()
            if progress:
                progress(index + 1, saved[-1])
    finally:
        live.stop_all()
        runtime.stop()
        simulator.stop()
    return saved


def _one_encounter(
    runtime: Runtime, live: LiveDevices, config: KioskConfig, rng: random.Random
) -> str:
    person = synthetic_patient(rng, utc_now().date())
    patient = runtime.write(
        services.register_patient,
        family=person.family,
        given=person.given,
        birth_date=person.birth_date,
        sex=person.sex,
        now=utc_now(),
    ).result()
    started = utc_now()
    encounter = runtime.write(
        services.start_encounter, patient_id=patient.id, site=config.site, now=started
    ).result()
    values = live.wait_for(VITALS, since=started, timeout=WAIT_SECONDS)
    if set(values) < set(VITALS):
        raise DriverError("device.no_data", seconds=int(WAIT_SECONDS))
    for value in values.values():
        runtime.write(
            services.record_reading,
            encounter_id=encounter.id,
            measurement=value.measurement,
            identity=value.identity,
            now=value.received_at,
        ).result()
    runtime.write(services.save_encounter, encounter_id=encounter.id, now=utc_now()).result()
    return encounter.id


def _ask_specialist(store: Store, encounter_id: str, rng: random.Random) -> str:
    readings, photos = consult_requests.attachments_of(store, encounter_id)
    request = consult_requests.ConsultRequest(
        encounter_id=encounter_id,
        specialty=rng.choice(consult_requests.SPECIALTIES),
        urgency=rng.choice(tuple(consult_requests.URGENCIES)),
        question=rng.choice(DEMO_QUESTIONS),
        media_ids=photos,
        reading_ids=readings,
    )
    return consult_requests.request_consult(store, request, now=utc_now())
