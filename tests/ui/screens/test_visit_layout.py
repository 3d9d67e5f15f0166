"""Every page and section of the visit workflow lays out at 1024×600 and 1920×1080 in each
language: the window's minimum fits the screen, every visible control lies inside the window,
is at least 48 px tall and has an accessible name, and no wrapped button label is cut."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.i18n import LANGUAGES
from ui.main_window import MainWindow
from ui.qt import QLineEdit, QPlainTextEdit, QPushButton, QRect, QWidget
from ui.screens.visit_style import WrapButton

SIZES = [(1024, 600), (1920, 1080)]
SECTIONS = ("patient", "devices", "manual", "answers", "complaints")


def controls(page: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for kind in (QPushButton, QLineEdit, QPlainTextEdit):
        found += [w for w in page.findChildren(kind) if w.isVisible()]
    return found


def check_page(qtbot: QtBot, window: MainWindow, where: str) -> None:
    qtbot.wait(20)
    size = window.size()
    hint = window.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height(), (where, hint)
    inside = QRect(0, 0, size.width(), size.height())
    shown = controls(window)
    assert shown, where
    for widget in shown:
        if widget.window() is not window:
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        rect = QRect(top_left, widget.size())
        name = f"{where}: {widget.objectName() or widget.accessibleName()}"
        assert inside.contains(rect), (name, rect)
        assert widget.height() >= 48, (name, widget.height())
        assert widget.accessibleName(), name
        if isinstance(widget, WrapButton):
            need = widget.label.heightForWidth(widget.label.width())
            assert need <= widget.label.height() + 2, (name, widget.text(), need)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_visit_page_fits_without_clipped_controls(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int], language: str
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    window.set_language(language)
    check_page(qtbot, window, f"home {language}")
    window.open_visit()
    for section in SECTIONS:
        window.visit_screen.show_section(section)
        check_page(qtbot, window, f"{section} {language} {size}")
    window.visit_screen.show_section("patient")
    window.family.setFocus()
    qtbot.waitUntil(window.keyboard.isVisible)
    check_page(qtbot, window, f"keyboard {language} {size}")
    window.visit_screen.show_section("complaints")
    window.visit_screen.complaints.text.setFocus()
    qtbot.waitUntil(lambda: not window.visit_screen.complaints.checklist.isVisible())
    check_page(qtbot, window, f"complaint text {language} {size}")
    window.visit_screen.section_buttons["devices"].setFocus()
    qtbot.waitUntil(lambda: not window.keyboard.isVisible())
    window.show_review()
    check_page(qtbot, window, f"review {language} {size}")
    window.set_language("en")
