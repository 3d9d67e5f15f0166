"""The navigation shell of the touchscreen: a top bar over a stack of pages.

The top bar shows the page's title, who is signed in, the sync badge (visits not yet sent,
items waiting and held back for a technician, the last sync in local time) and the three
language buttons (each language in its own name). Pages are named and stacked: :meth:`go`
shows one and remembers where the nurse came from, :meth:`back` returns there, :meth:`home`
empties the way back. The window below the stack (footer, docked keyboard) belongs to the
subclass (:class:`ui.main_window.MainWindow`).

The badge re-reads its counts on every ``outbox_changed`` and ``sync_finished`` event, on
the reader thread (``sync_status`` returns a future); nothing here waits on the store.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from kiosk.i18n import LANGUAGES
from ui.bridge import QtBridge
from ui.device_tile import set_style_state
from ui.i18n import Translations
from ui.qt import (
    QApplication,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import TOUCH_HEIGHT

log = logging.getLogger(__name__)

# Each language in its own name, so a nurse finds hers whatever the screen shows now.
# Deliberately not translated; the buttons' accessible names are.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

SyncStatus = Callable[[], concurrent.futures.Future[dict[str, Any]]]


def local_time(text: str | None, today: dt.date) -> str | None:
    """A stored UTC time (ISO) as the kiosk's local time: ``HH:MM`` today, else with date."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")


#: The signed-in member's name in the top bar wraps at this width (px), so with the three
#: language buttons and the title the bar stays inside 1024 px in kk, ru and en; kiosk
#: mode's "Leave kiosk mode" button under it (widest in Kazakh) fits in it too.
USER_WIDTH = 272
#: Each language button: "Қазақша" in the top bar's font needs 145 px with its padding.
LANGUAGE_WIDTH = 150


