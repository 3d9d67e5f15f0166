"""A Contec V7 pulse oximeter on a pseudo-terminal, speaking the real protocol.

Behaviour from reference/devices.md §10.2 and the Contec V7.0 document it cites: nothing is
sent until the host sends "start real time" (A1); then type-0x01 packets flow at 60 per
second until "stop" (A2, answered by 0x0C "free") or until about 30 s have passed without A1
or the keep-alive AF. AA is answered with a type-0x04 packet (7 ASCII characters, space
padded). A6 stops the real-time stream and sends the stored records as 0x0F packets (three
(SpO2, PR) pairs each, a short last one padded with zeros), ``stored_per_tick`` packets per
frame period, then goes quiet; A7 stops that and answers 0x0C. B2 / B1 (set date / time)
are answered by 0x0B feedback (reason 0) and recorded: :attr:`clock` is the device clock
they set, :attr:`clock_commands` what arrived. Real-time bytes follow the real device: high
byte E0 with PI invalid unless ``pi`` is given; the finger-out frame is the devices.md
vector ``01 E9 80 C0 90 FF FF FF FF``.

Scenarios (the manifest's): ``normal``; ``artefact`` (weak signal, "searching" bits, values
jittering by several units, now and then PR 0xFF / SpO2 0x7F); ``finger-out`` (probe error);
and the delivery scenarios of :class:`~drivers.stream_simulator.StreamSimulator`:
``garbage`` (1-7 random bytes after some packets — never 8 or 9, so random bytes alone
cannot form a stored or real-time packet), ``trickle``, ``burst``, ``unplug``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence

from drivers.contec_v7.manifest import MANIFEST
from drivers.contec_v7.parser import (
    ASK_DEVICE_ID,
    ASK_STORED,
    COMMAND,
    DEVICE_ID,
    FEEDBACK,
    FREE,
    KEEP_ALIVE,
    REALTIME,
    SET_DATE,
    SET_TIME,
    START_REALTIME,
    STOP_REALTIME,
    STOP_STORED,
    STORED,
    V7Framer,
    encode_packet,
)
from drivers.stream_simulator import StreamSimulator

RATE_HZ = 60
_FINGER_OUT = bytes([0x80, 0x40, 0x10, 0xFF, 0x7F, 0xFF, 0xFF])
_SIGNAL = 6
_BEEP = 0x40
_LOW_SPO2 = 0x20
_SEARCHING_LONG = 0x10
_SEARCHING = 0x80
_PI_INVALID = 0x10
_NUMBERS = ("seed", "spo2", "pulse", "stored_per_tick")
_FLOATS = ("stream_timeout", "burst_pause", "unplug_after", "unplug_for")


def pleth_shape(phase: float) -> float:
    """A plausible photoplethysmogram over one beat (phase 0..1): systolic peak, dicrotic notch."""
    systolic = math.exp(-(((phase - 0.18) / 0.08) ** 2))
    diastolic = 0.4 * math.exp(-(((phase - 0.48) / 0.12) ** 2))
    return min(1.0, systolic + diastolic)


def stored_packets(records: Sequence[tuple[int, int]]) -> list[bytes]:
    """0x0F packets for ``records``: three (SpO2, PR) pairs each, the last padded with zeros."""
    flat = bytes(value for record in records for value in record)
    return [encode_packet(STORED, flat[i : i + 6].ljust(6, b"\0")) for i in range(0, len(flat), 6)]


class ContecV7Simulator(StreamSimulator):
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
        stored: Sequence[tuple[int, int]] | None = None,
        stored_per_tick: int = 4,
        stream_timeout: float = 30.0,
        link_path: str | os.PathLike[str] | None = None,
        burst_pause: float = 2.0,
        unplug_after: float = 3.0,
        unplug_for: float = 1.5,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        if not (0 <= spo2 <= 100 and 0 <= pulse < 0xFF and len(device_id) <= 7):
            raise ValueError("spo2 must be 0-100, pulse 0-254, device_id at most 7 characters")
        super().__init__(
            scenario,
            frame_rate=RATE_HZ,
            frame_size=9,
            seed=seed,
            link_path=link_path,
            name="contec-v7-simulator",
            max_garbage=7,
            burst_pause=burst_pause,
            unplug_after=unplug_after,
            unplug_for=unplug_for,
        )
        self.device_id = device_id
        self.spo2, self.pulse, self.pi = spo2, pulse, pi
        self.stream_timeout = stream_timeout
        self.stored_per_tick = max(1, stored_per_tick)
        self.stored: list[tuple[int, int]] = (
            list(stored)
            if stored is not None
            else [(self.rng.randint(90, 99), self.rng.randint(55, 140)) for _ in range(50)]
        )
        self.clock_commands: list[bytes] = []
        self._date: tuple[int, int, int] | None = None
        self._time: tuple[int, int, int] | None = None
        self._commands = V7Framer({COMMAND: 9})
        self._streaming = False
        self._download: list[bytes] = []
        self._deadline = 0.0
        self._phase = 0.0
        self._count = 0
        self._shown = (spo2, pulse)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> ContecV7Simulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        known = {*_NUMBERS, *_FLOATS, "device_id", "pi", "link_path"}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        numbers = {k: int(str(options[k])) for k in _NUMBERS if options.get(k) is not None}
        floats = {k: float(str(options[k])) for k in _FLOATS if options.get(k) is not None}
        pi, link = options.get("pi"), options.get("link_path")
        return cls(
            scenario,
            device_id=str(options.get("device_id", "KIOSK01")),
            pi=None if pi is None else float(str(pi)),
            link_path=None if link is None else str(link),
            **numbers,  # type: ignore[arg-type]
            **floats,  # type: ignore[arg-type]
        )

    @property
    def clock(self) -> dt.datetime | None:
        """The device clock as B2 and B1 last set it (None until both arrived, or invalid)."""
        if self._date is None or self._time is None:
            return None
        try:
            return dt.datetime(*self._date, *self._time)
        except ValueError:
            return None

    def on_power_on(self) -> None:
        self._commands = V7Framer({COMMAND: 9})
        self._streaming = False
        self._download = []

    def on_input(self, data: bytes, now: float) -> bytes:
        replies: list[bytes] = []
        for packet in self._commands.feed(data):
            code, args = packet.data[0], packet.data[1:]
            if code in (START_REALTIME, KEEP_ALIVE):
                self._streaming |= code == START_REALTIME
                self._deadline = now + self.stream_timeout
            elif code in (STOP_REALTIME, STOP_STORED):
                self._streaming, self._download = False, []
                replies.append(encode_packet(FREE, b""))
            elif code == ASK_STORED:
                self._streaming, self._download = False, stored_packets(self.stored)
            elif code == ASK_DEVICE_ID:
                replies.append(encode_packet(DEVICE_ID, self.device_id.ljust(7).encode("ascii")))
            elif code in (SET_DATE, SET_TIME):
                self.clock_commands.append(packet.raw)
                if code == SET_DATE:
                    self._date = (args[0] * 100 + args[1], args[2], args[3])
                else:
                    self._time = (args[0], args[1], args[2])
                replies.append(encode_packet(FEEDBACK, bytes([code, 0x00])))
        return b"".join(replies)

    def next_output(self, now: float) -> bytes:
        if self._download:
            batch, self._download = (
                self._download[: self.stored_per_tick],
                self._download[self.stored_per_tick :],
            )
            return b"".join(batch)
        if self._streaming and now > self._deadline:
            self._streaming = False  # the real device stops after ~30 s without A1/AF
        if not self._streaming:
            return b""
        return super().next_output(now)

    def next_frame(self) -> bytes:
        if self.scenario == "finger-out":
            return encode_packet(REALTIME, _FINGER_OUT)
        if self.scenario == "artefact":
            return encode_packet(REALTIME, self._artefact_data())
        return encode_packet(REALTIME, self._realtime_data())

    def _realtime_data(self) -> bytes:
        """d0-d6 of a normal real-time packet; values wander a little once a second."""
        if self._count % RATE_HZ == 0:
            spo2 = min(100, self.spo2 + self.rng.randint(-1, 1))
            self._shown = (spo2, min(254, max(0, self.pulse + self.rng.randint(-2, 2))))
        self._count += 1
        spo2, pulse = self._shown
        self._phase += pulse / 60 / RATE_HZ
        beat = self._phase >= 1.0
        self._phase %= 1.0
        pleth = round(5 + 90 * pleth_shape(self._phase) + self.rng.uniform(-1, 1))
        d0 = _SIGNAL | (_BEEP if beat else 0) | (_LOW_SPO2 if spo2 < 90 else 0)
        d2 = min(15, pleth * 16 // 100) | (0 if self.pi is not None else _PI_INVALID)
        pi = 0xFFFF if self.pi is None else round(self.pi * 100) & 0xFFFF
        return bytes([d0, pleth & 0x7F, d2, pulse, spo2, pi & 0xFF, pi >> 8])

    def _artefact_data(self) -> bytes:
        """A moving, badly placed finger: weak signal, searching, jumpy or invalid values."""
        rng = self.rng
        if self._count % 6 == 0:
            spo2 = min(100, max(1, self.spo2 + rng.randint(-5, 3)))
            self._shown = (spo2, min(254, max(1, self.pulse + rng.randint(-15, 15))))
        self._count += 1
        spo2, pulse = self._shown
        searching = rng.random() < 0.3
        d0 = rng.randint(0, 2) | (_SEARCHING_LONG if searching and rng.random() < 0.3 else 0)
        d0 |= _LOW_SPO2 if spo2 < 90 else 0
        pleth = rng.randint(0, 0x7F) | (_SEARCHING if searching else 0)
        if rng.random() < 0.1:
            spo2, pulse = 0x7F, 0xFF
        return bytes([d0, pleth, _PI_INVALID | rng.randint(0, 3), pulse, spo2, 0xFF, 0xFF])
