"""The one place that imports PySide6 (the Anki ``aqt.qt`` habit).

Screens import Qt names from here, so a Qt upgrade or a binding switch touches one file, and
a grep for ``PySide6`` finds exactly one importer. Add a name here when a screen needs it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QApplication",
    "QButtonGroup",
    "QCoreApplication",
    "QEvent",
    "QFrame",
    "QGridLayout",
    "QHBoxLayout",
    "QLabel",
    "QLineEdit",
    "QObject",
    "QPushButton",
    "QTimer",
    "QTranslator",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
