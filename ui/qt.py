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
    QThread,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QDoubleValidator, QImage, QIntValidator, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QApplication",
    "QButtonGroup",
    "QCoreApplication",
    "QDoubleValidator",
    "QEvent",
    "QFrame",
    "QGridLayout",
    "QHBoxLayout",
    "QImage",
    "QIntValidator",
    "QKeyEvent",
    "QLabel",
    "QLineEdit",
    "QObject",
    "QPixmap",
    "QPlainTextEdit",
    "QPushButton",
    "QSizePolicy",
    "QStackedWidget",
    "QTextEdit",
    "QThread",
    "QTimer",
    "QTranslator",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
