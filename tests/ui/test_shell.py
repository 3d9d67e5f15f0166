"""The navigation shell with the other parts of the kiosk wired in: staff sign-in first (and
again when the screen locks), the signed-in name in the top bar, confirmations recorded in
that member's name, Home → visit → review → Home, and the way back. Real store, runtime and
sign-in flow; only the display is offscreen."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from kiosk.store import Store
from tests.ui.screens.test_visit_flow import click, keypad, new_visit
from ui.app import SCREEN_SIZE, Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow

PIN = "482916"


@pytest.fixture
def staffed(backend: Backend) -> None:
    staff = pytest.importorskip("kiosk.security.staff")
    with Store(backend.config.store_path) as store:
        staff.add_staff(
            store,
            username="aigerim",
            display_name="Айгерім Сейітова",
            role="administrator",
            pin=PIN,
            now=dt.datetime.now(dt.UTC),
            by=None,
        )


def test_sign_in_comes_first_and_the_member_confirms_values(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    staffed: None,
) -> None:
    flow_module = pytest.importorskip("kiosk.sign_in_flow")
    window = MainWindow(
        backend.quick_visit(),
        bridge,
        translations,
        "en",
        sign_in=flow_module.SignInFlow(backend.runtime),
    )
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    assert window.current == "sign_in" and not window.user.isVisible()
    screen = window.optional.sign_in
    qtbot.waitUntil(lambda: len(screen.staff) == 1)
    screen.choose(screen.staff[0])
    for digit in PIN:
        screen.press_digit(digit)
    screen.submit()
    qtbot.waitUntil(lambda: window.current == "home")
    assert window.user.text() == "Signed in: Айгерім Сейітова"

    new_visit(qtbot, window)
    qtbot.keyClicks(window.family, "Ivanov")
    qtbot.keyClicks(window.given, "Pyotr")
    qtbot.keyClicks(window.birth_date, "1970-05-01")
    keypad(qtbot, window, "spo2", "69")
    click(qtbot, window.visit_screen.manual.confirm_buttons["spo2"])
    window.optional.lock()  # the idle lock: the work stays behind the sign-in screen
    assert window.current == "sign_in" and window.model.form.typed == {"spo2": "69"}
    qtbot.waitUntil(lambda: len(screen.staff) == 1)
    screen.choose(screen.staff[0])
    for digit in PIN:
        screen.press_digit(digit)
    screen.submit()
    qtbot.waitUntil(lambda: window.current == "visit")  # back where the nurse was
    click(qtbot, window.review_button)
    click(qtbot, window.save_button)
    qtbot.waitUntil(lambda: window.current == "home")
    with Store(backend.config.store_path) as store:
        confirmed = store.scalar("SELECT confirmed_by FROM reading_checks")
    assert confirmed == "aigerim"


def test_the_way_back_and_home(qtbot: QtBot, window: MainWindow) -> None:
    assert window.current == "home" and window.trail == []
    new_visit(qtbot, window)
    click(qtbot, window.review_button)
    assert window.current == "review"
    click(qtbot, window.footer.nav_back)
    assert window.current == "visit"
    click(qtbot, window.footer.nav_back)
    assert window.current == "home"
    assert window.footer.isVisible()  # Home keeps the message area (empty: no message row)
    for page in ("visit", "review"):
        window.go(page)
        assert window.title.text()
    window.home()
    assert window.trail == [] and window.current == "home"


def test_another_member_never_sees_the_page_the_lock_covered(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    staffed: None,
) -> None:
    flow_module = pytest.importorskip("kiosk.sign_in_flow")
    staff = pytest.importorskip("kiosk.security.staff")
    with Store(backend.config.store_path) as store:
        admin = staff.list_staff(store)[0]
        staff.add_staff(
            store, username="dana", display_name="Дана", role="nurse", pin="135790",
            now=dt.datetime.now(dt.UTC), by=admin,
        )  # fmt: skip
    window = MainWindow(
        backend.quick_visit(), bridge, translations, "en",
        sign_in=flow_module.SignInFlow(backend.runtime),
    )  # fmt: skip
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    screen = window.optional.sign_in

    def sign_in_as(username: str, pin: str) -> None:
        qtbot.waitUntil(lambda: len(screen.staff) == 2)
        screen.choose(next(m for m in screen.staff if m.username == username))
        for digit in pin:
            screen.press_digit(digit)
        screen.submit()

    sign_in_as("aigerim", PIN)
    qtbot.waitUntil(lambda: window.current == "home")
    new_visit(qtbot, window)
    qtbot.keyClicks(window.family, "Ivanov")
    window.optional.lock()
    sign_in_as("dana", "135790")
    # Dana lands on Home, then is offered Aigerim's unfinished visit (kept as a draft at
    # the lock), as after a power cut: nothing typed is lost, nothing is shown unasked.
    qtbot.waitUntil(lambda: window.current == "resume")
    assert window.family.text() == "" and window.model.form.is_empty
    with Store(backend.config.store_path) as store:
        assert store.scalar("SELECT count(*) FROM visit_drafts") == 1
