"""The score panel: NEWS2 with its colour band and escalation advice (clinical.md §1.2), or
IMCI for children under 5 (§2), or why there is no score.

It shows a :class:`kiosk.visit_values.ScorePanel`; the advice and the missing parameters are
core message keys (:mod:`kiosk.i18n_visit`), translated in the screen's language, so the band
always comes with words: the total, the band's name and what to do.
"""

from __future__ import annotations

from kiosk.i18n import translate
from kiosk.visit_values import ScorePanel
from ui.device_tile import set_style_state
from ui.qt import QEvent, QFrame, QLabel, Qt, QVBoxLayout, QWidget

PANEL_WIDTH = 200
NEWS2_PARAMETER = {"pulse_rate": "pulse", "body_temp": "temperature"}


class News2Panel(QFrame):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorePanel")
        self.setFixedWidth(PANEL_WIDTH)
        self.language = language
        self.state: ScorePanel | None = None
        self.title = QLabel()
        self.title.setProperty("class", "sectionTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total = QLabel("—")
        self.total.setObjectName("scoreTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band = QLabel()
        self.band.setObjectName("scoreBand")
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setObjectName("scoreAdvice")
        self.advice.setWordWrap(True)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        for widget in (self.title, self.total, self.band):
            layout.addWidget(widget)
        layout.addWidget(self.advice, 1)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_panel(self, state: ScorePanel) -> None:
        self.state = state
        self.retranslate()

    @property
    def colour(self) -> str:
        return str(self.band.property("colour") or "grey")

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Early warning score"))
        state = self.state
        if state is None or state.kind == "none":
            self.title.setText(self.tr("Score"))
            self.total.setText("—")
            self.band.setText(self.tr("No score"))
            set_style_state(self.band, "colour", "grey")
            self.advice.setText("" if state is None else translate(state.advice, self.language))
            return
        if state.kind == "imci":
            self.title.setText(self.tr("IMCI (child under 5)"))
            self.total.setText("!" if state.colour == "red" else "—")
        else:
            self.title.setText(self.tr("NEWS2"))
            self.total.setText("—" if state.total is None else str(state.total))
        self.band.setText(self._band_name(state))
        set_style_state(self.band, "colour", state.colour)
        self.advice.setText(self._advice(state))
        self.total.setAccessibleName(self.tr("Score total"))
        self.band.setAccessibleName(self.tr("Risk band"))

    def _band_name(self, state: ScorePanel) -> str:
        names = {
            "green": self.tr("Low risk"),
            "amber": self.tr("Medium risk"),
            "red": self.tr("High risk"),
            "grey": self.tr("Incomplete"),
        }
        if state.kind == "imci":
            names["red"] = self.tr("Urgent referral")
            names["amber"] = self.tr("Fast breathing")
            names["green"] = self.tr("No danger signs")
        elif state.band == "low-medium":
            names["amber"] = self.tr("Low–medium risk")
        return names[state.colour]

    def _advice(self, state: ScorePanel) -> str:
        language = self.language
        missing = ", ".join(
            translate(f"news2.param.{NEWS2_PARAMETER.get(p, p)}", language) for p in state.missing
        )
        advice = translate(state.advice, language, missing=missing)
        if state.missing and state.advice != "news2.advice.incomplete":
            advice += "\n" + translate("news2.advice.incomplete", language, missing=missing)
        return advice
