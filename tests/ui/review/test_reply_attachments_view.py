"""The console's case view under the nurse's reply (pytest-qt): the readings she attached
as "Temperature 38.4 °C" lines, her photos as thumbnails, the kiosk's note as written; a
thread without attachments shows nothing extra."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pytestqt.qtbot import QtBot

from kiosk.media.jpeg import thumbnail
from sync.specialist_model import Case, Message, Photo, Reading, WorkItem
from sync.specialist_thread import ThreadMessage
from tests.kiosk.media import synth
from ui.i18n import Translations
from ui.qt import QLabel
from ui.review.case_view import ReviewCaseView

SENT = dt.datetime(2026, 11, 26, 6, 10, tzinfo=dt.UTC)


def jpeg() -> bytes:
    return thumbnail(synth.scene(320, 240, seed=4))


def case(thread: tuple[Message, ...]) -> Case:
    item = WorkItem(
        "task-1", "sr-1", "in-progress", "urgent", "dermatologist", "Сыпь?", None, None,
        None, None, "Patient/p-1", "Encounter/e-1",
    )  # fmt: skip
    return Case(
        item, "Қасымов Ерлан", "male", "1985-03-14", None, "rash",
        (), (), (), (), None, "", (), (), (), thread,
    )  # fmt: skip


def test_the_reply_shows_its_temperature_and_photo(
    qtbot: QtBot, translations: Translations
) -> None:
    translations.use("en")
    view = ReviewCaseView()
    qtbot.addWidget(view)
    temperature = Reading(
        "8310-5", "Body temperature", "38.4 °C", (38.4,), "°C", SENT, "Encounter/e-2", "vital-signs"
    )
    photo = Photo("m-1", "chest", "image/jpeg", jpeg(), SENT, "Encounter/e-2")
    question = Message("c-1", "question", "Измерьте температуру", "Dr Aigerim", SENT)
    reply = ThreadMessage(
        "c-2", "reply", "38,4; фото", "Device/k", SENT + dt.timedelta(minutes=30),
        ("Observation/o-1", "Media/m-1"), (temperature,), (photo,),
    )  # fmt: skip
    view.show_case(case((question, reply)))
    view.show()

    attached = view.reply_attachments
    qtbot.waitUntil(attached.isVisible, timeout=10_000)
    assert "Temperature 38.4 °C" in attached.lines.text().splitlines()
    [thumbnail] = attached.findChildren(QLabel, "reviewReplyPhoto")
    pixmap = thumbnail.pixmap()
    assert not pixmap.isNull() and max(pixmap.width(), pixmap.height()) == 160
    assert thumbnail.accessibleName().startswith("Photo from the nurse's reply")

    translations.use("ru")  # the console's language switch relabels the lines
    try:
        qtbot.waitUntil(
            lambda: "Температура 38.4 °C" in attached.lines.text().splitlines(), timeout=10_000
        )
    finally:
        translations.use("en")
    qtbot.waitUntil(lambda: "Temperature 38.4 °C" in attached.lines.text(), timeout=10_000)

    note = "1 photo(s) chosen at the kiosk could not be sent (file missing or damaged)."
    view.show_case(case((question, dataclasses.replace(reply, photos=(), note=note))))
    assert note in attached.lines.text() and not attached.findChildren(QLabel, "reviewReplyPhoto")
    view.show_case(case((question, Message("c-3", "reply", "ok", "Device/k", SENT))))
    assert not attached.isVisible() and attached.lines.text() == ""
