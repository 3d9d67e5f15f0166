"""A BCI oximeter on a pseudo-terminal, speaking the 5-byte stream (reference/devices.md §10.1).

The device streams without being asked, one packet per period: 60 packets/s like the
Setocare ST-T130-U01 by default, up to 100/s like BerryMed modules (``rate``). Values
wander a little once a second; the pleth follows a pulse shape and byte 0 bit 6 beeps on
each beat. Delivery per scenario comes from :class:`~drivers.stream_simulator.StreamSimulator`.

Scenarios (the manifest's): ``normal``; ``artefact`` (low signal, "searching" bursts, values
jittering by several units, now and then PR 0xFF / SpO2 0x7F); ``finger-out`` (no signal +
no finger, pleth 0, PR 0xFF, SpO2 0x7F); ``unplug``, ``garbage``, ``trickle``, ``burst``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from drivers.bci.manifest import MANIFEST
from drivers.contec_v7.simulator import pleth_shape
from drivers.stream_simulator import StreamSimulator, stream_options

DEFAULT_RATE = 60
FINGER_OUT = bytes.fromhex("90 00 50 7F 7F")  # no signal, no finger, PR 0xFF, SpO2 0x7F
_BEEP = 0x40
_SEARCHING = 0x20
_OPTIONS = ("seed", "spo2", "pulse", "rate", "link_path", "unplug_after", "unplug_for")


def encode_packet(
    *, signal: int, beep: bool, pleth: int, bar: int, pr: int, spo2: int, flags2: int = 0
) -> bytes:
    """Wire bytes of one live packet; ``flags2`` adds byte 2 bits 4-5."""
    return bytes(
        [
            0x80 | (signal & 0x0F) | (_BEEP if beep else 0),
            pleth & 0x7F,
            (bar & 0x0F) | (flags2 & 0x30) | (pr >> 1 & 0x40),
            pr & 0x7F,
            spo2 & 0x7F,
        ]
    )


class BciSimulator(StreamSimulator):
    """A BerryMed-like BCI device; options choose the values it reports."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        spo2: int = 97,
        pulse: int = 72,
        rate: float = DEFAULT_RATE,
        link_path: str | os.PathLike[str] | None = None,
        unplug_after: float = 3.0,
        unplug_for: float = 1.5,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        if not (1 <= spo2 <= 100 and 1 <= pulse < 0xFF and 1 <= rate <= 100):
            raise ValueError("spo2 must be 1-100, pulse 1-254, rate 1-100 packets/s")
        super().__init__(
            scenario,
            frame_rate=rate,
            frame_size=5,
            seed=seed,
            link_path=link_path,
            name="bci-simulator",
            unplug_after=unplug_after,
            unplug_for=unplug_for,
        )
        self.spo2, self.pulse = spo2, pulse
        self._count = 0
        self._phase = 0.0
        self._shown = (spo2, pulse)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> BciSimulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        return cls(
            scenario,
            **stream_options(options, _OPTIONS),
            spo2=int(str(options.get("spo2", 97))),
            pulse=int(str(options.get("pulse", 72))),
            rate=float(str(options.get("rate", DEFAULT_RATE))),
        )

    def on_power_on(self) -> None:
        self._phase = 0.0

    def next_frame(self) -> bytes:
        if self.scenario == "finger-out":
            return FINGER_OUT
        artefact = self.scenario == "artefact"
        rng = self.rng
        if self._count % round(self.frame_rate) == 0:
            spread = 4 if artefact else 1
            spo2 = min(100, max(1, self.spo2 + rng.randint(-spread, spread)))
            pulse = min(254, max(1, self.pulse + rng.randint(-2 * spread, 2 * spread)))
            self._shown = (spo2, pulse)
        self._count += 1
        spo2, pulse = self._shown
        self._phase += pulse / 60 / self.frame_rate
        beat = self._phase >= 1.0
        self._phase %= 1.0
        noise = rng.uniform(-15, 15) if artefact else rng.uniform(-1, 1)
        pleth = min(100, max(1, round(5 + 90 * pleth_shape(self._phase) + noise)))
        flags2 = 0
        if artefact and rng.random() < 0.3:
            flags2 = _SEARCHING
            if rng.random() < 0.3:
                spo2, pulse = 0x7F, 0xFF
        return encode_packet(
            signal=2 if artefact else 7,
            beep=beat,
            pleth=pleth,
            bar=pleth * 15 // 100,
            pr=pulse,
            spo2=spo2,
            flags2=flags2,
        )
