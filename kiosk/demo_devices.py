"""The simulated devices of ``kiosk run --demo`` and how to start and stop them (Qt-free).

The demo is a pulse oximeter on a real pseudo-terminal (``contec-v7``) beside two Bluetooth
LE devices, a blood-pressure cuff (``ble-bp``) and a thermometer (``ble-thermometer``),
emulated on Google's bumble host stack. Everything goes through the plugin API
(:mod:`kiosk.device_api`): each driver's simulator speaks its real protocol, and each
device is read by the driver's production session in :class:`~kiosk.live.LiveDevices`.

The two BLE simulators share one emulated room (the plugin option ``room``), reached over
127.0.0.1 by the kiosk's bumble backend: bumble's in-process link (``link:NAME``) delivers
packets on the *caller's* event loop, so it only works when the devices and the sessions
share a loop, while a simulator runs on its own thread. The BLE factory reads its backend
from the environment (``KIOSK_BLE_BACKEND``, ``BLEAK_BUMBLE_TRANSPORT``); the room says
what they must be (``Simulator.environment``), and :class:`DemoDevices` sets them for the
process before any session starts and puts the old values back when it stops.

The cuff measures every :data:`BP_EVERY` seconds (cuff pressure rising, then the result),
the thermometer every :data:`TEMPERATURE_EVERY` seconds; both sleep in between, as real
ones do, so their tiles show "disconnected" between measurements.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Mapping, Sequence

from kiosk.device_api import DriverPlugin, Simulator
from kiosk.errors import UserFacingError
from kiosk.live import LiveDevices
from kiosk.plugins import load_drivers

log = logging.getLogger(__name__)

OXIMETER = "contec-v7"
BP_MONITOR = "ble-bp"
THERMOMETER = "ble-thermometer"
#: The emulated BLE room the demo's Bluetooth devices share.
DEMO_ROOM = "kiosk-demo"
#: Seconds a device sleeps between two measurements (plus about a second to reconnect).
BP_EVERY = 24.0
TEMPERATURE_EVERY = 14.0
#: Seconds between two cuff-pressure values while the cuff inflates.
INFLATION_STEP = 0.8


@dataclasses.dataclass(frozen=True, slots=True)
class DemoDevice:
    """One simulated device: which driver, which scenario, which simulator options."""

    driver_id: str
    scenario: str = "normal"
    options: Mapping[str, object] = dataclasses.field(default_factory=dict)


def demo_devices(
    *,
    seed: int = 0,
    bp_every: float = BP_EVERY,
    temperature_every: float = TEMPERATURE_EVERY,
    inflation_step: float = INFLATION_STEP,
    oximeter: Mapping[str, object] | None = None,
) -> tuple[DemoDevice, ...]:
    """The demo's devices; ``oximeter`` adds contec-v7 simulator options (``spo2=``...)."""
    return (
        DemoDevice(OXIMETER, options={"seed": seed, **(oximeter or {})}),
        DemoDevice(
            BP_MONITOR,
            options={
                "seed": seed,
                "room": DEMO_ROOM,
                "pause": bp_every,
                "inflation_step": inflation_step,
            },
        ),
        DemoDevice(
            THERMOMETER,
            options={"seed": seed, "room": DEMO_ROOM, "pause": temperature_every},
        ),
    )


def _registry_plugin(driver_id: str) -> DriverPlugin:
    plugin = load_drivers().get(driver_id)
    if plugin is None:
        raise UserFacingError("driver.unknown", driver=driver_id)
    return plugin


class DemoDevices:
    """Starts the simulators, then a live session on each; :meth:`stop` undoes it all.

    Stop the sessions (:meth:`LiveDevices.stop_all`) before :meth:`stop`, or let
    :meth:`stop` do it with ``sessions=True``.
    """

    def __init__(
        self,
        live: LiveDevices,
        devices: Sequence[DemoDevice] | None = None,
        *,
        plugin: Callable[[str], DriverPlugin] = _registry_plugin,
    ) -> None:
        self.live = live
        self.devices = tuple(devices if devices is not None else demo_devices())
        self._plugin = plugin
        self.simulators: dict[str, Simulator] = {}
        self.ports: dict[str, str] = {}
        self._saved_environment: dict[str, str | None] = {}

    def start(self) -> dict[str, str]:
        """Start every simulator, then every session; the port of each driver's device."""
        plugins = {device.driver_id: self._plugin(device.driver_id) for device in self.devices}
        try:
            for device in self.devices:
                simulator = plugins[device.driver_id].start_simulator(
                    device.scenario, **device.options
                )
                self.simulators[device.driver_id] = simulator
                self.ports[device.driver_id] = simulator.start()
                self._use_environment(simulator)
        except BaseException:
            self.stop()
            raise
        for driver_id, port in self.ports.items():
            self.live.start(plugins[driver_id], port)
        log.info("demo devices: %s", self.ports)
        return dict(self.ports)

    def _use_environment(self, simulator: Simulator) -> None:
        """Set what the simulator says a kiosk needs to reach it (a BLE room's transport)."""
        environment = getattr(simulator, "environment", None)
        if not isinstance(environment, Mapping):
            return
        for name, value in environment.items():
            self._saved_environment.setdefault(str(name), os.environ.get(str(name)))
            os.environ[str(name)] = str(value)

    def stop(self, *, sessions: bool = False) -> None:
        """Stop the simulators (the sessions first if ``sessions``); restore the environment."""
        if sessions:
            self.live.stop_all()
        for driver_id, simulator in reversed(list(self.simulators.items())):
            try:
                simulator.stop()
            except Exception:
                log.exception("the %s simulator did not stop cleanly", driver_id)
        self.simulators.clear()
        self.ports.clear()
        for name, value in self._saved_environment.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_environment.clear()
