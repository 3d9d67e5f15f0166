"""Find or register against a real store: cross-script search as you type, duplicates,
an estimated age, IIN feedback, signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk import services
from kiosk.domain import utc_now
from kiosk.patient_finder import FinderModel
from kiosk.store import Store
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.qt import QPushButton, Qt, QWidget
from ui.screens.patient_finder import PatientFinder


def add(store: Store, family: str, given: str, birth: dt.date) -> str:
    now = utc_now()
    return services.register_patient(
        store, family=family, given=given, birth_date=birth, now=now
    ).id


def rows(screen: QWidget, name: str) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton, name) if b.isVisible()]


@pytest.fixture
def show(qtbot: QtBot, backend: Backend, bridge: QtBridge) -> Iterator[Callable[[], PatientFinder]]:
    """Shows the screen on demand; closes it before the backend stops (no late timers)."""
    shown: list[PatientFinder] = []

    def make() -> PatientFinder:
        screen = PatientFinder(FinderModel(backend.runtime), bridge)
        qtbot.addWidget(screen)
        screen.resize(1024, 600)
        screen.show()
        shown.append(screen)
        return screen

    yield make
    for screen in shown:
        screen.close()


def test_search_as_you_type_across_scripts(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], PatientFinder],
) -> None:
    translations.use("en")
    kasymov = backend.runtime.write(add, "Қасымов", "Ерлан", dt.date(1985, 3, 14)).result()
    smith = backend.runtime.write(add, "Smith", "John", dt.date(1970, 1, 2)).result()
    screen = show()
    for letter in "Kasym":
        qtbot.keyClicks(screen.search_field, letter)
    qtbot.waitUntil(lambda: len(rows(screen, "resultRow")) == 1)
    row = rows(screen, "resultRow")[0]
    assert row.text().startswith("Қасымов Ерлан · ") and "14/03/1985" in row.text()
    assert row.height() >= 48 and row.accessibleName().startswith("Choose ")
    with qtbot.waitSignal(screen.patient_chosen) as chosen:
        row.click()
    assert chosen.args == [kasymov]
    assert screen.search_field.text() == "" and rows(screen, "resultRow") == []  # next patient
    for letter in "Смит":  # QTest types ASCII only; insert() is what the on-screen keyboard does
        screen.search_field.insert(letter)
    qtbot.waitUntil(
        lambda: [r.text().split(" · ")[0] for r in rows(screen, "resultRow")] == ["Smith John"]
    )
    with qtbot.waitSignal(screen.patient_chosen) as chosen:
        rows(screen, "resultRow")[0].click()
    assert chosen.args == [smith]
    with qtbot.waitSignal(screen.cancelled):
        screen.cancel_button.click()


def test_duplicate_warning_then_choose_the_existing_patient(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], PatientFinder],
) -> None:
    translations.use("en")
    kasymov = backend.runtime.write(add, "Қасымов", "Ерлан", dt.date(1985, 3, 14)).result()
    screen = show()
    qtbot.keyClicks(screen.search_field, "Kasymov Erlan")
    screen.register_new_button.click()
    assert screen.fields["family"].text() == "Kasymov" and screen.fields["given"].text() == "Erlan"
    qtbot.keyClicks(screen.fields["birth_date"], "14.03.1985")
    screen.register_button.click()
    qtbot.waitUntil(lambda: len(rows(screen, "candidateRow")) == 1)
    assert screen.message.text() == (
        "A patient with the same name and birth date is already registered."
    )
    assert screen.confirm_button.isVisible()
    with qtbot.waitSignal(screen.patient_chosen) as chosen:
        rows(screen, "candidateRow")[0].click()
    assert chosen.args == [kasymov]


def test_register_anyway_with_an_estimated_age(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], PatientFinder],
) -> None:
    translations.use("en")
    backend.runtime.write(add, "Нұрланов", "Асқар", dt.date(1981, 5, 1)).result()
    screen = show()
    screen.show_registration()
    qtbot.keyClicks(screen.fields["family"], "Nurlanov")
    qtbot.keyClicks(screen.fields["given"], "Askar")
    qtbot.keyClicks(screen.fields["age"], "about 45")
    assert "Estimated birth date:" in screen.feedback.text()
    assert "marked as estimated" in screen.feedback.text()
    screen.register_button.click()
    qtbot.waitUntil(screen.confirm_button.isVisible)
    with qtbot.waitSignal(screen.patient_chosen) as chosen:
        screen.confirm_button.click()
    new_id = chosen.args[0]
    assert screen.pages.currentIndex() == 0 and screen.fields["age"].text() == ""
    rows_ = backend.runtime.read(
        lambda store: store.query(
            "SELECT birth_date_estimated FROM patients WHERE id = ?", (new_id,)
        )
    ).result()
    assert rows_ == [{"birth_date_estimated": 1}]


def test_iin_feedback_while_typing(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], PatientFinder],
) -> None:
    translations.use("en")
    screen = show()
    screen.show_registration()
    qtbot.keyClicks(screen.fields["iin"], "850314301235")
    assert "check digit does not match" in screen.feedback.text()
    screen.fields["iin"].clear()
    qtbot.keyClicks(screen.fields["iin"], "850314301234")
    screen.sex_buttons["female"].click()
    text = screen.feedback.text()
    assert "The IIN is valid: 14/03/1985, male." in text
    assert "The sex inside the IIN differs from the sex chosen." in text
    for button in screen.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 48 and button.accessibleName(), button.objectName()


def test_the_form_fits_the_smallest_screen_in_every_language(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], PatientFinder],
) -> None:
    screen = show()
    screen.show_registration()
    register = {"kk": "Тіркеу", "ru": "Зарегистрировать", "en": "Register"}
    try:
        for language in ("kk", "ru", "en"):
            translations.use(language)
            qtbot.waitUntil(lambda lang=language: screen.register_button.text() == register[lang])
            hint = screen.minimumSizeHint()
            assert hint.width() <= 1024 and hint.height() <= 600, (language, hint)
    finally:
        translations.use("en")


def test_registering_with_kazakh_chosen_stores_kk(
    qtbot: QtBot,
    backend: Backend,
    bridge: QtBridge,
    translations: Translations,
    show: Callable[[], PatientFinder],
) -> None:
    translations.use("ru")
    try:
        screen = show()
        screen.show_registration()
        choice = screen.language_choice
        assert choice.buttons["ru"].isChecked()  # the screen's language by default
        assert [choice.buttons[c].text() for c in ("kk", "ru", "en")] == [
            "Қазақша", "Русский", "English",
        ]  # fmt: skip
        for button in choice.buttons.values():
            assert button.isVisible() and button.height() >= 48 and button.accessibleName()
        qtbot.mouseClick(choice.buttons["kk"], Qt.MouseButton.LeftButton)
        translations.use("en")  # the nurse's choice outlives a switch of the screen language
        qtbot.waitUntil(lambda: screen.register_button.text() == "Register")
        assert choice.buttons["kk"].isChecked() and not choice.buttons["en"].isChecked()
        screen.fields["family"].setText("Тілеуова")  # keyClicks types ASCII only
        screen.fields["given"].setText("Гүлнар")
        qtbot.keyClicks(screen.fields["birth_date"], "02.04.1990")
        with qtbot.waitSignal(screen.patient_chosen) as chosen:
            screen.register_button.click()
        stored = backend.runtime.read(
            lambda store: store.scalar(
                "SELECT language FROM patients WHERE id = ?", (chosen.args[0],)
            )
        ).result()
        assert stored == "kk"
        assert choice.buttons["en"].isChecked()  # a new form starts from the screen's language
    finally:
        translations.use("en")
