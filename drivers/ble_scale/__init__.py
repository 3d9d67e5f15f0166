"""Bluetooth LE scales (``ble-scale``, reference/devices.md §6).

Only the manifest and the pure parser (``drivers.ble_scale.parser``) exist so far.
The plugin, and its entry point in pyproject.toml, come with the BLE session (``io.py``)
and the emulated device (``simulator.py``); until then the driver is not registered.
"""

from __future__ import annotations

from drivers.ble_scale.manifest import MANIFEST

__all__ = ["MANIFEST"]
