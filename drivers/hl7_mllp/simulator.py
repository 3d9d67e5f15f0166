"""An HL7 analyzer on TCP: ORU^R01 messages over MLLP, each waiting for its ACK (devices.md §13).

The simulator listens on ``127.0.0.1:PORT`` and the kiosk connects to ``socket://127.0.0.1:PORT``
(pyserial's socket handler, test-peers.md §c), so the serial session code path is the same as
for a pty. While a host is connected it sends a message, waits for ``MSA|AA|<MSH-10>``, and
after ``pause`` sends the next; an ``AE``/``AR`` answer makes it resend, and with no answer
within ``reply_timeout`` it moves on. Every MSA it received is kept in :attr:`acks`.

A message (Mindray-like header, HL7 2.3.1) carries OBX NM results GLU 5.4 mmol/L (with an
observation time), HGB 12.7 g/dL, ALT 61 U/L (flag H), plus an ST comment and a ``<0.1`` NM
value that give no reading. Scenarios: ``normal``; ``artefact`` (each message first goes out
with a mangled MSH, is answered AR and resent); ``unplug`` (half of the second message, then
the connection and the listener close for ``outage`` seconds); ``garbage`` (noise between
messages); ``trickle`` (one byte per millisecond); ``burst`` (three messages in one write);
``qc`` (MSH-16 = 2).
"""

from __future__ import annotations

import contextlib
import random
import select
import socket
import threading
import time
from collections.abc import Mapping

from drivers.hl7_mllp.manifest import MANIFEST
from drivers.hl7_mllp.parser import EB, SB, MllpFramer, frame

_TICK = 0.01


def oru_message(sequence: int, *, qc: bool = False) -> bytes:
    """One ORU^R01 message (segments CR-separated, no MLLP envelope)."""
    segments = [
        f"MSH|^~\\&|Mindray|BS-380|||20240301101500||ORU^R01|{sequence}|P|2.3.1||||"
        f"{2 if qc else 0}||ASCII|||",
        f"PID|1||P{sequence}",
        f"OBR|1|S{sequence}||^^^",
        "OBX|1|NM|GLU^Glucose||5.4|mmol/L|3.9-6.1|N|||F|||20240301101200",
        "OBX|2|NM|HGB^Hemoglobin||12.7|g/dL|12-16|N|||F",
        "OBX|3|NM|ALT^ALT||61|U/L|0-40|H|||F",
        "OBX|4|ST|NOTE^Comment||hemolysed|||||F",
        "OBX|5|NM|CRP^CRP||<0.1|mg/L|||||F",
    ]
    return ("\r".join(segments) + "\r").encode("ascii")


