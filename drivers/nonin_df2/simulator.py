"""A Nonin OEM III in Data Format #2 on a pseudo-terminal (reference/devices.md §10.3).

The module streams 5-byte frames at 75 per second without being asked; 25 frames make a
packet whose first frame has SYNC set, and the DATA byte of each frame carries the field of
its index (HR MSB/LSB, SpO2, firmware revision, the SpO2-D / fast / beat-to-beat, E-HR,
E-SpO2, HR-D and E-HR-D fields; the other indices send 0). Perfusion is "green" while a
finger is in. Values wander a little once per packet. Delivery per scenario comes from
:class:`~drivers.stream_simulator.StreamSimulator`.

Scenarios (the manifest's): ``normal``; ``artefact`` (artifact / out-of-track bits, red or
yellow perfusion, values jittering, now and then missing); ``no-sensor`` (sensor
disconnected, HR 511, SpO2 127, pleth 0); ``unplug``, ``garbage``, ``trickle``, ``burst``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from drivers.contec_v7.simulator import pleth_shape
from drivers.nonin_df2.manifest import MANIFEST
from drivers.nonin_df2.parser import (
    FRAMES_PER_PACKET,
    HR_LSB,
    HR_MISSING,
    HR_MSB,
    REVISION_INDEX,
    SPO2_FIELDS,
    SPO2_MISSING,
    SYNC,
    frame,
)
from drivers.stream_simulator import StreamSimulator, stream_options

RATE_HZ = 75
_ALWAYS = 0x80
_NO_SENSOR = 0x40
_ARTIFACT = 0x20
_OUT_OF_TRACK = 0x10
_GREEN, _RED, _YELLOW = 0b01 << 1, 0b10 << 1, 0b11 << 1
_OPTIONS = ("seed", "spo2", "pulse", "revision", "link_path", "unplug_after", "unplug_for")


class Df2Simulator(StreamSimulator):
    """A Nonin OEM III-like device; options choose the values it reports."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        spo2: int = 97,
        pulse: int = 72,
        revision: int = 0x30,
        link_path: str | os.PathLike[str] | None = None,
        unplug_after: float = 3.0,
        unplug_for: float = 1.5,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        if not (0 <= spo2 <= 100 and 0 <= pulse < HR_MISSING and 0 <= revision <= 0xFF):
            raise ValueError("spo2 must be 0-100, pulse 0-510, revision one byte")
        super().__init__(
            scenario,
            frame_rate=RATE_HZ,
            frame_size=5,
            seed=seed,
            link_path=link_path,
            name="nonin-df2-simulator",
            unplug_after=unplug_after,
            unplug_for=unplug_for,
        )
        self.spo2, self.pulse, self.revision = spo2, pulse, revision
        self._index = 0
        self._phase = 0.0
        self._status = _ALWAYS | _GREEN
        self._shown = (spo2, pulse)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> Df2Simulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        return cls(
            scenario,
            **stream_options(options, _OPTIONS),
            spo2=int(str(options.get("spo2", 97))),
            pulse=int(str(options.get("pulse", 72))),
            revision=int(str(options.get("revision", 0x30))),
        )

    def on_power_on(self) -> None:
        self._index, self._phase = 0, 0.0

    def next_frame(self) -> bytes:
        index = self._index
        self._index = (index + 1) % FRAMES_PER_PACKET
        if index == 0:
            self._new_packet()
        pulse = self._shown[1]
        self._phase = (self._phase + max(pulse, 30) / 60 / RATE_HZ) % 1.0
        if self._status & _NO_SENSOR:
            pleth = 0
        else:
            pleth = round(20 + 200 * pleth_shape(self._phase) + self.rng.uniform(-2, 2))
        return frame(self._status | (SYNC if index == 0 else 0), pleth, self._data(index))

    def _new_packet(self) -> None:
        """Status and values for the next 25 frames."""
        rng = self.rng
        if self.scenario == "no-sensor":
            self._status, self._shown = _ALWAYS | _NO_SENSOR, (SPO2_MISSING, HR_MISSING)
            return
        spread = 1
        self._status = _ALWAYS | _GREEN
        if self.scenario == "artefact":
            spread = 5
            self._status = _ALWAYS | rng.choice((_GREEN, _RED, _YELLOW))
            self._status |= _ARTIFACT if rng.random() < 0.5 else 0
            self._status |= _OUT_OF_TRACK if rng.random() < 0.2 else 0
        spo2 = min(100, max(0, self.spo2 + rng.randint(-spread, spread)))
        pulse = min(HR_MISSING - 1, max(0, self.pulse + rng.randint(-2 * spread, 2 * spread)))
        if self.scenario == "artefact" and rng.random() < 0.2:
            spo2, pulse = SPO2_MISSING, HR_MISSING
        self._shown = (spo2, pulse)

    def _data(self, index: int) -> int:
        """The DATA byte of frame ``index`` (devices.md §10.3)."""
        spo2, pulse = self._shown
        if index in HR_MSB:
            return pulse >> 7 & 0x03
        if index in HR_LSB:
            return pulse & 0x7F
        if index in SPO2_FIELDS:
            return spo2
        if index == REVISION_INDEX:
            return self.revision
        return 0
