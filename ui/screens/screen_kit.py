"""Small pieces the home, finder and history screens share: the screen's language, the
locale's form of dates and numbers (QLocale for kk / ru / en), touch-sized buttons.

:func:`screen_language` asks the installed Qt catalogue which language it is (each
catalogue translates the source ``"en"`` of the ``ScreenLanguage`` context into its own
code), so a screen shows the core's messages (:func:`kiosk.i18n.translate`) in the
language of its widgets without being told.
"""

from __future__ import annotations

import datetime as dt

from kiosk.i18n import LANGUAGES
from kiosk.visit_summary import Quantity, Shown
from ui.qt import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLabel,
    QLineEdit,
    QLocale,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    Qt,
)
from ui.style import FIELD_HEIGHT, TOUCH_HEIGHT

#: Height of a two-line list row.
ROW_HEIGHT = 76
_LOCALES = {
    "kk": (QLocale.Language.Kazakh, QLocale.Country.Kazakhstan),
    "ru": (QLocale.Language.Russian, QLocale.Country.Russia),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def screen_language() -> str:
    """The language of the installed screen catalogue (``en`` when none is installed)."""
    language = QCoreApplication.translate("ScreenLanguage", "en")
    return language if language in LANGUAGES else "en"


def locale_for(language: str) -> QLocale:
    """The QLocale of a kiosk language; numbers without group separators (vitals are short)."""
    locale = QLocale(*_LOCALES.get(language, _LOCALES["en"]))
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale


def _four_digit_years(pattern: str) -> str:
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def format_date(locale: QLocale, day: dt.date) -> str:
    pattern = _four_digit_years(locale.dateFormat(QLocale.FormatType.ShortFormat))
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def format_datetime(locale: QLocale, moment: dt.datetime) -> str:
    """A stored (UTC) time in the kiosk's local time, in the locale's short form."""
    local = moment.astimezone() if moment.tzinfo else moment
    pattern = _four_digit_years(locale.dateTimeFormat(QLocale.FormatType.ShortFormat))
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    return locale.toString(QDateTime.fromString(text, Qt.DateFormat.ISODate), pattern)


def format_time(locale: QLocale, moment: dt.datetime) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    return locale.toString(
        QDateTime.fromString(text, Qt.DateFormat.ISODate).time(), QLocale.FormatType.ShortFormat
    )


def format_number(locale: QLocale, number: float, places: int) -> str:
    return locale.toString(float(number), "f", places)


def format_shown(locale: QLocale, value: Shown) -> str:
    """A summary value (text, date, date-time, quantity) in the locale's form."""
    if isinstance(value, Quantity):
        return f"{format_number(locale, value.number, value.places)} {value.unit}".strip()
    if isinstance(value, dt.datetime):
        return format_datetime(locale, value)
    if isinstance(value, dt.date):
        return format_date(locale, value)
    return value


def row_button(object_name: str, lines: list[str]) -> QPushButton:
    """A list row: full width, one or two lines of text, never wider than its list."""
    button = touch_button(object_name, ROW_HEIGHT if len(lines) > 1 else TOUCH_HEIGHT)
    button.setProperty("class", "row")
    button.setText("\n".join(lines))
    button.setMinimumWidth(1)
    button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
    return button


def touch_field(object_name: str) -> QLineEdit:
    """A text field a finger hits; its width comes from the layout, never from its text."""
    line = QLineEdit()
    line.setObjectName(object_name)
    line.setMinimumHeight(FIELD_HEIGHT)
    line.setMinimumWidth(1)
    return line


def text_label(object_name: str, css_class: str | None = None) -> QLabel:
    """A word-wrapping label (a long translation wraps instead of widening the screen)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setMinimumWidth(1)
    if css_class:
        label.setProperty("class", css_class)
    return label


def touch_button(object_name: str, height: int = TOUCH_HEIGHT) -> QPushButton:
    """A button a gloved finger hits: at least ``height`` px tall, focusable by keyboard."""
    button = QPushButton()
    button.setObjectName(object_name)
    button.setMinimumHeight(max(height, 48))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


#: Looks of the home, finder and history screens (on top of :data:`ui.style.STYLE_SHEET`).
SCREENS_STYLE = """
QPushButton#newVisitButton {
    font-size: 32px; background: #0b4fa8; color: #ffffff; border: none; padding: 8px 28px;
}
QPushButton#newVisitButton:pressed { background: #083a7a; }
QPushButton[class="row"] { text-align: left; font-size: 20px; font-weight: normal; color: #111111;
    border: 2px solid #4a4a4a; padding: 6px 12px; }
QPushButton[class="row"][sync="held"] { border: 3px solid #8a1414; }
QPushButton[class="alert"] { text-align: left; font-size: 19px; color: #5c4400;
    border: 3px solid #b07d00; background: #fff8e1; }
QLabel[class="alert"] { font-size: 19px; color: #8a1414; font-weight: bold; }
QLabel[class="sectionTitle"] { font-size: 22px; font-weight: bold; }
QLabel#visitDetail { font-size: 18px; }
QLabel#trendTitle { font-size: 18px; font-weight: bold; }
QLabel[class="feedback"][level="error"] { color: #8a1414; font-weight: bold; }
QLabel[class="feedback"][level="warning"] { color: #5c4400; font-weight: bold; }
QLabel[class="feedback"][level="note"] { color: #145222; }
"""


def clear_layout(layout: object) -> None:
    """Remove and delete every widget of a box layout (rows are rebuilt on each render)."""
    while layout.count():  # type: ignore[attr-defined]
        item = layout.takeAt(0)  # type: ignore[attr-defined]
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


def show_page(stack: QStackedWidget, index: int) -> None:
    """Show page ``index``; only the shown page asks for room (a stack is otherwise as big
    as its biggest page, which can push a 1024x600 screen over its edge)."""
    for other in range(stack.count()):
        policy = QSizePolicy.Policy.Preferred if other == index else QSizePolicy.Policy.Ignored
        stack.widget(other).setSizePolicy(policy, policy)
    stack.setCurrentIndex(index)
