"""A Masimo Rad-8 (or Radical-7) in ASCII 1 mode on a pseudo-terminal.

Behaviour from reference/devices.md §10.4: one line per second, ``MM/DD/YY HH:MM:SS`` then
``KEY=VALUE`` tokens, CR LF; no commands. ``interval`` lets tests run faster than the real
second. The device clock starts at ``clock`` (default 2024-06-03 10:15:00) and advances by one
second per line, whatever ``interval`` is, as the device's own clock would.

Scenarios (the manifest's): ``normal`` (EXC 000800, SET mode); ``artefact`` (values with the
interference 010 or low-signal-IQ 400 exception bits, sometimes with the values dashed out);
``no-sensor`` (dashes and EXC 000021, the devices.md vector); and the transport scenarios of
:class:`~drivers.line_simulator.LineSimulator` (``unplug``, ``garbage``, ``trickle``, ``burst``)
on normal lines. ``model="radical-7"`` sends the Radical-7 token set.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from drivers.line_simulator import LineSimulator
from drivers.masimo_ascii.manifest import MANIFEST

LINE_INTERVAL = 1.0  # ASCII 1: one line per second
DEFAULT_CLOCK = dt.datetime(2024, 6, 3, 10, 15, 0)
_SET = 0x800
_NO_SENSOR = 0x021  # no sensor + sensor off
_ARTEFACTS = (0x010, 0x400, 0x410)  # interference, low signal IQ, both
MODELS = ("rad-8", "radical-7")


class MasimoSimulator(LineSimulator):
    """A Masimo oximeter streaming ASCII 1 lines; options choose what it reports."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        interval: float = LINE_INTERVAL,
        serial: str = "0000012345",
        model: str = "rad-8",
        spo2: int = 97,
        pulse: int = 72,
        pi: float = 2.15,
        clock: dt.datetime = DEFAULT_CLOCK,
        link_path: str | os.PathLike[str] | None = None,
        **transport: float,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        if model not in MODELS or not (1 <= spo2 <= 100 and 1 <= pulse <= 300 and 0 < pi < 100):
            raise ValueError(f"model must be one of {MODELS}; spo2 1-100, pulse 1-300, pi 0-100")
        assert MANIFEST.serial is not None
        super().__init__(
            scenario,
            interval=interval,
            baudrate=MANIFEST.serial.baudrate,
            seed=seed,
            link_path=link_path,
            name="masimo-ascii-simulator",
            burst=int(transport.pop("burst", 5)),
            unplug_every=int(transport.pop("unplug_every", 10)),
            unplug_for=float(transport.pop("unplug_for", 2.0)),
        )
        if transport:
            raise TypeError(f"unknown simulator options: {sorted(transport)}")
        self.serial, self.model = serial, model
        self.spo2, self.pulse, self.pi = spo2, pulse, pi
        self.clock = clock

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> MasimoSimulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        numbers = {"interval", "pi", "burst", "unplug_every", "unplug_for"}
        texts = {"serial", "model", "link_path"}
        unknown = set(options) - numbers - texts - {"seed", "spo2", "pulse", "clock"}
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        kwargs: dict[str, object] = {k: float(str(v)) for k, v in options.items() if k in numbers}
        kwargs.update({k: str(v) for k, v in options.items() if k in texts})
        for key in ("seed", "spo2", "pulse"):
            if options.get(key) is not None:
                kwargs[key] = int(str(options[key]))
        if "clock" in options:
            kwargs["clock"] = dt.datetime.fromisoformat(str(options["clock"]))
        return cls(scenario, **kwargs)  # type: ignore[arg-type]

    def next_line(self) -> bytes:
        stamp = self.clock.strftime("%m/%d/%y %H:%M:%S")
        self.clock += dt.timedelta(seconds=1)
        values: tuple[int, int, float] | None = self._values()
        exc = _SET
        if self.scenario == "no-sensor":
            values, exc = None, _NO_SENSOR
        elif self.scenario == "artefact":
            exc |= self.rng.choice(_ARTEFACTS)
            values = values if self.rng.random() < 0.7 else None
        return (stamp + " " + self._tokens(values, exc) + "\r\n").encode("ascii")

    def _values(self) -> tuple[int, int, float]:
        spo2 = min(100, self.spo2 + self.rng.randint(-1, 1))
        pulse = max(1, min(300, self.pulse + self.rng.randint(-2, 2)))
        pi = max(0.02, round(self.pi + self.rng.uniform(-0.1, 0.1), 2))
        return spo2, pulse, pi

    def _tokens(self, values: tuple[int, int, float] | None, exc: int) -> str:
        if values is None:
            spo2, bpm, pi = "---", "---", None
        else:
            spo2, bpm, pi = f"{values[0]:03d}", f"{values[1]:03d}", f"{values[2]:05.2f}"
        if self.model == "rad-8":
            tokens = [f"SN={self.serial}", f"SPO2={spo2}%", f"BPM={bpm}"]
            tokens += [f"PI={pi}%"] if pi is not None else []  # no sensor: PI is omitted
            tokens += ["SPCO=--.-%", "SPMET=--.-%", "DESAT=--", "PIDELTA=+--"]
            return " ".join([*tokens, "ALARM=0000", f"EXC={exc:06X}"])
        tokens = ["SN=----------", f"SPO2={spo2}%", f"BPM={bpm}", f"PI={pi or '--.--'}"]
        tokens += ["SPCO=--%", "SPMET=--.-%", "SPHB=--.-", "SPOC=--", "RESVD=---", "DESAT=--"]
        tokens += ["PIDELTA=+--", "PVI=---", "ALARM=000000", f"EXC={exc:07X}", "EXC1=00000000"]
        return " ".join(tokens)
