"""BlueZ's D-Bus names and errors, and how the kiosk words them (message keys).

Interfaces and errors as documented in BlueZ's ``doc/org.bluez.*.rst`` (Adapter1, Device1,
AgentManager1, Agent1) and the D-Bus specification (ObjectManager, Properties).
"""

from __future__ import annotations

from typing import Any

from kiosk.errors import KioskError, UserFacingError

BLUEZ_SERVICE = "org.bluez"
ADAPTER_INTERFACE = "org.bluez.Adapter1"
DEVICE_INTERFACE = "org.bluez.Device1"
AGENT_MANAGER_INTERFACE = "org.bluez.AgentManager1"
OBJECT_MANAGER_INTERFACE = "org.freedesktop.DBus.ObjectManager"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
AGENT_MANAGER_PATH = "/org/bluez"
AGENT_PATH = "/org/dala/kiosk/agent"
DEFAULT_PAIR_TIMEOUT = 60.0  # seconds: long enough for a person to read and type a passkey
DEFAULT_DISCOVER_SECONDS = 10.0  # pair: how long to look for an address BlueZ does not know
AGENT_CAPABILITY = "KeyboardDisplay"  # we can show a passkey and the technician can type one
ALREADY_EXISTS = "org.bluez.Error.AlreadyExists"
NO_REPLY = "org.freedesktop.DBus.Error.NoReply"
CALL_TIMEOUT = 25.0  # seconds, the usual D-Bus method-call timeout
_NOT_RUNNING = (
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
)

#: BlueZ's errors from Device1.Pair → message keys (kiosk.i18n)
PAIR_ERRORS = {
    "org.bluez.Error.AuthenticationFailed": "ble.pair_auth_failed",
    "org.bluez.Error.AuthenticationCanceled": "ble.pair_cancelled",
    "org.bluez.Error.AuthenticationRejected": "ble.pair_rejected",
    "org.bluez.Error.AuthenticationTimeout": "ble.pair_timeout",
    "org.bluez.Error.ConnectionAttemptFailed": "ble.pair_unreachable",
    "org.bluez.Error.InProgress": "ble.pair_in_progress",
    "org.bluez.Error.NotReady": "ble.adapter_off",
    "org.bluez.Error.DoesNotExist": "ble.device_not_found",
    "org.freedesktop.DBus.Error.UnknownObject": "ble.device_not_found",
}

Objects = dict[str, dict[str, dict[str, Any]]]


class BluezError(KioskError):
    """BlueZ (or the bus) answered a call with a D-Bus error."""

    def __init__(self, name: str, text: str = "") -> None:
        super().__init__(f"{name}: {text}" if text else name)
        self.name = name
        self.text = text

    def user_error(self, address: str = "") -> UserFacingError:
        if self.name in _NOT_RUNNING or self.name.startswith("org.freedesktop.DBus.Error.Spawn"):
            return UserFacingError("ble.not_running")
        key = PAIR_ERRORS.get(self.name)
        if key is not None:
            return UserFacingError(key, address=address)
        return UserFacingError("ble.bluez_error", name=self.name, text=self.text)
