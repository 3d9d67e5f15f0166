"""Under the reply field: the new readings and photos the nurse may send with her reply.

:class:`ConsultReplyAttachList` shows what :func:`kiosk.consult_reply_attachments.attachable`
found (read in the background by the reply panel): one checkable touch-sized button per
reading ("Attach: Temperature 38.4 °C (14:05)") and per photo ("Attach: photo (14:07)").
What she ticks stays ticked while the page refreshes. With nothing to attach it says how
to get something: record the readings or the photo in a new visit for this patient first.
"""

from __future__ import annotations

from kiosk.consult_reply_attachments import Attachable, reading_text
from ui.qt import QEvent, QPushButton, QVBoxLayout, QWidget
from ui.screens.screen_kit import format_time, locale_for, screen_language, text_label
from ui.style import TOUCH_HEIGHT


class ConsultReplyAttachList(QWidget):
    """Checkable buttons for each attachable reading and photo, or a one-line hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultReplyAttach")
        self.offer: Attachable | None = None
        self.ticked: set[tuple[str, str]] = set()  # (kind, id) the nurse chose
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.hint = text_label("consultReplyAttachHint")
        self.items = QVBoxLayout()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.hint)
        column.addLayout(self.items)
        self.setVisible(False)
        self.retranslate()

    def show_offer(self, offer: Attachable | None) -> None:
        """What may be attached (None: not known yet, nothing is shown)."""
        self.offer = offer
        offered = set()
        if offer is not None:
            offered = {("reading", r.id) for r in offer.readings}
            offered |= {("media", p.id) for p in offer.photos}
        self.ticked &= offered  # a choice that is no longer offered is dropped
        for key in list(self.buttons):
            button = self.buttons.pop(key)
            self.items.removeWidget(button)
            button.setParent(None)  # gone at once, not at the next event loop turn
            button.deleteLater()
        for key in sorted(offered, key=self._order):
            self.buttons[key] = self._button(key)
            self.items.addWidget(self.buttons[key])
        self.setVisible(offer is not None)
        self.retranslate()

    def chosen(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(reading ids, photo ids) ticked, in the order shown."""
        keys = [key for key in sorted(self.ticked, key=self._order)]
        return (
            tuple(ref for kind, ref in keys if kind == "reading"),
            tuple(ref for kind, ref in keys if kind == "media"),
        )

    def clear_choice(self) -> None:
        self.ticked.clear()
        for button in self.buttons.values():
            button.setChecked(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        offer = self.offer
        self.hint.setText(
            self.tr(
                "To send new readings or a photo, record them in a new visit "
                "for this patient first."
            )
        )
        self.hint.setVisible(offer is not None and offer.empty)
        if offer is None:
            return
        language = screen_language()
        locale = locale_for(language)
        texts = {  # named in the screen's language now (no new read on a language switch)
            ("reading", r.id): (reading_text(r.type, r.value, r.unit, language), r.taken_at)
            for r in offer.readings
        }
        for key, button in self.buttons.items():
            if key in texts:
                what, when = texts[key]
                text = self.tr("Attach: {what} ({time})").format(
                    what=what, time=format_time(locale, when)
                )
            else:
                taken = next(p.taken_at for p in offer.photos if p.id == key[1])
                text = self.tr("Attach: photo ({time})").format(time=format_time(locale, taken))
            button.setText(text)
            button.setAccessibleName(text)

    def _order(self, key: tuple[str, str]) -> tuple[int, int]:
        offer = self.offer
        if offer is None:
            return (0, 0)
        if key[0] == "reading":
            ids = [r.id for r in offer.readings]
            return (0, ids.index(key[1]) if key[1] in ids else 0)
        photos = [p.id for p in offer.photos]
        return (1, photos.index(key[1]) if key[1] in photos else 0)

    def _button(self, key: tuple[str, str]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("consultReplyAttachItem")
        button.setCheckable(True)
        button.setChecked(key in self.ticked)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.toggled.connect(lambda on, chosen=key: self._toggle(chosen, on))
        return button

    def _toggle(self, key: tuple[str, str], on: bool) -> None:
        if on:
            self.ticked.add(key)
        else:
            self.ticked.discard(key)
