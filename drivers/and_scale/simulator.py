"""An A&D scale sending ASCII weight lines on a pseudo-terminal.

Behaviour from reference/devices.md §11. In stream mode (``mode="stream"``, the default) the
scale sends a line every ``interval`` seconds (default 0.2 s, a display refresh of 5 per second)
through a weighing cycle: empty platform (``ST`` zero), a patient stepping on (``US`` lines
rising to the weight), standing still (``ST`` lines of the weight), stepping off (``US``). In
auto-print mode (``mode="print"``) it sends one ``ST`` line per weighing, when it first settles.
``variant`` chooses the line format: ``standard`` (``ST,+0072.450 kg``), ``comparator``
(``ST,OK,+0072.450 kg``) or ``ad4404`` (``ST,NT,+0072.45kg``).

Scenarios (the manifest's): ``normal``; ``artefact`` (the patient never stands still: ``US``
lines wobbling around the weight); ``overload`` (``OL`` lines instead of the weight); and the
transport scenarios of :class:`~drivers.line_simulator.LineSimulator` (``unplug``, ``garbage``,
``trickle``, ``burst``) on the normal cycle; ``unplug`` by default strikes during the second
weighing, after one whole cycle.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from drivers.and_scale.manifest import MANIFEST
from drivers.line_simulator import LineSimulator

STREAM_INTERVAL = 0.2
VARIANTS = ("standard", "comparator", "ad4404")
MODES = ("stream", "print")
#: The weighing cycle, in lines: empty, stepping on, standing still, stepping off.
EMPTY, RISING, STILL, FALLING = 5, 5, 10, 3
_CYCLE = EMPTY + RISING + STILL + FALLING


class AndScaleSimulator(LineSimulator):
    """An A&D platform scale weighing patients over and over; options choose what it shows."""

    def __init__(
        self,
        scenario: str = "normal",
        *,
        seed: int | None = None,
        interval: float = STREAM_INTERVAL,
        weight: float = 72.45,
        variant: str = "standard",
        mode: str = "stream",
        link_path: str | os.PathLike[str] | None = None,
        **transport: float,
    ) -> None:
        if scenario not in MANIFEST.scenarios:
            raise ValueError(f"unknown scenario {scenario!r}; known: {MANIFEST.scenarios}")
        if variant not in VARIANTS or mode not in MODES or not 1 <= weight < 1000:
            raise ValueError(f"variant in {VARIANTS}, mode in {MODES}, weight 1-999 kg")
        assert MANIFEST.serial is not None
        super().__init__(
            scenario,
            interval=interval,
            baudrate=MANIFEST.serial.baudrate,
            seed=seed,
            link_path=link_path,
            name="and-scale-simulator",
            burst=int(transport.pop("burst", 5)),
            unplug_every=int(transport.pop("unplug_every", _CYCLE + EMPTY + RISING + 2)),
            unplug_for=float(transport.pop("unplug_for", 2.0)),
        )
        if transport:
            raise TypeError(f"unknown simulator options: {sorted(transport)}")
        self.weight, self.variant, self.mode = weight, variant, mode
        self._step = 0

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> AndScaleSimulator:
        """Build from the loosely typed ``start_simulator(**options)`` of the plugin API."""
        numbers = {"interval", "weight", "burst", "unplug_every", "unplug_for"}
        texts = {"variant", "mode", "link_path"}
        unknown = set(options) - numbers - texts - {"seed"}
        if unknown:
            raise TypeError(f"unknown simulator options: {sorted(unknown)}")
        kwargs: dict[str, object] = {k: float(str(v)) for k, v in options.items() if k in numbers}
        kwargs.update({k: str(v) for k, v in options.items() if k in texts})
        if options.get("seed") is not None:
            kwargs["seed"] = int(str(options["seed"]))
        return cls(scenario, **kwargs)  # type: ignore[arg-type]

    def on_power_on(self) -> None:
        super().on_power_on()
        self._step = 0

    def next_line(self) -> bytes:
        step, self._step = self._step % _CYCLE, self._step + 1
        if step < EMPTY:
            header, shown = "ST", 0.0
        elif self.scenario == "artefact" and step < EMPTY + RISING + STILL:
            header, shown = "US", self.weight + self.rng.uniform(-0.8, 0.8)
        elif step < EMPTY + RISING:
            header, shown = "US", self.weight * (step - EMPTY + 1) / (RISING + 1)
        elif step < EMPTY + RISING + STILL:
            header, shown = ("OL", 9999.999) if self.scenario == "overload" else ("ST", self.weight)
        else:
            header, shown = "US", self.weight * (_CYCLE - step) / (FALLING + 1)
        if self.mode == "print" and (header, step) != ("ST", EMPTY + RISING):
            return b""  # auto-print: one stable line per weighing
        return self.format_line(header, shown).encode("ascii")

    def format_line(self, header: str, kilograms: float) -> str:
        """One line in the configured variant, CR LF included."""
        if self.variant == "ad4404":
            return f"{header},NT,{kilograms:+08.2f}kg\r\n"
        second = "OK," if self.variant == "comparator" else ""
        return f"{header},{second}{kilograms:+09.3f} kg\r\n"
