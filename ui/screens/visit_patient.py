"""The patient line of the visit screen: family name, given name and birth date for a new
patient (typed on the docked keyboard), or the name of the patient chosen in the finder."""

from __future__ import annotations

from kiosk.visit_model import VisitModel
from ui.qt import QEvent, QGridLayout, QLabel, QLineEdit, Qt, QVBoxLayout, QWidget, Signal
from ui.style import FIELD_HEIGHT


def touch_field(object_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setMinimumHeight(FIELD_HEIGHT)
    return field


class VisitPatient(QWidget):
    changed = Signal()

    def __init__(self, model: VisitModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.family = touch_field("family")
        self.given = touch_field("given")
        self.birth_date = touch_field("birthDate")
        self.birth_date.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        self.family_label, self.given_label, self.birth_label = QLabel(), QLabel(), QLabel()
        self.chosen = QLabel()
        self.chosen.setObjectName("chosenPatient")
        self.chosen.setProperty("class", "sectionTitle")
        self.chosen.setMinimumHeight(FIELD_HEIGHT)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QGridLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(2)
        columns = [
            (self.family_label, self.family),
            (self.given_label, self.given),
            (self.birth_label, self.birth_date),
        ]
        for column, (label, field) in enumerate(columns):
            label.setProperty("class", "fieldLabel")
            label.setBuddy(field)
            form.addWidget(label, 0, column)
            form.addWidget(field, 1, column)
            form.setColumnStretch(column, 1)
            field.textChanged.connect(self._typed)
        form.addWidget(self.chosen, 0, 0, 2, 3)
        self.family.returnPressed.connect(self.given.setFocus)
        self.given.returnPressed.connect(self.birth_date.setFocus)
        self.chosen.setVisible(False)
        self.retranslate()

    @property
    def fields(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.family, self.given, self.birth_date

    def retranslate(self) -> None:
        self.family_label.setText(self.tr("Family name"))
        self.given_label.setText(self.tr("Given name"))
        self.birth_label.setText(self.tr("Birth date"))
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        for field, label in zip(
            self.fields, (self.family_label, self.given_label, self.birth_label), strict=True
        ):
            field.setAccessibleName(label.text())
        self._show_chosen()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _typed(self) -> None:
        form = self.model.form
        form.family, form.given = self.family.text(), self.given.text()
        form.birth_date = self.birth_date.text()
        self.changed.emit()

    def lock(self, locked: bool) -> None:
        """The photos belong to the draft's patient: the names cannot change under them."""
        for field in self.fields:
            field.setReadOnly(locked)

    def load(self) -> None:
        form = self.model.form
        for field, text in zip(
            self.fields, (form.family, form.given, form.birth_date), strict=True
        ):
            field.blockSignals(True)
            field.setText(text)
            field.blockSignals(False)
        self._show_chosen()

    def _show_chosen(self) -> None:
        form = self.model.form
        chosen = form.patient_id is not None
        self.chosen.setVisible(chosen)
        for widget in (*self.fields, self.family_label, self.given_label, self.birth_label):
            widget.setVisible(not chosen)
        if chosen:
            born = form.patient_birth_date or "—"
            self.chosen.setText(
                self.tr("Patient: {name}, born {birth}").format(name=form.patient_label, birth=born)
            )
            self.chosen.setAccessibleName(self.chosen.text())
