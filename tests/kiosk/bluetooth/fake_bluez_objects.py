"""The objects of the fake BlueZ (see :mod:`tests.kiosk.bluetooth.fake_bluez`): Device1,
Adapter1 and AgentManager1 as dbus-fast ServiceInterfaces, with BlueZ's names, signatures and
errors, and the scripted :class:`FakeDevice`."""

# No ``from __future__ import annotations``: dbus-fast reads signatures from evaluated
# annotations.

import asyncio
import dataclasses
from typing import TYPE_CHECKING, Annotated

from dbus_fast import DBusError, MessageType
from dbus_fast.annotations import (
    DBusBool,
    DBusDict,
    DBusInt16,
    DBusObjectPath,
    DBusSignature,
    DBusStr,
)
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property

if TYPE_CHECKING:
    from tests.kiosk.bluetooth.fake_bluez import FakeBluez

ADAPTER_PATH = "/org/bluez/hci0"
AGENT = "org.bluez.Agent1"
DBusStrList = Annotated[list[str], DBusSignature("as")]
# passkey the fake "device" generates for numeric comparison / display
SHOWN_PASSKEY = 123456


def full_uuid(short: str) -> str:
    return f"0000{short}-0000-1000-8000-00805f9b34fb" if len(short) == 4 else short


@dataclasses.dataclass
class FakeDevice:
    """A scripted device. ``pairing``: ``just-works`` (RequestConfirmation), ``authorize``
    (RequestAuthorization), ``passkey`` (RequestPasskey, must equal ``passkey``), ``display``
    (DisplayPasskey), ``unreachable`` (ConnectionAttemptFailed), ``slow`` (never answers until
    CancelPairing)."""

    address: str
    name: str | None = None
    uuids: tuple[str, ...] = ()
    gatt_uuids: tuple[str, ...] = ("180a",)  # learnt once connected
    rssi: int = -60
    pairing: str = "just-works"
    passkey: int = 0
    known: bool = False  # BlueZ knew it before the scan (cached)
    paired: bool = False
    trusted: bool = False
    connected: bool = False

    @property
    def path(self) -> str:
        return f"{ADAPTER_PATH}/dev_{self.address.replace(':', '_')}"


class Device1(ServiceInterface):
    def __init__(self, fake: "FakeBluez", spec: FakeDevice) -> None:
        super().__init__("org.bluez.Device1")
        self.fake = fake
        self.spec = spec
        self.cancel = asyncio.Event()

    @dbus_property(access=PropertyAccess.READ)
    def Address(self) -> DBusStr:
        return self.spec.address

    @dbus_property(access=PropertyAccess.READ)
    def Name(self) -> DBusStr:
        return self.spec.name or ""

    @dbus_property(access=PropertyAccess.READ)
    def Alias(self) -> DBusStr:
        return self.spec.name or self.spec.address.replace(":", "-")

    @dbus_property(access=PropertyAccess.READ)
    def Adapter(self) -> DBusObjectPath:
        return ADAPTER_PATH

    @dbus_property(access=PropertyAccess.READ)
    def RSSI(self) -> DBusInt16:
        return self.spec.rssi

    @dbus_property(access=PropertyAccess.READ)
    def UUIDs(self) -> DBusStrList:
        uuids = self.spec.uuids + (self.spec.gatt_uuids if self.spec.paired else ())
        return [full_uuid(u) for u in uuids]

    @dbus_property(access=PropertyAccess.READ)
    def Paired(self) -> DBusBool:
        return self.spec.paired

    @dbus_property(access=PropertyAccess.READ)
    def Connected(self) -> DBusBool:
        return self.spec.connected

    @dbus_property()
    def Trusted(self) -> DBusBool:
        return self.spec.trusted

    @Trusted.setter
    def Trusted(self, value: DBusBool):
        self.fake.log.append(("Trusted", self.spec.address, value))
        self.spec.trusted = value

    @dbus_method()
    async def Pair(self) -> None:
        spec = self.spec
        sender = self.fake.senders.get((spec.path, "Pair"))
        self.fake.log.append(("Pair", spec.address, sender))
        if spec.paired:
            raise DBusError("org.bluez.Error.AlreadyExists", "Already Exists")
        if spec.pairing == "unreachable":
            raise DBusError("org.bluez.Error.ConnectionAttemptFailed", "Page Timeout")
        if spec.pairing == "slow":
            self.cancel.clear()
            await self.cancel.wait()
            raise DBusError("org.bluez.Error.AuthenticationCanceled", "Authentication Canceled")
        for rogue in self.fake.rogue_requests:  # another device asks during our pairing
            error = await self.fake.call_agent(sender, "RequestConfirmation", "ou", [rogue, 1])
            self.fake.log.append(("rogue", rogue, error))
        await self._authenticate(sender)
        spec.paired = spec.connected = True
        self.emit_properties_changed({"Paired": True, "Connected": True, "UUIDs": self.UUIDs})

    async def _authenticate(self, sender: str | None) -> None:
        spec, path = self.spec, self.spec.path
        if spec.pairing == "just-works":
            error = await self.fake.call_agent(
                sender, "RequestConfirmation", "ou", [path, SHOWN_PASSKEY]
            )
        elif spec.pairing == "authorize":
            error = await self.fake.call_agent(sender, "RequestAuthorization", "o", [path])
        elif spec.pairing == "display":
            error = await self.fake.call_agent(
                sender, "DisplayPasskey", "ouq", [path, SHOWN_PASSKEY, 0]
            )
        else:  # passkey entry
            reply = await self.fake.agent_reply(sender, "RequestPasskey", "o", [path])
            error = reply.error_name if reply.message_type == MessageType.ERROR else None
            if error is None:
                self.fake.log.append(("passkey", spec.address, reply.body[0]))
                if reply.body[0] != spec.passkey:
                    raise DBusError("org.bluez.Error.AuthenticationFailed", "Authentication Failed")
        if error == "org.bluez.Error.Canceled":
            raise DBusError("org.bluez.Error.AuthenticationCanceled", "Authentication Canceled")
        if error is not None:
            raise DBusError("org.bluez.Error.AuthenticationRejected", "Authentication Rejected")

    @dbus_method()
    def CancelPairing(self) -> None:
        self.fake.log.append(("CancelPairing", self.spec.address))
        self.cancel.set()

    @dbus_method()
    def Disconnect(self) -> None:
        self.fake.log.append(("Disconnect", self.spec.address))
        self.spec.connected = False
        self.emit_properties_changed({"Connected": False})


