"""PySide6 6.12.0 lost a reference to ``True`` on every signal emit and one to ``None`` on every
void call made from Python; a kiosk showing live readings aborted after hours ("bool_dealloc" /
"none_dealloc"). pyproject.toml pins a release without the bug; this fails if an upgrade brings
it back, before it reaches a health post."""

from __future__ import annotations

import sys

from ui.qt import QLabel, QObject, Signal

CALLS = 500


class _Source(QObject):
    happened = Signal(object)


def test_emitting_keeps_references_to_true_and_false() -> None:
    source = _Source()
    received: list[object] = []
    source.happened.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for index in range(CALLS):
        source.happened.emit(index)
    assert len(received) == CALLS
    assert (sys.getrefcount(True), sys.getrefcount(False)) >= before


def test_void_calls_keep_references_to_none() -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for index in range(CALLS):
        label.setText(str(index))
        label.setAccessibleName(str(index))
    assert sys.getrefcount(None) >= before - 5  # other threads may hold a few transiently
