"""The pairing agent over a real D-Bus: BlueZ's calls come from another connection."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from kiosk.bluetooth.agent import AgentEventKind, PairingAgent, PasskeySource

AGENT_PATH = "/test/agent"
TARGET = "/org/bluez/hci0/dev_A4_C1_38_00_00_01"
OTHER = "/org/bluez/hci0/dev_66_66_66_66_66_66"

Call = Callable[[str, str, list[Any]], Awaitable[Message]]


def with_agent(
    address: str, agent: PairingAgent, scenario: Callable[[Call], Awaitable[None]]
) -> None:
    """Export ``agent`` on one connection; ``scenario`` calls it from another, as BlueZ."""

    async def main() -> None:
        server = await MessageBus(bus_address=address).connect()
        bluez = await MessageBus(bus_address=address).connect()
        server.export(AGENT_PATH, agent)

        async def call(member: str, signature: str, body: list[Any]) -> Message:
            reply = await bluez.call(
                Message(
                    destination=server.unique_name,
                    path=AGENT_PATH,
                    interface="org.bluez.Agent1",
                    member=member,
                    signature=signature,
                    body=body,
                )
            )
            assert reply is not None
            return reply

        try:
            await scenario(call)
        finally:
            bluez.disconnect()
            server.disconnect()

    asyncio.run(main())


def error_of(reply: Message) -> str | None:
    return reply.error_name if reply.message_type == MessageType.ERROR else None


def test_just_works_only_for_the_device_being_paired(dbus_address: str) -> None:
    agent = PairingAgent(target=TARGET)

    async def scenario(call: Call) -> None:
        assert error_of(await call("RequestConfirmation", "ou", [TARGET, 123456])) is None
        assert error_of(await call("RequestAuthorization", "o", [TARGET])) is None
        assert error_of(await call("AuthorizeService", "os", [TARGET, "1810"])) is None
        for member, signature, body in [
            ("RequestConfirmation", "ou", [OTHER, 123456]),
            ("RequestAuthorization", "o", [OTHER]),
            ("AuthorizeService", "os", [OTHER, "1810"]),
            ("RequestPasskey", "o", [OTHER]),
            ("DisplayPasskey", "ouq", [OTHER, 1, 0]),
        ]:
            assert error_of(await call(member, signature, body)) == "org.bluez.Error.Rejected"
        agent.target = None  # between pairings, nothing is accepted at all
        reply = await call("RequestConfirmation", "ou", [TARGET, 123456])
        assert error_of(reply) == "org.bluez.Error.Rejected"

    with_agent(dbus_address, agent, scenario)
    kinds = [event.kind for event in agent.events]
    assert kinds[:4] == [
        AgentEventKind.CONFIRM_PASSKEY,
        AgentEventKind.AUTHORIZED,
        AgentEventKind.AUTHORIZED,
        AgentEventKind.REJECTED,
    ]
    assert agent.events[0].address == "A4:C1:38:00:00:01"
    assert agent.events[0].value == "123456"
    assert agent.events[3].address == "66:66:66:66:66:66"


def passkey_reply(dbus_address: str, source: PasskeySource) -> Message:
    agent = PairingAgent(passkey_source=source, target=TARGET)
    replies: list[Message] = []

    async def scenario(call: Call) -> None:
        replies.append(await call("RequestPasskey", "o", [TARGET]))

    with_agent(dbus_address, agent, scenario)
    return replies[0]


def test_passkey_comes_from_the_source(dbus_address: str) -> None:
    asked: list[str] = []

    def source(address: str) -> int:
        asked.append(address)
        return 13  # a passkey below 100000 is still six digits on the device: 000013

    reply = passkey_reply(dbus_address, source)
    assert error_of(reply) is None
    assert reply.body == [13]
    assert asked == ["A4:C1:38:00:00:01"]


def test_no_passkey_cancels(dbus_address: str) -> None:
    assert error_of(passkey_reply(dbus_address, lambda _a: None)) == "org.bluez.Error.Canceled"


def test_a_failing_prompt_cancels(dbus_address: str) -> None:
    def source(_address: str) -> int:
        raise EOFError

    assert error_of(passkey_reply(dbus_address, source)) == "org.bluez.Error.Canceled"


def test_a_passkey_of_seven_digits_is_rejected(dbus_address: str) -> None:
    assert error_of(passkey_reply(dbus_address, lambda _a: 1_000_000)) == "org.bluez.Error.Rejected"


def test_cancel_abandons_the_question(dbus_address: str) -> None:
    release = threading.Event()

    def source(_address: str) -> int:
        release.wait(10)  # the technician walked away
        return 1

    agent = PairingAgent(passkey_source=source, target=TARGET)

    async def scenario(call: Call) -> None:
        pending = asyncio.ensure_future(call("RequestPasskey", "o", [TARGET]))
        await asyncio.sleep(0.1)
        assert error_of(await call("Cancel", "", [])) is None
        assert error_of(await asyncio.wait_for(pending, 5)) == "org.bluez.Error.Canceled"

    try:
        with_agent(dbus_address, agent, scenario)
    finally:
        release.set()
    assert agent.events[-1].kind == AgentEventKind.CANCELLED


def test_displayed_passkey_is_shown_once(dbus_address: str) -> None:
    shown: list[str | None] = []
    agent = PairingAgent(notify=lambda event: shown.append(event.value), target=TARGET)

    async def scenario(call: Call) -> None:
        for entered in range(3):  # BlueZ repeats it as the keys are typed on the device
            assert error_of(await call("DisplayPasskey", "ouq", [TARGET, 42, entered])) is None
        assert error_of(await call("DisplayPinCode", "os", [TARGET, "000042"])) is None
        assert error_of(await call("Release", "", [])) is None

    with_agent(dbus_address, agent, scenario)
    assert shown == ["000042", "000042"]
