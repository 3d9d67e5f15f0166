"""The kiosk's BlueZ pairing agent: ``org.bluez.Agent1`` with dbus-fast's ServiceInterface.

BlueZ calls an agent when pairing needs the person: to enter the passkey a device shows
(``RequestPasskey``), to show a passkey the device asks for (``DisplayPasskey``), to confirm
a numeric comparison (``RequestConfirmation``) or a Just Works pairing
(``RequestAuthorization``). The kiosk registers this agent only while ``kiosk ble pair``
runs, with the ``KeyboardDisplay`` capability, and it answers **only for the device being
paired right now** (:attr:`PairingAgent.target`): any request about another device is
rejected (``org.bluez.Error.Rejected``), so a device nearby cannot slip in a pairing.

- Just Works / numeric comparison for the target: accepted (the passkey of a numeric
  comparison is shown to the technician as well).
- Passkey entry: the passkey comes from ``passkey_source(address)``, a blocking callable
  (the CLI asks the technician with ``click.prompt`` or uses ``--passkey``). It runs in a
  daemon thread so the D-Bus connection stays responsive; it returns None to cancel.
- ``DisplayPasskey`` / ``DisplayPinCode``: shown through ``notify``.
- ``Cancel``: a pending passkey question is abandoned; ``Release``: nothing to clean up.
"""

# No ``from __future__ import annotations`` here: dbus-fast reads the D-Bus signatures from
# the evaluated annotations, and a deferred ``-> None`` would not read as "no reply body".

import asyncio
import contextlib
import dataclasses
import enum
import logging
import threading
from collections.abc import Callable

from dbus_fast import DBusError
from dbus_fast.annotations import DBusObjectPath, DBusStr, DBusUInt16, DBusUInt32
from dbus_fast.service import ServiceInterface, dbus_method

from kiosk.bluetooth.matching import address_from_path

log = logging.getLogger(__name__)

AGENT_INTERFACE = "org.bluez.Agent1"
ERROR_REJECTED = "org.bluez.Error.Rejected"
ERROR_CANCELED = "org.bluez.Error.Canceled"
MAX_PASSKEY = 999_999

#: address -> the passkey the device shows, or None to cancel; may block (runs in a thread)
PasskeySource = Callable[[str], int | None]


class AgentEventKind(enum.StrEnum):
    DISPLAY_PASSKEY = "display-passkey"
    DISPLAY_PINCODE = "display-pincode"
    CONFIRM_PASSKEY = "confirm-passkey"
    AUTHORIZED = "authorized"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


@dataclasses.dataclass(frozen=True, slots=True)
class AgentEvent:
    kind: AgentEventKind
    address: str
    value: str | None = None


AgentNotify = Callable[[AgentEvent], None]


def _no_passkey(_address: str) -> int | None:
    return None


def _ignore(_event: AgentEvent) -> None:
    return None


class PairingAgent(ServiceInterface):
    """See the module docstring. ``target`` is the object path of the device being paired."""

    def __init__(
        self,
        passkey_source: PasskeySource = _no_passkey,
        notify: AgentNotify = _ignore,
        target: str | None = None,
    ) -> None:
        super().__init__(AGENT_INTERFACE)
        self.passkey_source = passkey_source
        self.notify = notify
        self.target = target
        self.events: list[AgentEvent] = []
        self._pending: asyncio.Future[int | None] | None = None
        self._shown: tuple[str, int] | None = None

    # -- helpers ---------------------------------------------------------------------------

    def _emit(self, kind: AgentEventKind, device: str, value: str | None = None) -> None:
        event = AgentEvent(kind, address_from_path(device) or device, value)
        self.events.append(event)
        try:
            self.notify(event)
        except Exception:  # the display must never break the pairing
            log.exception("agent notification failed")

    def _require_target(self, device: str) -> None:
        if self.target is None or device != self.target:
            self._emit(AgentEventKind.REJECTED, device)
            raise DBusError(ERROR_REJECTED, "not the device being paired")

    async def _ask_passkey(self, device: str) -> int:
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[int | None] = loop.create_future()
        self._pending = answer
        address = address_from_path(device) or device

        def deliver(result: int | None, error: BaseException | None) -> None:
            if answer.done():
                return
            if error is not None:
                answer.set_exception(error)
            else:
                answer.set_result(result)

        def work() -> None:
            result: int | None = None
            error: BaseException | None = None
            try:
                result = self.passkey_source(address)
            except BaseException as caught:  # click.Abort, EOF, KeyboardInterrupt
                error = caught
            with contextlib.suppress(RuntimeError):  # the loop closed while they typed
                loop.call_soon_threadsafe(deliver, result, error)

        threading.Thread(target=work, name="kiosk-ble-passkey", daemon=True).start()
        try:
            passkey = await answer
        except Exception as error:
            log.info("passkey entry ended: %r", error)
            passkey = None
        finally:
            self._pending = None
        if passkey is None:
            self._emit(AgentEventKind.CANCELLED, device)
            raise DBusError(ERROR_CANCELED, "passkey entry cancelled")
        if not 0 <= passkey <= MAX_PASSKEY:
            self._emit(AgentEventKind.REJECTED, device)
            raise DBusError(ERROR_REJECTED, "a passkey has at most six digits")
        return passkey

    # -- org.bluez.Agent1 ------------------------------------------------------------------

    @dbus_method()
    def Release(self) -> None:  # D-Bus names its methods in CamelCase
        log.debug("agent released by BlueZ")

    @dbus_method()
    async def RequestPinCode(self, device: DBusObjectPath) -> DBusStr:
        self._require_target(device)
        return f"{await self._ask_passkey(device):06d}"

    @dbus_method()
    def DisplayPinCode(self, device: DBusObjectPath, pincode: DBusStr) -> None:
        self._require_target(device)
        self._emit(AgentEventKind.DISPLAY_PINCODE, device, pincode)

    @dbus_method()
    async def RequestPasskey(self, device: DBusObjectPath) -> DBusUInt32:
        self._require_target(device)
        return await self._ask_passkey(device)

    @dbus_method()
    def DisplayPasskey(
        self, device: DBusObjectPath, passkey: DBusUInt32, entered: DBusUInt16
    ) -> None:
        self._require_target(device)
        if self._shown != (device, passkey):  # BlueZ repeats it as keys are typed
            self._shown = (device, passkey)
            self._emit(AgentEventKind.DISPLAY_PASSKEY, device, f"{passkey:06d}")

    @dbus_method()
    def RequestConfirmation(self, device: DBusObjectPath, passkey: DBusUInt32) -> None:
        self._require_target(device)
        self._emit(AgentEventKind.CONFIRM_PASSKEY, device, f"{passkey:06d}")

    @dbus_method()
    def RequestAuthorization(self, device: DBusObjectPath) -> None:
        self._require_target(device)
        self._emit(AgentEventKind.AUTHORIZED, device)

    @dbus_method()
    def AuthorizeService(self, device: DBusObjectPath, uuid: DBusStr) -> None:
        self._require_target(device)
        self._emit(AgentEventKind.AUTHORIZED, device, uuid)

    @dbus_method()
    def Cancel(self) -> None:
        pending = self._pending
        if pending is not None and not pending.done():
            pending.set_result(None)
        log.info("BlueZ cancelled the pairing request")
