"""Bluetooth LE heart-rate sensors (``ble-heart-rate``, reference/devices.md §8).

Only the manifest and the pure parser (``drivers.ble_heart_rate.parser``) exist so far.
The plugin, and its entry point in pyproject.toml, come with the BLE session (``io.py``)
and the emulated device (``simulator.py``); until then the driver is not registered.
"""

from __future__ import annotations

from drivers.ble_heart_rate.manifest import MANIFEST

__all__ = ["MANIFEST"]