class Shell(QWidget):
    """Top bar + named pages with a way back (see the module docstring)."""

    page_changed = Signal(str)
    language_changed = Signal(str)
    user_changed = Signal()  # after set_user: who may do what on screen may have changed

    def __init__(
        self,
        bridge: QtBridge,
        translations: Translations | None,
        *,
        sync_status: SyncStatus,
        server_configured: bool,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._translations = translations
        self._sync_status = sync_status
        self._server_configured = server_configured
        self._today = today
        self.language = "en"
        self._unsynced: int | None = None
        self._sync: dict[str, Any] | None = None
        self._pages: dict[str, QWidget] = {}
        self.trail: list[str] = []
        #: Who may open which page (ui.screen_access.ScreenAccess), once staff sign in.
        self.access: Any = None
        self.user_name: str | None = None
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)  # a long title wraps; it never squeezes the buttons
        self.title.setMinimumWidth(1)
        self.user = QLabel()
        self.user.setObjectName("signedInUser")
        self.user.setWordWrap(True)  # "Signed in:" over a long name, never a wider bar
        self.user.setFixedWidth(USER_WIDTH)
        self.unsynced = QLabel()
        self.unsynced.setObjectName("unsynced")
        self.unsynced.setWordWrap(True)
        self.unsynced.setMinimumWidth(1)
        self.sync_line = QLabel()
        self.sync_line.setObjectName("syncLine")
        self.sync_line.setMinimumWidth(1)  # a long translation wraps, never widens the screen
        self.sync_line.setWordWrap(True)
        self.language_buttons = self._language_buttons()
        self.pages = QStackedWidget()
        self.root = QVBoxLayout(self)
        self.root.setContentsMargins(8, 6, 8, 8)
        self.root.setSpacing(8)
        self.root.addLayout(self._top_bar())
        self.root.addWidget(self.pages, 1)
        bridge.outbox_changed.connect(lambda _change: self.refresh_unsynced())
        bridge.sync_finished.connect(lambda _result: self.refresh_unsynced())

    def _language_buttons(self) -> dict[str, QPushButton]:
        buttons: dict[str, QPushButton] = {}  # no QButtonGroup: Tab must reach each of them
        for language in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[language])
            button.setObjectName(f"language_{language}")
            button.setCheckable(True)
            button.setMinimumSize(LANGUAGE_WIDTH, TOUCH_HEIGHT - 8)
            button.clicked.connect(lambda _checked=False, lang=language: self.set_language(lang))
            buttons[language] = button
        return buttons

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.unsynced)
        heading.addWidget(self.sync_line)
        bar.addLayout(heading, 1)
        self.user_column = QVBoxLayout()  # kiosk mode puts its "Leave" button under the name
        self.user_column.setSpacing(2)
        self.user_column.addWidget(self.user)
        bar.addLayout(self.user_column)
        for button in self.language_buttons.values():
            bar.addWidget(button)
        return bar

    # -- pages -------------------------------------------------------------------------------

    def add_page(self, name: str, widget: QWidget) -> None:
        self._pages[name] = widget
        if name != self.current:
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.pages.addWidget(widget)

    def has_page(self, name: str) -> bool:
        return name in self._pages

    def page(self, name: str) -> QWidget:
        return self._pages[name]

    @property
    def current(self) -> str:
        shown = self.pages.currentWidget()
        return next((name for name, page in self._pages.items() if page is shown), "")

    def go(self, name: str, *, remember: bool = True) -> None:
        """Show page ``name``; :meth:`back` returns to the one shown before. A page the
        signed-in member's role may not open is refused with a message (``self.access``,
        ``ui/screen_access.py``)."""
        if name == self.current:
            return
        if self.access is not None and not self.access.may_open(name):
            self.access.refuse(name)
            return
        if remember and self.current:
            self.trail.append(self.current)
        self.pages.setCurrentWidget(self._pages[name])
        for page in self._pages.values():  # only the page shown sets the window's minimum
            shown = page is self._pages[name]
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.updateGeometry()
        self.page_changed.emit(name)
        self.retranslate()

    def back(self) -> None:
        if self.trail:
            self.go(self.trail.pop(), remember=False)

    def home(self) -> None:
        self.trail.clear()
        self.go("home", remember=False)

    # -- who is signed in --------------------------------------------------------------------

    def set_user(self, name: str | None) -> None:
        self.user_name = name
        self.retranslate()
        self.user_changed.emit()

    # -- language ----------------------------------------------------------------------------

    def install_language(self, language: str) -> None:
        """Install ``language``'s catalogues before the pages are built: the LanguageChange
        events are delivered now, not later to pages that have already drawn their rows."""
        if self._translations is not None and self._translations.language != language:
            self._translations.use(language)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)

    def set_language(self, language: str) -> None:
        self.language = language
        for name, button in self.language_buttons.items():
            button.setChecked(name == language)
        if self._translations is not None and self._translations.language != language:
            self._translations.use(language)
        self.retranslate()
        self.language_changed.emit(language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ActivationChange and self.isVisible():
            QTimer.singleShot(0, self, self._keep_active)  # dropped if the window goes
        super().changeEvent(event)

    def _keep_active(self) -> None:
        """The kiosk is the only window: when no window of the app is active any more (a
        rebuilt list on a page can drop the activation on some platforms), take it back, so
        the docked keyboard and the keypad keep typing into the focused field."""
        if self.isVisible() and QApplication.activeWindow() is None:
            self.activateWindow()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dala Kiosk"))
        names = {
            "kk": self.tr("Switch to Kazakh"),
            "ru": self.tr("Switch to Russian"),
            "en": self.tr("Switch to English"),
        }
        for language, button in self.language_buttons.items():
            button.setAccessibleName(names[language])
        self.unsynced.setAccessibleName(self.tr("Visits not yet sent"))
        self.sync_line.setAccessibleName(self.tr("Sending to the hospital"))
        self.user.setVisible(self.user_name is not None)
        if self.user_name is not None:
            self.user.setText(self.tr("Signed in: {name}").format(name=self.user_name))
            self.user.setAccessibleName(self.user.text())
        self._render_unsynced()

    # -- the sync badge ----------------------------------------------------------------------

    def refresh_unsynced(self) -> None:
        """Re-read the badge's counts (on the reader thread)."""
        self._bridge.when_done(self._sync_status(), self._show_sync_status, self._count_failed)

    def _show_sync_status(self, summary: dict[str, Any]) -> None:
        self._unsynced = int(summary["unsynced_encounters"])
        self._sync = summary
        self._render_unsynced()

    def _count_failed(self, error: BaseException) -> None:
        log.warning("counting unsent visits failed: %s", error)

    def _render_unsynced(self) -> None:
        count = "…" if self._unsynced is None else str(self._unsynced)
        self.unsynced.setText(self.tr("Visits not yet sent: {count}").format(count=count))
        summary = self._sync
        if summary is None:
            self.sync_line.setText("")
            return
        outbox = summary["outbox"]
        waiting = int(outbox["pending"]) + int(outbox["sending"])
        quarantined = int(outbox["quarantined"])
        if not self._server_configured:
            last = self.tr("no server set")
        else:
            last = local_time(summary.get("last_sync"), self._today()) or self.tr("never")
        text = self.tr("Waiting: {pending} · Held back: {quarantined} · Last sync: {last}")
        self.sync_line.setText(text.format(pending=waiting, quarantined=quarantined, last=last))
        set_style_state(self.sync_line, "problem", "yes" if quarantined else "no")
