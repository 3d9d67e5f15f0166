"""A Contec V7 pulse oximeter on a pseudo-terminal, speaking the real protocol.

Behaviour from reference/devices.md §10.2: nothing is sent until the host sends "start real
time" (A1); then type-0x01 packets flow at 60 per second until "stop" (A2) or until about
30 s have passed without A1 or the keep-alive AF. "Ask device id" (AA) is answered with a
type-0x04 packet (7 ASCII characters, space padded). Real-time bytes follow the real device:
high byte E0 with PI invalid (d2 bit 4 set, d5-d6 = FF FF) unless ``pi`` is given, and the
finger-out frame is the devices.md vector ``01 E9 80 C0 90 FF FF FF FF``.

Scenarios (the manifest's): ``normal``; ``finger-out`` (probe error, PR 0xFF, SpO2 0x7F);
``garbage`` (normal packets with 1-8 random bytes between some of them — never 9, so random
bytes alone cannot form a whole packet).
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Mapping

from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import (
    ASK_DEVICE_ID,
    COMMAND,
    DEVICE_ID,
    KEEP_ALIVE,
    REALTIME,
    START_REALTIME,
    STOP_REALTIME,
    V7Framer,
    encode_packet,
)
from drivers.pty_simulator import PtySimulator

RATE_HZ = 60
_FINGER_OUT = bytes([0x80, 0x40, 0x10, 0xFF, 0x7F, 0xFF, 0xFF])
_SIGNAL = 6
_BEEP = 0x40
_LOW_SPO2 = 0x20
_PI_INVALID = 0x10


def pleth_shape(phase: float) -> float:
    """A plausible photoplethysmogram over one beat (phase 0..1): systolic peak, dicrotic notch."""
    systolic = math.exp(-(((phase - 0.18) / 0.08) ** 2))
    diastolic = 0.4 * math.exp(-(((phase - 0.48) / 0.12) ** 2))
    return min(1.0, systolic + diastolic)


class ContecV7Simulator(PtySimulator):
    """A CMS50D+-like device; options let tests and demos choose what it reports."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        device_id: str = "KIOSK01",
        spo2: int = 97,
        pulse: int = 72,
        pi: float | None = None,
        stream_timeout: float = 30.0,
        link_path: str | os.PathLike[str] | None = None,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        if not (0 <= spo2 <= 100 and 0 <= pulse < 0xFF and len(device_id) <= 7):
            raise ValueError("spo2 must be 0-100, pulse 0-254, device_id at most 7 characters")
        super().__init__(interval=1 / RATE_HZ, link_path=link_path, name="contec-v7-simulator")
        self.scenario = scenario
        self.device_id = device_id
        self.spo2, self.pulse, self.pi = spo2, pulse, pi
        self.stream_timeout = stream_timeout
        self._rng = random.Random(seed)
        self._commands = V7Framer({COMMAND: 9})
        self._streaming = False
        self._deadline = 0.0
        self._phase = 0.0
        self._count = 0
        self._shown = (spo2, pulse)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> ContecV7Simulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        known = {"seed", "device_id", "spo2", "pulse", "pi", "stream_timeout", "link_path"}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        seed, pi, link = options.get("seed"), options.get("pi"), options.get("link_path")
        return cls(
            scenario,
            seed=None if seed is None else int(str(seed)),
            device_id=str(options.get("device_id", "KIOSK01")),
            spo2=int(str(options.get("spo2", 97))),
            pulse=int(str(options.get("pulse", 72))),
            pi=None if pi is None else float(str(pi)),
            stream_timeout=float(str(options.get("stream_timeout", 30.0))),
            link_path=None if link is None else str(link),
        )

    def on_power_on(self) -> None:
        self._commands = V7Framer({COMMAND: 9})
        self._streaming = False

    def on_input(self, data: bytes, now: float) -> bytes:
        replies: list[bytes] = []
        for packet in self._commands.feed(data):
            code = packet.data[0]
            if code == START_REALTIME:
                self._streaming, self._deadline = True, now + self.stream_timeout
            elif code == KEEP_ALIVE:
                self._deadline = now + self.stream_timeout
            elif code == STOP_REALTIME:
                self._streaming = False
            elif code == ASK_DEVICE_ID:
                replies.append(encode_packet(DEVICE_ID, self.device_id.ljust(7).encode("ascii")))
        return b"".join(replies)

    def next_output(self, now: float) -> bytes:
        if self._streaming and now > self._deadline:
            self._streaming = False  # the real device stops after ~30 s without A1/AF
        if not self._streaming:
            return b""
        if self.scenario == "finger-out":
            return encode_packet(REALTIME, _FINGER_OUT)
        packet = encode_packet(REALTIME, self._realtime_data())
        if self.scenario == "garbage" and self._rng.random() < 0.3:
            packet += self._rng.randbytes(self._rng.randint(1, 8))
        return packet

    def _realtime_data(self) -> bytes:
        """d0-d6 of a normal real-time packet; values wander a little once a second."""
        if self._count % RATE_HZ == 0:
            spo2 = min(100, self.spo2 + self._rng.randint(-1, 1))
            self._shown = (spo2, min(254, max(0, self.pulse + self._rng.randint(-2, 2))))
        self._count += 1
        spo2, pulse = self._shown
        self._phase += pulse / 60 / RATE_HZ
        beat = self._phase >= 1.0
        self._phase %= 1.0
        pleth = round(5 + 90 * pleth_shape(self._phase) + self._rng.uniform(-1, 1))
        d0 = _SIGNAL | (_BEEP if beat else 0) | (_LOW_SPO2 if spo2 < 90 else 0)
        d2 = min(15, pleth * 16 // 100) | (0 if self.pi is not None else _PI_INVALID)
        pi = 0xFFFF if self.pi is None else round(self.pi * 100) & 0xFFFF
        return bytes([d0, pleth & 0x7F, d2, pulse, spo2, pi & 0xFF, pi >> 8])
