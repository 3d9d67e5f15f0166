"""The history screen against a real store: visits, trends with the right points, the
visit tapped, "Print summary" to a PDF; pyqtgraph only once a history is shown."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from kiosk.domain import utc_now
from kiosk.patient_history import HistoryModel
from tests.kiosk.test_home_model import CASE_C, saved_visit
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.qt import QPushButton
from ui.screens.history import HistoryScreen

ROOT = Path(__file__).resolve().parents[3]


def three_visits(backend: Backend) -> str:
    now = utc_now()
    patient_id, _ = backend.runtime.write(saved_visit, now - dt.timedelta(days=60)).result()
    second = (CASE_C[0], ("spo2", 93, "%"), *CASE_C[2:])
    third = (("spo2", 97, "%"), ("pulse_rate", 80, "/min"))
    backend.runtime.write(
        saved_visit, now - dt.timedelta(days=20), values=second, patient_id=patient_id
    ).result()
    backend.runtime.write(
        saved_visit, now - dt.timedelta(hours=1), values=third, patient_id=patient_id
    ).result()
    return patient_id


def test_history_shows_trends_and_prints_a_summary(
    qtbot: QtBot, backend: Backend, bridge: QtBridge, translations: Translations
) -> None:
    translations.use("en")
    patient_id = three_visits(backend)
    screen = HistoryScreen(HistoryModel(backend.runtime, site="KZ-T-1"), bridge)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    screen.show_patient(patient_id)
    qtbot.waitUntil(lambda: len(screen.findChildren(QPushButton, "historyVisitRow")) == 3)
    qtbot.waitUntil(lambda: len(screen.plots) == 5)  # drawn just after the visits
    plots = {p.series.reading_type: p for p in screen.plots if p.isVisible()}
    hint = screen.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert plots["spo2"].point_count == 3
    assert plots["pulse_rate"].point_count == 3
    assert plots["resp_rate"].point_count == 2  # the third visit had no respiratory rate
    assert plots["spo2"].series.normal == (96, 100)
    assert plots["spo2"].band.scene() is not None  # the normal-range band is drawn
    assert plots["spo2"].title.text() == "Oxygen saturation (SpO2), %"
    assert screen.header.text().startswith("Қасымов Ерлан · 14/03/1985")
    assert "Oxygen saturation (SpO2): 97 %" in screen.detail.text()
    oldest = screen.findChildren(QPushButton, "historyVisitRow")[-1]
    oldest.click()
    assert "Oxygen saturation (SpO2): 95 %" in screen.detail.text()
    for button in screen.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 48 and button.accessibleName(), button.objectName()
    with qtbot.waitSignal(screen.summary_printed, timeout=10_000) as printed:
        screen.print_button.click()
    path = Path(printed.args[0])
    assert path.parent == backend.config.store_path.parent / "summaries"
    assert path.read_bytes().startswith(b"%PDF")
    text = "".join(PdfReader(path).pages[0].extract_text().split())  # spacing varies
    assert "Сводкаприёма" in text  # the patient's language (Russian when the record has none)
    assert "Сатурация(SpO2)95%" in text and "Температуратела38,1°C" in text
    with qtbot.waitSignal(screen.back_requested):
        screen.back_button.click()
    audit = pytest.importorskip("kiosk.security.audit")  # issue 10's audit trail

    def trail() -> list[tuple[str, str, str]]:
        found = backend.runtime.read(audit.rows).result()
        return [(row.action, row.entity_type, row.entity_id) for row in found]

    qtbot.waitUntil(lambda: ("viewed", "Patient", patient_id) in trail())
    qtbot.waitUntil(lambda: any(a == "exported" and e == "Encounter" for a, e, _ in trail()))


def test_pyqtgraph_is_not_imported_until_a_history_is_shown() -> None:
    code = (
        "import sys, ui.app, ui.screens.history, ui.screens.home, ui.screens.patient_finder; "
        "print('pyqtgraph' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.stdout.strip() == "False"
