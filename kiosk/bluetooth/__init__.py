"""Pairing Bluetooth LE medical devices with BlueZ, for the technician (``kiosk ble``).

- :mod:`kiosk.bluetooth.matching`: pure logic, which installed BLE drivers fit an advertised
  device (service UUIDs, name prefixes), and BlueZ address / object-path helpers;
- :mod:`kiosk.bluetooth.agent`: our ``org.bluez.Agent1`` (Just Works and passkey pairing);
- :mod:`kiosk.bluetooth.bluez`: an async BlueZ client over the system D-Bus (dbus-fast, the
  library bleak's BlueZ backend already uses): adapters, scan, pair, trust, forget;
- :mod:`kiosk.bluetooth.pairings`: the kiosk's own record of paired devices and their
  driver, from which the live device manager learns which devices to watch;
- :mod:`kiosk.bluetooth.workflow`: the technician's operations put together (what the CLI
  calls).

Nothing here imports Qt, drivers, sync or ui; only this subpackage imports ``dbus_fast``.
This ``__init__`` imports nothing, so ``kiosk.i18n`` can read the messages cheaply.
"""
