"""Nothing typed is lost, through the window: the typed visit reaches the drafts table a
second after the last touch; a window that goes away without closing (the process dies)
leaves it there, and the next window offers it again — continued with everything typed,
or discarded. The real store file and runtime; only the display is offscreen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.store import Store
from tests.ui.screens.test_visit_flow import click, keypad, new_visit, type_on_keyboard
from ui.app import SCREEN_SIZE, Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow

DRAFT_WAIT_MS = 5_000


def drafts_in(backend: Backend) -> list[dict[str, object]]:
    with Store(backend.config.store_path) as store:
        return store.query("SELECT id, label, state FROM visit_drafts")


def second_window(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> MainWindow:
    shown = MainWindow(backend.quick_visit(), bridge, translations, "en")
    qtbot.addWidget(shown)
    shown.resize(*SCREEN_SIZE)
    shown.show()
    return shown


def type_a_visit(qtbot: QtBot, window: MainWindow) -> None:
    new_visit(qtbot, window)
    type_on_keyboard(qtbot, window, window.family, "Сейітқали")
    type_on_keyboard(qtbot, window, window.given, "Ұлан")
    type_on_keyboard(qtbot, window, window.birth_date, "1990-07-15")
    keypad(qtbot, window, "spo2", "69")
    click(qtbot, window.visit_screen.manual.confirm_buttons["spo2"])
    click(qtbot, window.visit_screen.section_buttons["complaints"])
    click(qtbot, window.visit_screen.complaints.buttons["fever"])


def test_an_unfinished_visit_is_offered_again_and_continued(
    qtbot: QtBot,
    window: MainWindow,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
) -> None:
    type_a_visit(qtbot, window)
    qtbot.waitUntil(lambda: len(drafts_in(backend)) == 1, timeout=DRAFT_WAIT_MS)
    qtbot.waitUntil(lambda: "fever" in str(drafts_in(backend)[0]["state"]), timeout=DRAFT_WAIT_MS)
    assert drafts_in(backend)[0]["label"] == "Сейітқали Ұлан"
    window.hide()  # the process dies here: no close, no save

    again = second_window(qtbot, backend, bridge, translations)
    qtbot.waitUntil(lambda: again.current == "resume")
    assert "Сейітқали Ұлан" in again.resume_page.question.text()
    click(qtbot, again.resume_page.resume_button)

    qtbot.waitUntil(lambda: again.current == "visit")
    assert (again.family.text(), again.given.text()) == ("Сейітқали", "Ұлан")
    manual = again.visit_screen.manual
    assert manual.fields["spo2"].text() == "69"
    assert manual.notes["spo2"].text() == "Unusual, confirmed"
    assert again.visit_screen.complaints.buttons["fever"].isChecked()
    click(qtbot, again.review_button)
    click(qtbot, again.save_button)
    qtbot.waitUntil(lambda: again.current == "home")
    assert drafts_in(backend) == []
    with Store(backend.config.store_path) as store:
        assert store.scalar("SELECT count(*) FROM encounters WHERE status = 'finished'") == 1


def test_an_unfinished_visit_can_be_discarded(
    qtbot: QtBot,
    window: MainWindow,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
) -> None:
    type_a_visit(qtbot, window)
    qtbot.waitUntil(lambda: len(drafts_in(backend)) == 1, timeout=DRAFT_WAIT_MS)
    window.hide()

    again = second_window(qtbot, backend, bridge, translations)
    qtbot.waitUntil(lambda: again.current == "resume")
    click(qtbot, again.resume_page.discard_button)
    assert again.current == "home"
    qtbot.waitUntil(lambda: drafts_in(backend) == [])


def test_cancel_visit_asks_once_more_then_forgets_the_draft(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    type_a_visit(qtbot, window)
    qtbot.waitUntil(lambda: len(drafts_in(backend)) == 1, timeout=DRAFT_WAIT_MS)
    click(qtbot, window.footer.cancel)
    assert window.current == "visit" and window.footer.cancel.text() == "Touch again to discard"
    click(qtbot, window.footer.cancel)
    assert window.current == "home"
    qtbot.waitUntil(lambda: drafts_in(backend) == [])
    assert window.model.form.is_empty and window.family.text() == ""