class Adapter1(ServiceInterface):
    def __init__(self, fake: "FakeBluez") -> None:
        super().__init__("org.bluez.Adapter1")
        self.fake = fake
        self.powered = fake.powered
        self.discovering = False

    @dbus_property(access=PropertyAccess.READ)
    def Address(self) -> DBusStr:
        return "00:1A:7D:DA:71:13"

    @dbus_property(access=PropertyAccess.READ)
    def Alias(self) -> DBusStr:
        return "kiosk"

    @dbus_property()
    def Powered(self) -> DBusBool:
        return self.powered

    @Powered.setter
    def Powered(self, value: DBusBool):
        self.fake.log.append(("Powered", value))
        if self.fake.power_fails:
            raise DBusError("org.bluez.Error.Blocked", "Blocked through rfkill")
        self.powered = value

    @dbus_property(access=PropertyAccess.READ)
    def Discovering(self) -> DBusBool:
        return self.discovering

    @dbus_method()
    def SetDiscoveryFilter(self, properties: DBusDict) -> None:
        self.fake.log.append(("SetDiscoveryFilter", properties["Transport"].value))

    @dbus_method()
    def StartDiscovery(self) -> None:
        if not self.powered:
            raise DBusError("org.bluez.Error.NotReady", "Resource Not Ready")
        self.fake.log.append(("StartDiscovery",))
        self.discovering = True
        asyncio.get_running_loop().call_later(0.05, self.fake.advertise)

    @dbus_method()
    def StopDiscovery(self) -> None:
        self.fake.log.append(("StopDiscovery",))
        self.discovering = False

    @dbus_method()
    def RemoveDevice(self, device: DBusObjectPath) -> None:
        interface = self.fake.objects.pop(device, None)
        if interface is None:
            raise DBusError("org.bluez.Error.DoesNotExist", "Does Not Exist")
        self.fake.log.append(("RemoveDevice", interface.spec.address))
        interface.spec.paired = interface.spec.trusted = interface.spec.known = False
        self.fake.bus.unexport(device, interface)


class AgentManager1(ServiceInterface):
    def __init__(self, fake: "FakeBluez") -> None:
        super().__init__("org.bluez.AgentManager1")
        self.fake = fake

    @dbus_method()
    def RegisterAgent(self, agent: DBusObjectPath, capability: DBusStr) -> None:
        sender = self.fake.senders.get(("/org/bluez", "RegisterAgent"))
        if sender in self.fake.agents:
            raise DBusError("org.bluez.Error.AlreadyExists", "Already Exists")
        self.fake.agents[sender] = agent
        self.fake.log.append(("RegisterAgent", agent, capability))

    @dbus_method()
    def UnregisterAgent(self, agent: DBusObjectPath) -> None:
        sender = self.fake.senders.get(("/org/bluez", "UnregisterAgent"))
        if self.fake.agents.pop(sender, None) is None:
            raise DBusError("org.bluez.Error.DoesNotExist", "Does Not Exist")
        self.fake.log.append(("UnregisterAgent", agent))

    @dbus_method()
    def RequestDefaultAgent(self, agent: DBusObjectPath) -> None:
        self.fake.log.append(("RequestDefaultAgent", agent))
