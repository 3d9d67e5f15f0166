"""The registration form's "patient's language" choice: three big buttons.

Each language is written in itself (Қазақша / Русский / English), so a patient can point
at it whatever the screen shows. The default is the screen's current language and keeps
following it until the nurse picks one; :meth:`PatientLanguageChoice.reset` (a new form)
starts that over. The choice goes into ``RegistrationForm.language``; the registry stores
it and the visit summary is printed in it.
"""

from __future__ import annotations

from typing import Any

from ui.qt import QButtonGroup, QEvent, QHBoxLayout, QWidget
from ui.screens.screen_kit import screen_language, text_label, touch_button

# code → the language's name written in that language (never translated)
ENDONYMS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


class PatientLanguageChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientLanguage")
        self.label = text_label("patientLanguageLabel", "fieldLabel")
        self.buttons = {code: touch_button(f"language_{code}", 56) for code in ENDONYMS}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._picked = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        for code, button in self.buttons.items():
            button.setText(ENDONYMS[code])
            button.setCheckable(True)
            button.setMinimumWidth(160)
            self._group.addButton(button)
            button.clicked.connect(lambda _checked=False, c=code: self.pick(c))
            row.addWidget(button, 1)
        self.reset()
        self.retranslate()

    def language(self) -> str:
        """The chosen code (``kk``/``ru``/``en``)."""
        return next(code for code, button in self.buttons.items() if button.isChecked())

    def pick(self, code: str) -> None:
        """The nurse's choice: kept until :meth:`reset`, whatever the screen language does."""
        self._picked = True
        self.buttons[code].setChecked(True)

    def reset(self) -> None:
        """A new form: back to the screen's language, following it again."""
        self._picked = False
        self.buttons[screen_language()].setChecked(True)

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if not self._picked:
            self.buttons[screen_language()].setChecked(True)
        self.label.setText(self.tr("Patient's language"))
        names = {
            "kk": self.tr("Patient's language: Kazakh"),
            "ru": self.tr("Patient's language: Russian"),
            "en": self.tr("Patient's language: English"),
        }
        for code, button in self.buttons.items():
            button.setAccessibleName(names[code])
