"""An ASTM analyzer on a pseudo-terminal: the sender's side of E1381 (devices.md §12).

It sends ENQ, waits for ACK, sends its frames one by one (numbered 1…7, 0, 1…), each waiting
for ACK and resent on NAK (at most 6 times), then EOT; with no answer within
``reply_timeout`` it gives up with EOT and tries again later, like an analyzer. A message is
H, P, O, several R records and L, one record per frame (so frame numbers wrap); what the host
answered is kept in :attr:`AstmSimulator.received` and counted in :attr:`acks` / :attr:`naks`.

Scenarios (the manifest's): ``normal``; ``artefact`` (the first R frame of every message first
goes out with a wrong checksum and must be NAKed, then resent); ``no-sensor`` (results
``-----``, ``<0.1``, text: no reading); ``unplug`` (the second message is cut inside its first
R frame by an unplug; the device comes back after ``outage`` seconds and resends it);
``garbage`` (line noise between frames and corrupted copies that get NAKed); ``trickle`` (one
byte per tick); ``burst`` (one frame of over 1.5 kB with 40 results, messages back to back);
``qc`` (processing ID Q and a QC order: results flagged ``quality-control``).
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Mapping

from drivers.astm.lowlevel import ACK, ENQ, EOT, ETB, ETX, NAK, STX, encode_frame
from drivers.astm.manifest import MANIFEST
from drivers.pty_simulator import PtySimulator

RESULT_TIME = "20240301101200"
#: (test id field, value, unit, abnormal flag) of a normal message.
NORMAL = (
    ("^^^GLU", "5.4", "mmol/L", "N"),
    ("^^^^HB^1", " 12.7", "g/dL", "N"),
    ("^^^^WBC^1", "6.5", "10*3/uL", ""),
    ("^^^ALT", "61", "U/L", "H"),
    ("^^^HbA1c", "5.1", "%", ""),
    ("^^^123/", "0.8", "1", "L"),
)
NO_SENSOR = (
    ("^^^GLU", "-----", "mmol/L", ""),
    ("^^^CRP", "<0.1", "mg/L", ""),
    ("^^^HIV", "NEGATIVE", "", ""),
    ("^^^IMG", "\\images\\0042.png", "", ""),
)
_CONTROL = frozenset((STX, ETX, EOT, ENQ, ACK, NAK, ETB))
_MAX_RETRIES = 6


def message_records(scenario: str, sequence: int) -> list[bytes]:
    """The records of message ``sequence`` for ``scenario`` (without CRs)."""
    qc = scenario == "qc"
    results: tuple[tuple[str, str, str, str], ...] = NORMAL
    if scenario == "no-sensor":
        results = NO_SENSOR
    if scenario == "burst":
        results = tuple((f"^^^T{i:02d}", f"{i}.5", "mmol/L", "") for i in range(40))
    records = [
        f"H|\\^&|||KIOSK-SIM^1.0|||||||{'Q' if qc else 'P'}|1|20240301101500",
        f"P|{sequence}",
        f"O|1|S{sequence}||^^^GLU|R||||||{'Q' if qc else 'N'}",
    ]
    for index, (test, value, unit, flag) in enumerate(results, start=1):
        records.append(f"R|{index}|{test}|{value}|{unit}||{flag}||F||||{RESULT_TIME}")
    records.append("L|1|N")
    return [record.encode("latin-1") for record in records]


class AstmSimulator(PtySimulator):
    """An analyzer sending results over E1381; see the module docstring."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        pause: float = 0.2,
        reply_timeout: float = 2.0,
        outage: float = 1.0,
        link_path: str | os.PathLike[str] | None = None,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        trickle = scenario == "trickle"
        super().__init__(
            interval=0.001 if trickle else 0.005, link_path=link_path, name="astm-simulator"
        )
        self.scenario = scenario
        self.pause = 0.0 if scenario == "burst" else pause
        self.reply_timeout, self.outage = reply_timeout, outage
        self.received = bytearray()
        self.delivered = 0  # messages the host acknowledged to the end
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._replug: threading.Timer | None = None
        self._unplugged = False
        self._sequence = 1

    @property
    def acks(self) -> int:
        return self.received.count(ACK)

    @property
    def naks(self) -> int:
        return self.received.count(NAK)

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> AstmSimulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        known = {"seed", "pause", "reply_timeout", "outage", "link_path"}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        seed, link = options.get("seed"), options.get("link_path")
        return cls(
            scenario,
            seed=None if seed is None else int(str(seed)),
            pause=float(str(options.get("pause", 0.2))),
            reply_timeout=float(str(options.get("reply_timeout", 2.0))),
            outage=float(str(options.get("outage", 1.0))),
            link_path=None if link is None else str(link),
        )

    def stop(self) -> None:
        timer, self._replug = self._replug, None
        if timer is not None:
            timer.cancel()
            timer.join()
        super().stop()

    def on_power_on(self) -> None:
        self._state = "idle"  # "idle", "enq" (ENQ sent) or "frame" (frame sent)
        self._out = bytearray()
        self._next_at = 0.0
        self._deadline = 0.0
        self._frames: list[bytes] = []
        self._index = self._retries = 0
        self._spoilt: set[int] = set()  # frames whose first copy goes out corrupted

    def on_input(self, data: bytes, now: float) -> bytes:
        with self._lock:
            self.received.extend(data)
        for byte in data:
            if self._state == "enq" and byte == ACK:
                self._send_frame(0, now)
            elif self._state == "enq" and byte == NAK:
                self._finish(now, delivered=False)
            elif self._state == "frame" and byte == ACK:
                if self._index + 1 < len(self._frames):
                    self._send_frame(self._index + 1, now)
                else:
                    self._finish(now, delivered=True)
            elif self._state == "frame" and byte == NAK:
                self._retries += 1
                if self._retries > _MAX_RETRIES:
                    self._finish(now, delivered=False)
                else:
                    self._send_frame(self._index, now)
        return b""

    def next_output(self, now: float) -> bytes:
        if self._state == "idle" and now >= self._next_at and not self._out:
            self._start_message(now)
        elif self._state != "idle" and now > self._deadline:
            self._finish(now, delivered=False)  # the host never answered: give up (EOT)
        if self.scenario == "trickle":
            chunk, self._out = bytes(self._out[:1]), self._out[1:]
        else:
            chunk, self._out = bytes(self._out), bytearray()
        return chunk

    def _start_message(self, now: float) -> None:
        records = message_records(self.scenario, self._sequence)
        per_frame = self.scenario != "burst"
        texts = [r + b"\r" for r in records] if per_frame else [b"\r".join(records) + b"\r"]
        self._frames = [encode_frame(i + 1, text) for i, text in enumerate(texts)]
        self._spoilt = {3} if self.scenario == "artefact" else set()
        if self.scenario == "garbage":
            self._spoilt = {i for i in range(len(self._frames)) if self._rng.random() < 0.3}
        self._index = self._retries = 0
        self._state, self._deadline = "enq", now + self.reply_timeout
        self._out += bytes([ENQ])

    def _send_frame(self, index: int, now: float) -> None:
        if index != self._index:
            self._index, self._retries = index, 0
        frame = self._frames[index]
        self._state, self._deadline = "frame", now + self.reply_timeout
        cut = self.scenario == "unplug" and self._sequence == 2 and index == 3
        if cut and not self._unplugged:
            self._unplugged = True
            self._unplug_now(frame[: len(frame) // 2])  # cut inside the first R frame
            self._replug = threading.Timer(self.outage, self.replug)
            self._replug.start()
            return
        if self.scenario == "garbage":
            noise = (b for b in self._rng.randbytes(self._rng.randint(0, 12)))
            self._out += bytes(b for b in noise if b not in _CONTROL)
        if index in self._spoilt:
            self._spoilt.discard(index)
            spoilt = bytearray(frame)
            spoilt[2] ^= 0x01  # the first text byte: the checksum no longer matches
            frame = bytes(spoilt)
        self._out += frame

    def _finish(self, now: float, *, delivered: bool) -> None:
        self._out += bytes([EOT])
        if delivered:
            self.delivered += 1
            self._sequence += 1
        self._state, self._next_at = "idle", now + self.pause
