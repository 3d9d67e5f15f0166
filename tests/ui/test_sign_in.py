"""The sign-in / lock screen on a real store: names as buttons, the PIN pad, wrong PIN,
lockout with a translated countdown, quick switch, setup mode; the PIN is never shown or
logged. The PIN check is the real argon2id one, on the runtime's writer thread."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.domain import utc_now
from kiosk.i18n import translate
from kiosk.security import staff
from kiosk.security.roles import Role
from kiosk.security.session import StaffSession
from kiosk.security.staff import SignInRefused, StaffMember
from kiosk.sign_in_flow import SignInChoices, SignInFlow, add_demo_staff
from kiosk.store.db import Store
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.qt import QLabel, QPushButton, Qt
from ui.screens.sign_in import DOT, SignInScreen

ADMIN_PIN = "482916"
NURSE_PIN = "7351"
WAIT_MS = 10_000


def add_member(backend: Backend, username: str, name: str, role: Role, pin: str) -> StaffMember:
    def add(store: Store) -> StaffMember:
        admin = staff.find(store, "aigerim") if staff.has_staff(store) else None
        return staff.add_staff(
            store, username=username, display_name=name, role=role, pin=pin,
            now=utc_now(), by=admin,
        )  # fmt: skip

    return backend.runtime.write(add).result(timeout=10)


@pytest.fixture
def flow(backend: Backend) -> Iterator[SignInFlow]:
    made = SignInFlow(backend.runtime, StaffSession(dt.timedelta(minutes=5)))
    yield made
    made.session.end()  # the audit actor is process-wide: leave it to the service


@pytest.fixture
def with_staff(backend: Backend) -> tuple[StaffMember, StaffMember]:
    admin = add_member(backend, "aigerim", "Әйгерім Серікбаева", Role.ADMINISTRATOR, ADMIN_PIN)
    nurse = add_member(backend, "dana", "Дана Омарова", Role.NURSE, NURSE_PIN)
    return admin, nurse


@pytest.fixture
def screen(
    qtbot: QtBot, flow: SignInFlow, bridge: QtBridge, translations: Translations
) -> Iterator[SignInScreen]:
    translations.use("en")
    shown = SignInScreen(flow, bridge)
    qtbot.addWidget(shown)
    shown.resize(1024, 600)
    shown.show()
    yield shown
    translations.use("en")


def audit_actions(backend: Backend) -> list[str]:
    def read(store: Store) -> list[str]:
        return [row["action"] for row in store.query("SELECT action FROM audit_log ORDER BY seq")]

    return backend.runtime.read(read).result(timeout=10)


def type_pin(qtbot: QtBot, screen: SignInScreen, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(screen.digit_keys[digit], Qt.MouseButton.LeftButton)


# -- the Qt-free flow -------------------------------------------------------------------------


def test_a_store_without_staff_is_in_setup_mode(flow: SignInFlow) -> None:
    choices = flow.load().result(timeout=10)
    assert choices == SignInChoices(()) and choices.setup_mode


def test_the_flow_signs_in_switches_and_signs_out(
    backend: Backend, flow: SignInFlow, with_staff: tuple[StaffMember, StaffMember]
) -> None:
    admin, nurse = with_staff
    choices = flow.load().result(timeout=10)
    assert not choices.setup_mode
    assert [m.username for m in choices.staff] == ["aigerim", "dana"]

    with pytest.raises(SignInRefused) as refused:
        flow.sign_in("dana", "0000").result(timeout=10)
    assert refused.value.key == "access.wrong_pin" and refused.value.retry_after is None
    assert flow.current is None

    assert flow.sign_in("dana", NURSE_PIN).result(timeout=10) == nurse
    assert flow.current == nurse
    assert flow.sign_in("aigerim", ADMIN_PIN).result(timeout=10) == admin  # quick switch
    assert flow.current == admin
    flow.sign_out().result(timeout=10)  # type: ignore[union-attr]
    assert flow.current is None
    # the switch writes Dana's sign-out after Aigerim's sign-in (both on the writer thread)
    assert audit_actions(backend)[-5:] == [
        "sign-in-refused", "signed-in", "signed-in", "signed-out", "signed-out",
    ]  # fmt: skip


# -- the screen -------------------------------------------------------------------------------


def test_setup_mode_skips_the_screen(qtbot: QtBot, screen: SignInScreen) -> None:
    with qtbot.waitSignal(screen.setup_mode, timeout=WAIT_MS):
        screen.load()
    assert screen.name_buttons == {}


def test_a_nurse_signs_in_with_her_pin_which_is_never_shown_or_logged(
    qtbot: QtBot,
    screen: SignInScreen,
    flow: SignInFlow,
    with_staff: tuple[StaffMember, StaffMember],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    _admin, nurse = with_staff
    screen.load()
    qtbot.waitUntil(lambda: len(screen.name_buttons) == 2, timeout=WAIT_MS)
    assert screen.name_buttons["dana"].text() == "Дана Омарова"
    assert not screen.ok_key.isEnabled() and not screen.digit_keys["1"].isEnabled()

    qtbot.mouseClick(screen.name_buttons["dana"], Qt.MouseButton.LeftButton)
    assert screen.selected == nurse and screen.name_buttons["dana"].isChecked()
    assert "Дана Омарова" in screen.prompt.text()
    type_pin(qtbot, screen, NURSE_PIN)
    assert screen.dots.text() == DOT * 4
    texts = [label.text() for label in screen.findChildren(QLabel)]
    texts += [label.accessibleName() for label in screen.findChildren(QLabel)]
    assert not any(NURSE_PIN in text for text in texts)
    assert screen.ok_key.isEnabled()

    with qtbot.waitSignal(screen.signed_in, timeout=WAIT_MS) as signed:
        qtbot.mouseClick(screen.ok_key, Qt.MouseButton.LeftButton)
    assert signed.args == [nurse]
    assert flow.current == nurse
    assert screen.pin_length == 0 and screen.message.text() == ""
    assert not any(NURSE_PIN in record.getMessage() for record in caplog.records)


def test_a_wrong_pin_says_so_and_keys_work_from_a_keyboard_too(
    qtbot: QtBot, screen: SignInScreen, with_staff: tuple[StaffMember, StaffMember]
) -> None:
    screen.load()
    qtbot.waitUntil(lambda: len(screen.name_buttons) == 2, timeout=WAIT_MS)
    screen.name_buttons["aigerim"].click()
    qtbot.keyClicks(screen, "12345")
    qtbot.keyClick(screen, Qt.Key.Key_Backspace)
    assert screen.pin_length == 4
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.text() != "", timeout=WAIT_MS)
    assert screen.message.text() == translate("access.wrong_pin", "en")
    assert screen.pin_length == 0 and screen.digit_keys["5"].isEnabled()


def test_a_locked_name_shows_a_translated_countdown_and_its_pad_is_off(
    qtbot: QtBot,
    screen: SignInScreen,
    translations: Translations,
    with_staff: tuple[StaffMember, StaffMember],
) -> None:
    screen.load()
    qtbot.waitUntil(lambda: len(screen.name_buttons) == 2, timeout=WAIT_MS)
    screen.name_buttons["dana"].click()
    for _ in range(staff.FREE_TRIES):
        type_pin(qtbot, screen, "0000")
        qtbot.mouseClick(screen.ok_key, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.locked_seconds() > 0, timeout=WAIT_MS)
    first = screen.locked_seconds()
    assert first == int(staff.FIRST_LOCK.total_seconds())
    assert screen.message.text() == translate("access.locked_out", "en", seconds=first)
    assert not any(key.isEnabled() for key in screen.keys_in_order())

    translations.use("kk")  # Qt posts the LanguageChange event
    qtbot.waitUntil(lambda: screen.language == "kk", timeout=WAIT_MS)
    assert screen.message.text() == translate(
        "access.locked_out", "kk", seconds=screen.locked_seconds()
    )
    counting = translate("access.locked_out", "kk", seconds=first - 1)
    qtbot.waitUntil(lambda: screen.message.text() == counting, timeout=3000)  # it counts down

    screen.name_buttons["aigerim"].click()  # another name is not locked
    assert screen.message.text() == "" and screen.digit_keys["1"].isEnabled()


def test_every_control_has_a_name_and_is_finger_sized(
    qtbot: QtBot, screen: SignInScreen, with_staff: tuple[StaffMember, StaffMember]
) -> None:
    screen.load()
    qtbot.waitUntil(lambda: len(screen.name_buttons) == 2, timeout=WAIT_MS)
    for button in screen.findChildren(QPushButton):
        assert button.accessibleName(), button.objectName()
        assert button.width() >= 48 and button.height() >= 48, button.objectName()


def test_demo_staff_get_accounts_with_pins_nobody_knows(backend: Backend, flow: SignInFlow) -> None:
    members = (("aigerim", "Әйгерім", "administrator"), ("dana", "Дана", "nurse"))
    added = backend.runtime.write(add_demo_staff, members).result(timeout=10)
    assert [(m.username, m.role) for m in added] == [
        ("aigerim", Role.ADMINISTRATOR), ("dana", Role.NURSE),
    ]  # fmt: skip
    assert [m.username for m in flow.load().result(timeout=10).staff] == ["aigerim", "dana"]
    with pytest.raises(SignInRefused):
        flow.sign_in("dana", "0000").result(timeout=10)
