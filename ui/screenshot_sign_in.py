"""The sign-in screen for ``kiosk screenshots``: synthetic staff in the temporary store.

The accounts get random PINs (nobody signs in with them); the screen shows the second
member chosen and four digits typed, so the shot has the name list, the prompt, the dots
and the PIN pad. It runs on the screenshot's temporary data folder only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kiosk.sign_in_flow import SignInFlow, add_demo_staff
from ui.app import Backend
from ui.bridge import QtBridge
from ui.screens.sign_in import SignInScreen

Must = Callable[[Callable[[], bool], str], None]
TYPED = "1234"


def sign_in_screen(
    backend: Backend, bridge: QtBridge, members: Sequence[tuple[str, str, str]], must: Must
) -> SignInScreen:
    """The screen, shown, with ``members`` (the first an administrator) as its staff."""
    backend.runtime.write(add_demo_staff, members).result(timeout=30)
    screen = SignInScreen(SignInFlow(backend.runtime), bridge)
    screen.show()
    screen.load()
    must(lambda: len(screen.name_buttons) == len(members), "the sign-in screen's names")
    screen.choose(screen.staff[1 if len(screen.staff) > 1 else 0])
    for digit in TYPED:
        screen.press_digit(digit)
    return screen
