"""The example thermometer on a real pseudo-terminal: streams after ``S\\r\\n``, 4 lines/s."""

from __future__ import annotations

from collections.abc import Mapping

from drivers.pty_simulator import PtySimulator
from kiosk_example_driver.parser import START


class ThermometerSimulator(PtySimulator):
    def __init__(self, scenario: str = "normal", *, celsius: float = 36.6) -> None:
        super().__init__(interval=0.25, name="example-thermometer-simulator")
        self.scenario = scenario
        self.celsius = celsius
        self._streaming = False
        self._received = b""

    @classmethod
    def from_options(cls, scenario: str, options: Mapping[str, object]) -> ThermometerSimulator:
        return cls(scenario, celsius=float(str(options.get("celsius", 36.6))))

    def on_power_on(self) -> None:
        self._streaming, self._received = False, b""

    def on_input(self, data: bytes, now: float) -> bytes:
        self._received = (self._received + data)[-16:]
        if START in self._received:
            self._streaming = True
        return b""

    def next_output(self, now: float) -> bytes:
        if not self._streaming:
            return b""
        if self.scenario == "no-sensor":
            return b"T=---\r\n"
        return f"T={self.celsius:.1f}C\r\n".encode("ascii")
