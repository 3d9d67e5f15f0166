"""The quick-visit screen against real peers: the contec-v7 simulator on a pseudo-terminal,
the real driver session, runtime and store. Only the display is offscreen."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.device_api import ConnectionState
from kiosk.events import ReadingArrived
from kiosk.i18n import translate
from kiosk.store import Store
from ui.app import Backend
from ui.main_window import MainWindow
from ui.qt import Qt

SIM_SPO2, SIM_PULSE = 93, 64
DEVICE_WAIT_MS = 15_000


class SentValues:
    """What the device session delivered, as seen on the core's event bus."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.values: dict[str, set[str]] = {"spo2": set(), "pulse_rate": set()}

    def __call__(self, reading: ReadingArrived) -> None:
        measurement = reading.measurement
        if measurement.type in self.values and measurement.value is not None:
            with self._lock:
                self.values[measurement.type].add(f"{measurement.value:.0f}")

    def of(self, kind: str) -> set[str]:
        with self._lock:
            return set(self.values[kind])


def start_oximeter(backend: Backend) -> SentValues:
    sent = SentValues()
    backend.runtime.events.reading_did_arrive.connect(sent)
    backend.start_demo_device(spo2=SIM_SPO2, pulse=SIM_PULSE)
    return sent


def wait_for_vitals(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.tile
    qtbot.waitUntil(
        lambda: tile.spo2_value.text().isdigit() and tile.pulse_value.text().isdigit(),
        timeout=DEVICE_WAIT_MS,
    )


def type_patient(qtbot: QtBot, window: MainWindow, birth_date: str) -> None:
    """The visit page, its patient section, the three fields typed."""
    window.open_visit("patient")
    qtbot.keyClicks(window.family, "Abenova")
    qtbot.keyClicks(window.given, "Aigerim")
    qtbot.keyClicks(window.birth_date, birth_date)


def review_and_save(qtbot: QtBot, window: MainWindow) -> None:
    """Review, then Save on the review page (the visit's two last touches)."""
    qtbot.mouseClick(window.review_button, Qt.MouseButton.LeftButton)
    assert window.current == "review" and window.save_button.isVisible()
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)


def stored_rows(store_path: Path) -> dict[str, int]:
    with Store(store_path) as store:
        return {
            table: int(store.scalar(f"SELECT count(*) FROM {table}"))
            for table in ("patients", "encounters", "readings")
        }


def test_the_simulator_reading_shows_on_the_tile(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    sent = start_oximeter(backend)

    wait_for_vitals(qtbot, window)

    tile = window.tile
    assert tile.spo2_value.text() in sent.of("spo2")
    assert abs(int(tile.spo2_value.text()) - SIM_SPO2) <= 1
    assert tile.pulse_value.text() in sent.of("pulse_rate")
    assert tile.state.property("state") == str(ConnectionState.CONNECTED)
    assert tile.state.text() == "Connected"


def test_save_stores_a_finished_encounter_with_the_live_vitals(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    start_oximeter(backend)
    wait_for_vitals(qtbot, window)
    type_patient(qtbot, window, "1984-02-29")

    review_and_save(qtbot, window)

    qtbot.waitUntil(lambda: window.unsynced.text() == "Visits not yet sent: 1")
    with Store(backend.config.store_path) as store:
        encounters = store.query("SELECT id, status FROM encounters")
        readings = store.query("SELECT type, value, source FROM readings")
        outbox = store.query("SELECT kind FROM outbox WHERE kind = 'encounter'")
        patients = store.query("SELECT family, given, birth_date FROM patients")
    assert [row["status"] for row in encounters] == ["finished"]
    assert sorted(row["type"] for row in readings) == ["pulse_rate", "spo2"]
    assert {row["source"] for row in readings} == {"device"}
    assert len(outbox) == 1
    assert patients == [{"family": "Abenova", "given": "Aigerim", "birth_date": "1984-02-29"}]
    assert window.message.property("kind") == "info"
    assert window.family.text() == window.birth_date.text() == ""
    assert window.current == "home"  # back to Home, where the visit is listed


def test_a_bad_birth_date_shows_a_message_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    start_oximeter(backend)
    wait_for_vitals(qtbot, window)
    type_patient(qtbot, window, "1984-13-01")

    review_and_save(qtbot, window)

    assert window.message.text() == translate("patient.bad_birth_date", "en", value="1984-13-01")
    assert window.message.property("kind") == "error"
    # the patient's page, the message in full view: no focus, so no keyboard over it
    assert window.current == "visit" and window.visit_screen.section == "patient"
    assert window.message.isVisible() and not window.keyboard.isVisible()
    assert stored_rows(backend.config.store_path) == {"patients": 0, "encounters": 0, "readings": 0}
    assert window.unsynced.text() == "Visits not yet sent: 0"


def test_without_a_device_save_explains_there_is_nothing_to_record(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    type_patient(qtbot, window, "1984-02-29")

    review_and_save(qtbot, window)

    assert window.message.text() == translate("encounter.empty", "en")
    assert window.tile.state.text() == "No device connected"
    assert stored_rows(backend.config.store_path)["patients"] == 0


def test_switching_language_retranslates_the_screen_and_the_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_visit("patient")
    qtbot.keyClicks(window.birth_date, "yesterday")
    review_and_save(qtbot, window)
    assert window.save_button.text() == "Save"

    qtbot.mouseClick(window.language_buttons["ru"], Qt.MouseButton.LeftButton)

    assert window.save_button.text() == "Сохранить"
    assert window.family_label.text() == "Фамилия"
    assert window.message.text() == translate("patient.name_required", "ru")
    assert window.tile.state.text() == "Устройство не подключено"
    assert window.language_buttons["ru"].isChecked()

    qtbot.mouseClick(window.language_buttons["kk"], Qt.MouseButton.LeftButton)

    assert window.save_button.text() == "Сақтау"
    assert window.unsynced.text() == "Әлі жіберілмеген қабылдаулар: 0"
    assert window.message.text() == translate("patient.name_required", "kk")


def test_an_unplugged_device_shows_why_in_the_current_language(
    qtbot: QtBot, window: MainWindow, backend: Backend
) -> None:
    start_oximeter(backend)
    wait_for_vitals(qtbot, window)
    window.set_language("ru")

    backend.simulator.unplug()  # type: ignore[union-attr]

    def shows_current_reason() -> bool:
        status = backend.live.statuses()[0]
        expected = "Отключено: " + translate(str(status.reason), "ru", port=status.port)
        return status.state is ConnectionState.DISCONNECTED and window.tile.state.text() == expected

    qtbot.waitUntil(shows_current_reason, timeout=DEVICE_WAIT_MS)
    assert window.tile.spo2_value.text() == "—"


def test_the_window_fits_the_kiosk_screen_with_touch_sized_controls(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.minimumSizeHint().width() <= 1024
    assert window.minimumSizeHint().height() <= 600
    pressable = [window.save_button, *window.language_buttons.values()]
    pressable += [window.family, window.given, window.birth_date]
    assert all(widget.height() >= 48 for widget in pressable)
    assert all(widget.accessibleName() for widget in pressable)
    picture = tmp_path / "window.png"
    assert window.grab().save(str(picture))
    assert picture.stat().st_size > 0
