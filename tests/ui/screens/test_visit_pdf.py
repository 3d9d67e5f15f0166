"""The printed visit summary: a valid A4 PDF whose text is in the chosen language, with
dates and numbers in that locale's form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.config import KioskConfig
from kiosk.store import Store
from kiosk.visit_summary import build_summary
from tests.kiosk.test_home_model import saved_visit
from tests.kiosk.test_visit_summary import visit_with_photo
from ui.qt import QApplication
from ui.visit_pdf import summary_html, write_visit_pdf

EXPECTED = {
    "kk": ("Қабылдауқорытындысы", "Туғанкүні14.03.1985", "Дене қызуы38,1°C", "Пульс91/мин",
           "6ұпай—Орташақауіп", "Жөтел", "Қасымов"),
    "ru": ("Сводкаприёма", "Датарождения14.03.1985", "Температуратела38,1°C", "Пульс91/мин",
           "6балл.—Среднийриск", "Кашель", "Қасымов"),
    "en": ("Visitsummary", "Birthdate14/03/1985", "Temperature38.1°C", "Pulse91/min",
           "6points—Mediumrisk", "Cough", "Қасымов"),
}  # fmt: skip


def pdf_text(path: Path) -> str:
    """The PDF's text without whitespace (extraction spaces words unevenly)."""
    reader = PdfReader(path)
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_summary_pdf_in_each_language(
    qapp: QApplication, store: Store, now: dt.datetime, tmp_path: Path, language: str
) -> None:
    _, encounter_id = saved_visit(store, now)
    summary = build_summary(store, encounter_id, language=language, now=now, site="KZ-T-1")
    path = write_visit_pdf(summary, tmp_path / "out" / f"{language}.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(path)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = pdf_text(path)
    for expected in EXPECTED[language]:
        assert "".join(expected.split()) in text, (expected, text)
    assert "үшкүн" in text  # free text as typed
    assert not list(path.parent.glob(".*.partial"))


def test_patient_values_are_escaped_not_interpreted(
    qapp: QApplication, store: Store, now: dt.datetime
) -> None:
    _, encounter_id = saved_visit(store, now, family="<b>Ali</b>")
    html = summary_html(build_summary(store, encounter_id, language="en", now=now))
    assert "&lt;b&gt;Ali&lt;/b&gt;" in html and "<b>Ali</b>" not in html


def test_photo_thumbnails_are_printed(
    qapp: QApplication, store: Store, kiosk_config: KioskConfig, now: dt.datetime, tmp_path: Path
) -> None:
    encounter_id = visit_with_photo(store, kiosk_config.media_dir, now)
    summary = build_summary(
        store, encounter_id, language="kk", now=now, media_dir=kiosk_config.media_dir
    )
    path = write_visit_pdf(summary, tmp_path / "photo.pdf")
    page = PdfReader(path).pages[0]
    assert len(page.images) == 1
    assert "Фотолар" in page.extract_text()
