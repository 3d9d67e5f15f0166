"""Walking a screen's widgets for the accessibility and layout checks.

Shared by tests/ui/test_accessibility.py and tests/ui/test_layout_sizes.py: which widgets
are interactive controls, what name assistive technology hears for each, the order the Tab
key visits them, and a description precise enough to find a widget in the source.
"""

from __future__ import annotations

from ui.qt import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QAccessible,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QTextEdit,
    QWidget,
)

#: Controls a person operates (buttons and check boxes are QAbstractButtons).
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractSlider,
    QPlainTextEdit,
    QTextEdit,
)
#: Controls where a person types (they must take the keyboard focus).
INPUT_FIELDS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit)


def is_interactive(widget: QWidget) -> bool:
    if not isinstance(widget, INTERACTIVE):
        return False
    if isinstance(widget, QPlainTextEdit | QTextEdit) and widget.isReadOnly():
        return False
    if isinstance(widget, QAbstractSlider) and isinstance(
        widget.parentWidget(), QAbstractScrollArea
    ):
        return False  # a scroll area's own scroll bar: Qt's, reached by scrolling
    return not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)  # their parts


def shown(widget: QWidget, root: QWidget) -> bool:
    """Visible on ``root`` now (itself and every ancestor shown), and not zero-sized."""
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def controls(root: QWidget) -> list[QWidget]:
    """The interactive controls shown on ``root``, in creation order."""
    found = root.findChildren(QWidget)
    return [w for w in found if is_interactive(w) and shown(w, root)]


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible name, else Qt's fallback (a
    button's text, a field's label buddy)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName() or "").strip()


def takes_tab_focus(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def tab_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits on ``root``, in order (what QWidget.focusNextChild does:
    the focus chain, keeping those shown, enabled and taking Tab focus)."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if takes_tab_focus(widget) and widget.isEnabled() and shown(widget, root):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def describe(widget: QWidget) -> str:
    """``ClassName#objectName 'text'`` inside its named ancestors."""
    text = ""
    if isinstance(widget, QAbstractButton | QLineEdit):
        text = widget.text()
    own = f"{type(widget).__name__}#{widget.objectName() or '?'}"
    if text:
        own += f" {text[:30]!r}"
    parents: list[str] = []
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName():
            parents.append(parent.objectName())
        parent = parent.parentWidget()
    return own + (f" in {'/'.join(reversed(parents))}" if parents else "")


def top_left(widget: QWidget, root: QWidget) -> tuple[int, int]:
    point = widget.mapTo(root, widget.rect().topLeft())
    return point.x(), point.y()


def in_scrolled_content(widget: QWidget, root: QWidget) -> bool:
    """Inside a scroll area's viewport: it may lie outside the window until scrolled to."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def unexplained(problems: list[str], known_gaps: dict[str, str]) -> list[str]:
    """The problems no known gap explains, plus a line for each known gap that no longer
    occurs (fixed: delete it from the list, which only shrinks)."""
    left = [p for p in problems if not any(gap in p for gap in known_gaps)]
    fixed = [
        f"known gap no longer seen, remove it from KNOWN_GAPS: {gap!r} ({owner})"
        for gap, owner in known_gaps.items()
        if not any(gap in p for p in problems)
    ]
    return left + fixed
