"""The nurse's whole visit through the real window, without a physical keyboard: the demo's
simulated devices (the contec-v7 oximeter on a pseudo-terminal, the Bluetooth cuff and
thermometer in an emulated room), the patient and the free text typed on the docked
on-screen keyboard, the vitals on the numeric keypad, complaints, the NEWS2 band, review,
save — and the visit in the store's outbox and back on Home. Only the display is offscreen.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from drivers.contec_v7.simulator import pleth_shape
from kiosk.domain import DeviceIdentity, Measurement
from kiosk.events import ReadingArrived
from kiosk.store import Store
from tests.ui.test_keyboard import KAZAKH, press
from ui.app import Backend
from ui.main_window import MainWindow
from ui.qt import QPushButton, Qt

DEVICE_WAIT_MS = 30_000
SAVE_WAIT_MS = 10_000


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def keypad(qtbot: QtBot, window: MainWindow, key: str, text: str) -> None:
    """Touch the field, then its digits on the keypad beside it, then OK."""
    manual = window.visit_screen.manual
    click(qtbot, window.visit_screen.section_buttons["manual"])
    qtbot.mouseClick(manual.fields[key], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manual.keypad.target() is manual.fields[key])
    for char in text:
        name = "separator" if char in ".," else char
        click(qtbot, manual.keypad.keys[name])
    click(qtbot, manual.keypad.ok_key)


def type_on_keyboard(qtbot: QtBot, window: MainWindow, field: object, text: str) -> None:
    """Touch the field; the keyboard docks; press each key (Shift before a capital)."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(window.keyboard.isVisible)
    keyboard = window.keyboard
    if keyboard.layout_name() == "numeric":
        press(qtbot, keyboard, "Letters")
    while keyboard.layout_name() != "kk":
        press(qtbot, keyboard, "Switch language")
    for char in text:
        if char.isdigit() or char == "-":
            if keyboard.layout_name() != "numeric":
                press(qtbot, keyboard, "Numbers")
            press(qtbot, keyboard, char)
            continue
        if keyboard.layout_name() == "numeric":
            press(qtbot, keyboard, "Letters")
        if char == " ":
            press(qtbot, keyboard, "Space")
            continue
        if char != char.lower():
            press(qtbot, keyboard, "Shift")
        press(qtbot, keyboard, char)


def new_visit(qtbot: QtBot, window: MainWindow) -> None:
    """Home's "New visit"; without the finder it opens the visit on the patient's fields."""
    button = window.optional.new_visit_button
    assert button is not None
    if window.has_page("finder"):
        window.open_visit("patient")  # the finder is the other screen's own test
    else:
        click(qtbot, button)
    assert window.current == "visit" and window.visit_screen.section == "patient"