class Hl7Simulator:
    """A TCP server that behaves like an analyzer sending results; see the module docstring."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        host: str = "127.0.0.1",
        tcp_port: int = 0,
        pause: float = 0.2,
        reply_timeout: float = 2.0,
        outage: float = 1.0,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        self.scenario, self.host, self.tcp_port = scenario, host, tcp_port
        self.pause = 0.0 if scenario == "burst" else pause
        self.reply_timeout, self.outage = reply_timeout, outage
        self.acks: list[tuple[str, str]] = []  # (MSA-1, MSA-2) of every answer received
        self.delivered = 0
        self._rng = random.Random(seed)
        self._sequence = 1
        self._unplugged = False
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> Hl7Simulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        known = {"seed", "host", "tcp_port", "pause", "reply_timeout", "outage"}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        seed = options.get("seed")
        return cls(
            scenario,
            seed=None if seed is None else int(str(seed)),
            host=str(options.get("host", "127.0.0.1")),
            tcp_port=int(str(options.get("tcp_port", 0))),
            pause=float(str(options.get("pause", 0.2))),
            reply_timeout=float(str(options.get("reply_timeout", 2.0))),
            outage=float(str(options.get("outage", 1.0))),
        )

    @property
    def port(self) -> str:
        """The URL a host connects to: ``socket://127.0.0.1:PORT``."""
        return f"socket://{self.host}:{self.tcp_port}"

    def start(self) -> str:
        """Listen and start serving; returns :attr:`port`. Idempotent."""
        if self._thread is None:
            self._stopping.clear()
            self._listen()
            self._thread = threading.Thread(target=self._serve, name="hl7-simulator", daemon=True)
            self._thread.start()
        return self.port

    def stop(self) -> None:
        """Stop serving and close every socket; idempotent."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping.set()
            thread.join(timeout=2.0)
        self._close_listener()

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.tcp_port))
        listener.listen(1)
        self.tcp_port = listener.getsockname()[1]
        self._listener = listener

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()

    def _serve(self) -> None:
        reopen_at = 0.0
        while not self._stopping.is_set():
            if self._listener is None:
                if time.monotonic() >= reopen_at:
                    self._listen()
                self._stopping.wait(_TICK)
                continue
            readable, _, _ = select.select([self._listener], [], [], _TICK)
            if not readable:
                continue
            connection, _ = self._listener.accept()
            with connection:
                if self._talk(connection) == "unplug":
                    self._close_listener()
                    reopen_at = time.monotonic() + self.outage

    def _talk(self, connection: socket.socket) -> str:
        """Send messages to one connected host until it leaves, we stop, or we unplug."""
        framer, out = MllpFramer(), bytearray()
        awaiting: dict[str, bytes] = {}  # control id → message
        next_at = deadline = 0.0
        spoil = self.scenario == "artefact"
        while not self._stopping.is_set():
            now = time.monotonic()
            if not awaiting and not out and now >= next_at:
                count = 3 if self.scenario == "burst" else 1
                for offset in range(count):
                    sequence = self._sequence + offset
                    awaiting[str(sequence)] = oru_message(sequence, qc=self.scenario == "qc")
                out += self._wire(list(awaiting.values()), spoil=spoil)
                deadline = now + self.reply_timeout
                if self.scenario == "unplug" and self._sequence == 2 and not self._unplugged:
                    self._unplugged = True
                    with contextlib.suppress(OSError):
                        connection.sendall(bytes(out[: len(out) // 2]))
                    return "unplug"
            elif awaiting and now > deadline:
                awaiting.clear()  # no answer: give up on these and go on
                next_at = now + self.pause
            if out:
                size = 1 if self.scenario == "trickle" else len(out)
                try:
                    sent = connection.send(bytes(out[:size]))
                except OSError:
                    return "gone"
                del out[:sent]
            wait = 0.001 if self.scenario == "trickle" and out else _TICK
            readable, _, _ = select.select([connection], [], [], wait)
            if not readable:
                continue
            try:
                data = connection.recv(4096)
            except OSError:
                return "gone"
            if not data:
                return "gone"
            for answer in framer.feed(data):
                code, control_id = _msa(answer)
                self.acks.append((code, control_id))
                if code == "AA" and awaiting.pop(control_id, None) is not None:
                    self.delivered += 1
                    self._sequence = max(self._sequence, int(control_id) + 1)
                    if not awaiting:
                        next_at = time.monotonic() + self.pause
                        spoil = self.scenario == "artefact"
                elif code in ("AE", "AR") and awaiting:
                    spoil = False
                    out += self._wire(list(awaiting.values()), spoil=False)
                    deadline = time.monotonic() + self.reply_timeout
        return "stopped"

    def _wire(self, messages: list[bytes], *, spoil: bool) -> bytes:
        wire = bytearray()
        for message in messages:
            if self.scenario == "garbage":
                noise = self._rng.randbytes(self._rng.randint(1, 24))
                wire += bytes(b for b in noise if b not in (SB, EB))
            wire += frame(b"MSX" + message[3:] if spoil else message)
        return bytes(wire)


def _msa(answer: bytes) -> tuple[str, str]:
    """(MSA-1, MSA-2) of an ACK message, read plainly."""
    for segment in answer.decode("latin-1").split("\r"):
        if segment.startswith("MSA"):
            fields = segment.split(segment[3:4] or "|")
            return (fields[1] if len(fields) > 1 else "", fields[2] if len(fields) > 2 else "")
    return ("", "")
