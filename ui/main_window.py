"""The quick-visit screen: register a patient, see the live vitals, save — one touch screen.

Every store access goes through :class:`~kiosk.quick_visit.QuickVisit` futures delivered by
the :class:`~ui.bridge.QtBridge`; nothing here waits on the store or a device. Errors show
in the message area above the Save button, never in a modal dialog, and are shown again in
the new language when the language changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from kiosk.domain import Encounter
from kiosk.errors import UserFacingError
from kiosk.i18n import LANGUAGES, translate
from kiosk.quick_visit import QuickVisit
from ui.bridge import QtBridge
from ui.device_tile import DeviceTile, set_style_state
from ui.i18n import Translations
from ui.qt import (
    QButtonGroup,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.style import FIELD_HEIGHT, STYLE_SHEET, TOUCH_HEIGHT

log = logging.getLogger(__name__)

# Each language in its own name, so a nurse finds hers whatever the screen shows now.
# Deliberately not translated; the buttons' accessible names are.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def touch_field(object_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setMinimumHeight(FIELD_HEIGHT)
    return field


class MainWindow(QWidget):
    def __init__(
        self,
        visit: QuickVisit,
        bridge: QtBridge,
        translations: Translations | None,
        language: str,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE_SHEET)
        self._visit = visit
        self._bridge = bridge
        self._translations = translations
        self._today = today
        self.language = language
        self._message: Callable[[], str] | None = None
        self._unsynced: int | None = None
        self._build()
        self._connect()
        self.set_language(language)
        self.refresh_unsynced()

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("title")
        self.family = touch_field("family")
        self.given = touch_field("given")
        self.birth_date = touch_field("birthDate")
        self.birth_date.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        self.family_label, self.given_label, self.birth_label = QLabel(), QLabel(), QLabel()
        self.tile = DeviceTile()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(TOUCH_HEIGHT)
        self.unsynced = QLabel()
        self.unsynced.setObjectName("unsynced")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.setMinimumSize(300, TOUCH_HEIGHT + 16)
        self.language_buttons = self._language_buttons()
        root = QVBoxLayout(self)
        root.setContentsMargins(20, 12, 20, 16)
        root.setSpacing(12)
        root.addLayout(self._top_bar())
        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(self._form(), 3)
        middle.addWidget(self.tile, 2)
        root.addLayout(middle, 1)
        root.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.unsynced, 1)
        bottom.addWidget(self.save_button)
        root.addLayout(bottom)

    def _language_buttons(self) -> dict[str, QPushButton]:
        self._language_group = QButtonGroup(self)
        buttons: dict[str, QPushButton] = {}
        for language in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[language])
            button.setObjectName(f"language_{language}")
            button.setCheckable(True)
            button.setMinimumSize(132, TOUCH_HEIGHT - 8)
            self._language_group.addButton(button)
            buttons[language] = button
        return buttons

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for button in self.language_buttons.values():
            bar.addWidget(button)
        return bar

    def _form(self) -> QGridLayout:
        form = QGridLayout()
        form.setVerticalSpacing(14)
        rows = [
            (self.family_label, self.family),
            (self.given_label, self.given),
            (self.birth_label, self.birth_date),
        ]
        for row, (label, field) in enumerate(rows):
            label.setProperty("class", "fieldLabel")
            label.setBuddy(field)
            form.addWidget(label, 2 * row, 0)
            form.addWidget(field, 2 * row + 1, 0)
        form.setRowStretch(len(rows) * 2, 1)
        return form

    def _connect(self) -> None:
        self._bridge.reading_arrived.connect(self.tile.show_reading)
        self._bridge.device_status_changed.connect(self.tile.show_status)
        self._bridge.outbox_changed.connect(lambda _change: self.refresh_unsynced())
        self._bridge.sync_finished.connect(lambda _result: self.refresh_unsynced())
        self.family.returnPressed.connect(self.given.setFocus)
        self.given.returnPressed.connect(self.birth_date.setFocus)
        self.birth_date.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        for language, button in self.language_buttons.items():
            button.clicked.connect(lambda _checked=False, lang=language: self.set_language(lang))

    # -- language ------------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language = language
        self.language_buttons[language].setChecked(True)
        if self._translations is not None:
            self._translations.use(language)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dala Kiosk"))
        self.title.setText(self.tr("New visit"))
        self.family_label.setText(self.tr("Family name"))
        self.given_label.setText(self.tr("Given name"))
        self.birth_label.setText(self.tr("Birth date"))
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        for field, label in [
            (self.family, self.family_label),
            (self.given, self.given_label),
            (self.birth_date, self.birth_label),
        ]:
            field.setAccessibleName(label.text())
        self.save_button.setText(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save the visit"))
        self.message.setAccessibleName(self.tr("Messages"))
        self.unsynced.setAccessibleName(self.tr("Visits not yet sent"))
        names = {
            "kk": self.tr("Switch to Kazakh"),
            "ru": self.tr("Switch to Russian"),
            "en": self.tr("Switch to English"),
        }
        for language, button in self.language_buttons.items():
            button.setAccessibleName(names[language])
        self.tile.retranslate(self.language)
        self._render_unsynced()
        self._render_message()

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is on its way; a second touch must not save twice
        self.show_message(None)
        try:
            future = self._visit.save(
                self.family.text(), self.given.text(), self.birth_date.text(), self._today()
            )
        except UserFacingError as error:
            self._show_error(error)
            return
        self.save_button.setEnabled(False)
        self._bridge.when_done(future, self._saved, self._save_failed)

    def _saved(self, encounter: Encounter) -> None:
        self.save_button.setEnabled(True)
        for field in (self.family, self.given, self.birth_date):
            field.clear()
        self.family.setFocus()
        number = encounter.number
        self.show_message(
            lambda: self.tr("Visit {number} is saved. It will be sent to the hospital.").format(
                number=number
            ),
            kind="info",
        )
        self.refresh_unsynced()

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, UserFacingError):
            self._show_error(error)
            return
        log.error("saving a visit failed", exc_info=error)
        self.show_message(
            lambda: self.tr("The visit could not be saved because of an unexpected error. "
                            "Nothing was stored; please try again.")
        )

    def _show_error(self, error: UserFacingError) -> None:
        key, params = error.key, error.params
        self.show_message(lambda: translate(key, self.language, **params))
        fields = {"patient.bad_birth_date": self.birth_date, "patient.name_required": self.family}
        if key in fields:
            fields[key].setFocus()

    # -- message area and status line ----------------------------------------------------------

    def show_message(self, text: Callable[[], str] | None, kind: str = "error") -> None:
        """Show a message (a function, so it can be shown again in another language)."""
        self._message = text
        set_style_state(self.message, "kind", kind if text is not None else "none")
        self._render_message()

    def _render_message(self) -> None:
        self.message.setText(self._message() if self._message is not None else "")

    def refresh_unsynced(self) -> None:
        future = self._visit.unsynced_count()
        self._bridge.when_done(future, self._show_unsynced, self._count_failed)

    def _show_unsynced(self, count: int) -> None:
        self._unsynced = count
        self._render_unsynced()

    def _count_failed(self, error: BaseException) -> None:
        log.warning("counting unsent visits failed: %s", error)

    def _render_unsynced(self) -> None:
        count = "…" if self._unsynced is None else str(self._unsynced)
        self.unsynced.setText(self.tr("Visits not yet sent: {count}").format(count=count))