def test_a_whole_visit_with_devices_keypad_keyboard_complaints_and_news2(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    backend.start_demo_devices(
        bp_every=1.0, temperature_every=1.0, oximeter={"spo2": 93, "pulse": 64}
    )
    new_visit(qtbot, window)
    type_on_keyboard(qtbot, window, window.family, "Әбенова")
    type_on_keyboard(qtbot, window, window.given, "Айгерім")
    type_on_keyboard(qtbot, window, window.birth_date, "1984-02-29")
    assert (window.family.text(), window.given.text()) == ("Әбенова", "Айгерім")
    assert window.birth_date.text() == "1984-02-29"

    click(qtbot, window.visit_screen.section_buttons["devices"])
    assert not window.keyboard.isVisible()  # the focus left the text fields
    qtbot.waitUntil(lambda: window.bp_tile.value.text() == "120/80", timeout=DEVICE_WAIT_MS)
    qtbot.waitUntil(lambda: window.thermometer_tile.value.text() == "36.4", timeout=DEVICE_WAIT_MS)
    qtbot.waitUntil(lambda: window.tile.spo2_value.text() == "93", timeout=DEVICE_WAIT_MS)
    click(qtbot, window.language_buttons["kk"])  # numbers in the locale's form
    assert window.thermometer_tile.value.text() == "36,4"
    click(qtbot, window.language_buttons["en"])
    assert window.thermometer_tile.value.text() == "36.4"

    keypad(qtbot, window, "resp_rate", "16")
    assert window.visit_screen.manual.fields["resp_rate"].text() == "16"
    assert not window.keyboard.isVisible()  # number fields get the keypad, not the keyboard
    click(qtbot, window.visit_screen.section_buttons["answers"])
    click(qtbot, window.visit_screen.manual.consciousness_buttons["alert"])
    click(qtbot, window.visit_screen.manual.oxygen_buttons[False])

    click(qtbot, window.visit_screen.section_buttons["complaints"])
    click(qtbot, window.visit_screen.complaints.buttons["cough"])
    type_on_keyboard(qtbot, window, window.visit_screen.complaints.text, KAZAKH)
    assert window.visit_screen.complaints.text.toPlainText() == KAZAKH

    panel = window.visit_screen.panel
    qtbot.waitUntil(lambda: panel.total.text() == "2")  # SpO2 93 on air: 2 points
    assert panel.colour == "green" and panel.band.text() == "Low risk"

    click(qtbot, window.visit_screen.section_buttons["devices"])  # puts the keyboard away
    qtbot.waitUntil(window.review_button.isVisible)
    click(qtbot, window.review_button)
    assert window.current == "review"
    review = window.review.texts
    assert "Әбенова Айгерім" in review["patient"].text()
    assert "Breaths, /min: 16 typed" in review["values"].text()
    assert "Cough" in review["complaints"].text() and KAZAKH in review["complaints"].text()
    click(qtbot, window.save_button)

    qtbot.waitUntil(lambda: window.current == "home", timeout=SAVE_WAIT_MS)
    assert window.message.property("kind") == "info"
    qtbot.waitUntil(lambda: window.unsynced.text() == "Visits not yet sent: 1")
    with Store(backend.config.store_path) as store:
        (encounter,) = store.query("SELECT id, status FROM encounters")
        readings = store.query(
            "SELECT type, value, source FROM readings WHERE encounter_id = ?", (encounter["id"],)
        )
        outbox = store.query(
            "SELECT kind FROM outbox WHERE kind = 'encounter' AND ref = ?", (encounter["id"],)
        )
        details = store.query(
            "SELECT * FROM encounter_details WHERE encounter_id = ?", (encounter["id"],)
        )
        score = store.query("SELECT kind, total FROM encounter_scores")
        drafts = store.scalar("SELECT count(*) FROM visit_drafts")
    assert encounter["status"] == "finished" and len(outbox) == 1
    kinds = {(r["type"], r["source"]) for r in readings}
    assert {("resp_rate", "manual"), ("spo2", "device"), ("systolic_bp", "device")} <= kinds
    assert ("body_temp", "device") in kinds
    assert details and KAZAKH in str(details[0])
    assert [(s["kind"], s["total"]) for s in score] == [("news2", 2)]
    assert drafts == 0  # the saved visit's draft went with the save
    home = window.page("home")
    if hasattr(home, "visit_rows"):  # the home screen lists today's visits
        qtbot.waitUntil(
            lambda: any(
                "Әбенова" in (home.visit_rows.itemAt(i).widget().text() or "")
                for i in range(home.visit_rows.count())
                if isinstance(home.visit_rows.itemAt(i).widget(), QPushButton)
            ),
            timeout=SAVE_WAIT_MS,
        )


GOLDEN = {  # clinical.md §1.3: RR, SpO2, O2, SBP, pulse, ACVPU, temp -> total, colour
    "A": (("16", "97", False, "125", "72", "alert", "36.8"), "0", "green"),
    "D": (("8", "97", False, "130", "80", "alert", "37.0"), "3", "amber"),
    "F": (("22", "94", False, "100", "95", "alert", "37.0"), "6", "amber"),
    "G": (("24", "93", True, "105", "115", "alert", "38.6"), "10", "red"),
}


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_the_news2_band_of_the_golden_cases(qtbot: QtBot, window: MainWindow, case: str) -> None:
    (rr, spo2, oxygen, sbp, pulse, level, temp), total, colour = GOLDEN[case]
    new_visit(qtbot, window)
    qtbot.keyClicks(window.birth_date, "1970-05-01")
    for key, text in (
        ("resp_rate", rr),
        ("spo2", spo2),
        ("systolic_bp", sbp),
        ("pulse_rate", pulse),
        ("body_temp", temp),
    ):
        keypad(qtbot, window, key, text)
    click(qtbot, window.visit_screen.section_buttons["answers"])
    click(qtbot, window.visit_screen.manual.consciousness_buttons[level])
    click(qtbot, window.visit_screen.manual.oxygen_buttons[oxygen])
    panel = window.visit_screen.panel
    assert (panel.total.text(), panel.colour) == (total, colour)
    advice = panel.advice.text()
    expected = {"green": "Low risk", "amber": "urgent", "red": "Call for transfer"}[colour]
    assert expected in advice


def test_an_unusual_value_must_be_confirmed_and_an_impossible_one_is_refused(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    new_visit(qtbot, window)
    for field, text in ((window.family, "Ivanov"), (window.given, "Pyotr")):
        qtbot.keyClicks(field, text)
    qtbot.keyClicks(window.birth_date, "1970-05-01")
    manual = window.visit_screen.manual
    keypad(qtbot, window, "body_temp", "98.6")  # °F typed as °C
    assert manual.notes["body_temp"].text() == "Not possible: check it and type again"
    click(qtbot, window.review_button)
    click(qtbot, window.save_button)
    assert "not possible" in window.message.text()
    assert "Temperature, °C" in window.message.text()
    assert window.current == "visit" and window.visit_screen.section == "manual"

    click(qtbot, window.visit_screen.section_buttons["manual"])
    qtbot.mouseClick(manual.fields["body_temp"], Qt.MouseButton.LeftButton)
    for _ in range(4):
        click(qtbot, manual.keypad.backspace_key)
    for char in "33.5":
        click(qtbot, manual.keypad.keys["separator" if char == "." else char])
    assert manual.notes["body_temp"].text() == "Unusual: confirm or measure again"
    click(qtbot, window.review_button)
    assert "(unusual!)" in window.review.texts["values"].text()
    click(qtbot, window.save_button)
    assert "Confirm or correct" in window.message.text()
    assert window.current == "visit" and window.visit_screen.section == "manual"

    click(qtbot, manual.confirm_buttons["body_temp"])
    assert manual.notes["body_temp"].text() == "Unusual, confirmed"
    click(qtbot, window.review_button)
    click(qtbot, window.save_button)
    qtbot.waitUntil(lambda: window.current == "home", timeout=SAVE_WAIT_MS)
    with Store(backend.config.store_path) as store:
        (row,) = store.query(
            "SELECT r.value, c.verdict, c.confirmed_by FROM readings r "
            "JOIN reading_checks c ON c.reading_id = r.id"
        )
    assert (row["value"], row["verdict"], row["confirmed_by"]) == (33.5, "implausible", "nurse")


def test_a_consultation_is_requested_from_the_review_and_saved_with_the_visit(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    new_visit(qtbot, window)
    qtbot.keyClicks(window.family, "Ivanov")
    qtbot.keyClicks(window.given, "Pyotr")
    qtbot.keyClicks(window.birth_date, "1970-05-01")
    keypad(qtbot, window, "resp_rate", "25")  # 3 points: a single 3, amber
    keypad(qtbot, window, "pulse_rate", "88")
    click(qtbot, window.review_button)
    click(qtbot, window.review.consult_button)
    assert window.current == "consult"
    page = window.optional.consult
    assert page is not None
    assert page.urgency_buttons["urgent"].isChecked()  # suggested by the amber band
    assert set(page.attachment_buttons) == {"resp_rate", "pulse_rate"}
    click(qtbot, page.attachment_buttons["pulse_rate"])  # only the breathing goes with it
    click(qtbot, page.add_button)
    assert page.note.text() == "Choose the specialist to ask."
    click(qtbot, page.specialty_buttons["therapist"])
    click(qtbot, page.add_button)
    assert "question" in page.note.text().lower()  # refused: no question yet
    type_on_keyboard(qtbot, window, page.question, "Жөтел, ентігу")
    click(qtbot, page.add_button)

    assert window.current == "review"
    assert "therapist" in window.review.consult_note.text()
    click(qtbot, window.save_button)
    qtbot.waitUntil(lambda: window.current == "home", timeout=SAVE_WAIT_MS)
    with Store(backend.config.store_path) as store:
        (consult,) = store.query(
            "SELECT id, encounter_id, specialty, urgency, question FROM consults"
        )
        attachments = store.query(
            "SELECT a.kind, r.type FROM consult_attachments a JOIN readings r ON r.id = a.ref"
        )
        (encounter,) = store.query("SELECT id, status FROM encounters")
    assert (consult["specialty"], consult["urgency"]) == ("therapist", "urgent")
    assert consult["question"] == "Жөтел, ентігу" and consult["encounter_id"] == encounter["id"]
    assert encounter["status"] == "finished"
    assert [(a["kind"], a["type"]) for a in attachments] == [("reading", "resp_rate")]


def test_the_oximeter_tile_draws_the_pleth_waveform(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    """Pleth samples as the contec-v7 parser delivers them with ``waveform=True`` (the plugin
    API opens sessions without it today), published on the core's real event bus from the
    I/O thread, reach the tile at full rate, not the bridge's ten per second."""
    window.open_visit("devices")
    view = window.visit_screen.pleth
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.drawn == 0)  # nothing yet: a flat grey line
    identity = DeviceIdentity(driver_id="contec-v7", key="contec-v7-X", port="/dev/pts/9")
    shape = [5 + round(90 * pleth_shape(i / 60)) for i in range(120)]

    def publish() -> None:
        for value in shape:
            measurement = Measurement("contec-v7", "pleth", value, None)
            backend.runtime.events.reading_did_arrive.emit(ReadingArrived(measurement, identity))

    async def on_the_io_thread() -> None:
        publish()

    backend.runtime.run_io(on_the_io_thread()).result(timeout=5)
    qtbot.waitUntil(lambda: view.drawn == 120)
    assert window.pleth.samples() == [float(v) for v in shape]
    assert max(shape) - min(shape) > 60  # a pulse wave, not a flat line
