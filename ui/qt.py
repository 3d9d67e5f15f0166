"""The one place that imports PySide6 (the Anki ``aqt.qt`` habit).

Screens import Qt names from here, so a Qt upgrade or a binding switch touches one file, and
a grep for ``PySide6`` finds exactly one importer. Add a name here when a screen needs it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

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
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def _emit_loses_a_reference() -> bool:
    """PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without a reference of its
    own, so every emit from Python takes one reference from ``True``; after some thousands
    (minutes of live readings) the interpreter aborts with "bool_dealloc". Measured once."""

    class _Probe(QObject):
        probed = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    result: object = probe.probed.emit()  # type: ignore[func-returns-value]  # stub says None
    lost = result is True and sys.getrefcount(True) < before + 1
    if lost:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return lost


_EMIT_LOSES_A_REFERENCE = _emit_loses_a_reference()


def emit(signal: Any, *args: object) -> None:
    """``signal.emit(*args)``, giving back the reference a faulty PySide6 takes (see above).

    Emit from Python through this; an extra reference to ``True``/``False`` is harmless."""
    result = signal.emit(*args)
    if _EMIT_LOSES_A_REFERENCE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


__all__ = [
    "QApplication",
    "QButtonGroup",
    "QCoreApplication",
    "QEvent",
    "QFrame",
    "QGridLayout",
    "QHBoxLayout",
    "QImage",
    "QLabel",
    "QLineEdit",
    "QObject",
    "QPixmap",
    "QPushButton",
    "QStackedWidget",
    "QThread",
    "QTimer",
    "QTranslator",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
    "emit",
]
