"""Looks of the visit workflow's screens, added to :data:`ui.style.STYLE_SHEET`.

Band colours pass WCAG AA with their text and always come with words (the total and the
advice), never alone.
"""

from __future__ import annotations

from ui.device_tile import set_style_state
from ui.qt import QHBoxLayout, QLabel, QPushButton, QResizeEvent, QSizePolicy, Qt, QWidget
from ui.style import TOUCH_HEIGHT

#: Type sizes a wrapping button tries, largest first.
FIT_SIZES = (16, 15, 14, 13, 12)
#: Buttons a finger presses in lists and checklists (≥ 48 px).
CHOICE_HEIGHT = 52

VISIT_STYLE = """
QPushButton[class="choice"] { font-size: 18px; padding: 2px 6px; }
QLabel[class="wrapText"] { color: #0b4fa8; font-weight: bold; font-size: 16px; }
QLabel[class="wrapText"][fit="15"] { font-size: 15px; }
QLabel[class="wrapText"][fit="14"] { font-size: 14px; }
QLabel[class="wrapText"][fit="13"] { font-size: 13px; }
QLabel[class="wrapText"][fit="12"] { font-size: 12px; }
QLabel[class="wrapText"][checked="yes"] { color: #ffffff; }
QLabel[class="wrapText"][enabled="no"] { color: #8a8a8a; }
QPushButton[class="section"] { font-size: 20px; }
QPushButton#reviewButton, QPushButton#resumeButton {
    font-size: 26px; background: #0b4fa8; color: #ffffff; border: none; padding: 6px 22px;
}
QLabel[class="sectionTitle"] { font-size: 20px; font-weight: bold; }
QLabel[class="fieldNote"] { font-size: 16px; }
QLabel[class="fieldNote"][kind="implausible"] { color: #5c4400; font-weight: bold; }
QLabel[class="fieldNote"][kind="impossible"] { color: #8a1414; font-weight: bold; }
QLineEdit[kind="implausible"] { border: 3px solid #b07d00; background: #fff8e1; }
QLineEdit[kind="impossible"] { border: 3px solid #8a1414; background: #fbe3e3; }
QFrame#scorePanel { border: 2px solid #4a4a4a; border-radius: 10px; background: #f7f7f7; }
QLabel#scoreBand { font-size: 22px; font-weight: bold; padding: 6px; border-radius: 6px; }
QLabel#scoreBand[colour="green"] { background: #1e7b34; color: #ffffff; }
QLabel#scoreBand[colour="amber"] { background: #f2b200; color: #000000; }
QLabel#scoreBand[colour="red"] { background: #b3141b; color: #ffffff; }
QLabel#scoreBand[colour="grey"] { background: #d9d9d9; color: #111111; }
QLabel#scoreTotal { font-size: 56px; font-weight: bold; }
QLabel#scoreAdvice { font-size: 17px; }
QLabel#reviewText { font-size: 19px; }
QLabel#resumeQuestion { font-size: 28px; font-weight: bold; }
"""


class WrapButton(QPushButton):
    """A push button whose words wrap onto two lines (long Kazakh and Russian labels fit
    narrow columns instead of widening the screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setProperty("class", "wrapText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        self.toggled.connect(self._restyle)

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self._fit()

    def text(self) -> str:
        return self.label.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The largest type (16 px down to 12 px) at which the words fit the button."""
        width, height = self.width() - 8, self.height() - 4
        for size in FIT_SIZES:
            if self.label.property("fit") != str(size):
                set_style_state(self.label, "fit", str(size))
            if self.label.heightForWidth(width) <= height:
                return

    def _restyle(self, checked: bool) -> None:
        set_style_state(self.label, "checked", "yes" if checked else "no")


def choice_button(name: str, *, checkable: bool = True, height: int = CHOICE_HEIGHT) -> QPushButton:
    """A large button for a checklist or a choice (its words wrap)."""
    button = WrapButton()
    button.setObjectName(name)
    button.setCheckable(checkable)
    button.setProperty("class", "choice")
    button.setMinimumHeight(height)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def action_button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setMinimumHeight(TOUCH_HEIGHT)
    return button
