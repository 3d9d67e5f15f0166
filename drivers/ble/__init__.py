"""Shared BLE infrastructure for the GATT drivers (issue 5).

- :mod:`drivers.ble.sfloat`, :mod:`drivers.ble.gatt_types`: pure decoders (devices.md §1-2);
- :mod:`drivers.ble.backend`: the one factory choosing bleak's backend from the environment;
- :mod:`drivers.ble.session`: a generic :class:`~kiosk.device_api.DeviceSession` for GATT drivers;
- :mod:`drivers.ble.bumble_backend`, :mod:`drivers.ble.simulator`: bleak over Google's bumble
  and emulated GATT peripherals (test-peers.md §b), imported only when configured.

Importing this package imports nothing else (no bleak, no bumble).
"""
