"""BerryMed oximeters over Bluetooth LE (``berrymed-ble``, reference/devices.md §9).

Only the manifest and the pure parser (``drivers.berrymed_ble.parser``) exist so far.
The plugin, and its entry point in pyproject.toml, come with the BLE session (``io.py``)
and the emulated device (``simulator.py``); until then the driver is not registered.
"""

from __future__ import annotations

from drivers.berrymed_ble.manifest import MANIFEST

__all__ = ["MANIFEST"]
