"""``kiosk screenshots --out DIR``: every screen in every language at every kiosk size.

The real app in demo mode: the :class:`~ui.app.Backend` on a temporary data folder (the
user's store is never opened), the simulated devices of :mod:`kiosk.demo_devices`, the
demo camera clip and the real :class:`~ui.main_window.MainWindow`. The script drives the
window as a nurse would (typing, Save, the language buttons, "Add photo", Take photo,
"Back to the visit") and grabs it with ``QWidget.grab()`` into
``DIR/{screen}-{lang}-{W}x{H}.png`` (256-colour PNG, see :func:`shrink`).

It first waits for the pulse oximeter's live values (at most :data:`OXIMETER_TIMEOUT_S`)
and up to ``demo_wait`` seconds for one measurement of each Bluetooth device (they
measure once on connecting; their long pause here keeps the tiles from changing between
shots); whatever the tiles show then is what every shot shows.

Works on the ``offscreen`` platform (chosen when there is no display) and under Xvfb.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import PIL.Image

from kiosk.camera_source import camera_source
from kiosk.config import KioskConfig
from kiosk.i18n import LANGUAGES
from ui.app import Backend
from ui.bridge import QtBridge
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.qt import QApplication, QPushButton, QWidget

#: The screens, in the order they are reached (each step builds on the one before).
SCREENS = (
    "visit", "visit-error", "camera", "camera-review", "review", "visit-saved", "home",
    "history", "finder", "consults", "sign-in",
)  # fmt: skip
#: The kiosk's own screen and a full-HD monitor.
SIZES = ((1024, 600), (1920, 1080))
#: Seconds to wait for a Bluetooth device's first measurement unless told otherwise.
DEMO_WAIT_S = 40.0
OXIMETER_TIMEOUT_S = 20.0
#: Camera preview, photo capture, a draft or a save: each must be done within this.
STEP_TIMEOUT_S = 20.0
#: Seconds the demo's Bluetooth devices sleep after their first measurement (longer than
#: a whole run, so their tiles do not start a new measurement half-way through the set).
BLE_PAUSE_S = 600.0
#: The demo patient typed into the form.
PATIENT = ("Серікбаева", "Әйгерім", "1987-03-14")
BAD_BIRTH_DATE = "1987-02-30"


#: The synthetic staff of the sign-in screen (user name, name, role); their PINs are random.
STAFF = (
    ("aigerim", "Әйгерім Серікбаева", "administrator"),
    ("dana", "Дана Омарова", "nurse"),
    ("marat", "Марат Жұмабаев", "technician"),
)


def shrink(path: Path) -> None:
    """Rewrite a PNG with a 256-colour palette: a screen of flat colours and anti-aliased
    text looks the same at a third of the size (the files are committed to the repo)."""
    with PIL.Image.open(path) as grabbed:
        palette = grabbed.convert("RGB").quantize(
            colors=256, method=PIL.Image.Quantize.MEDIANCUT, dither=PIL.Image.Dither.NONE
        )
    palette.save(path, optimize=True)


class ScreenshotError(Exception):
    """A step did not happen in time, or the window could not take a size."""


class _AllShot(Exception):
    """Every screen of the plan is written: the later steps are not needed."""


@dataclasses.dataclass(frozen=True)
class Plan:
    """What to shoot: screens × languages × sizes, written into ``out``."""

    out: Path
    screens: Sequence[str] = SCREENS
    languages: Sequence[str] = LANGUAGES
    sizes: Sequence[tuple[int, int]] = SIZES
    demo_wait: float = DEMO_WAIT_S


def file_name(screen: str, language: str, size: tuple[int, int]) -> str:
    return f"{screen}-{language}-{size[0]}x{size[1]}.png"


def choose_platform(environ: dict[str, str] | None = None) -> None:
    """Use Qt's offscreen platform when nothing else is asked for and there is no display."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"


def take_screenshots(config: KioskConfig, plan: Plan, report: Callable[[Path], None]) -> int:
    """Write the plan's files, calling ``report`` with each one; the number written.

    ``config`` gives the settings; its data folder is replaced by a temporary one, and no
    server, port or paired device of it is used. Raises :class:`ScreenshotError`.
    """
    choose_platform()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["kiosk"])
    app.setApplicationName("Dala Kiosk")
    plan.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as data_dir:
        demo_config = dataclasses.replace(
            config,
            data_dir=Path(data_dir),
            server_url=None,
            server_token=None,
            ports={},
            ble_devices={},
        )
        translations = Translations(app)
        backend = Backend.open(demo_config)
        bridge = QtBridge(backend.runtime.events)
        window: MainWindow | None = None
        try:
            backend.start_demo_devices(bp_every=BLE_PAUSE_S, temperature_every=BLE_PAUSE_S)
            window = MainWindow(
                backend.quick_visit(),
                bridge,
                translations,
                plan.languages[0],
                camera_source=camera_source(demo_config, demo=True, environ={}),
            )
            window.resize(*plan.sizes[0])
            window.show()
            return _Session(app, window, plan, report, backend, bridge).run()
        finally:
            if window is not None:
                window.camera.stop()
                window.close()
                window.deleteLater()
            bridge.detach()
            backend.stop()
            translations.uninstall()
            app.processEvents()


class _Session:
    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        plan: Plan,
        report: Callable[[Path], None],
        backend: Backend,
        bridge: QtBridge,
    ) -> None:
        self.app = app
        self.backend = backend
        self.bridge = bridge
        self.window = window
        self.plan = plan
        self.report = report
        self.written = 0
        self.shot: set[str] = set()

    # -- waiting -------------------------------------------------------------------------

    def settle(self, seconds: float = 0.15) -> None:
        """Let Qt deliver events and lay out for a moment."""
        end = time.monotonic() + seconds
        while True:
            self.app.processEvents()
            if time.monotonic() >= end:
                return
            time.sleep(0.01)

    def wait_until(self, done: Callable[[], bool], seconds: float) -> bool:
        end = time.monotonic() + seconds
        while not done():
            if time.monotonic() >= end:
                return False
            self.app.processEvents()
            time.sleep(0.02)
        return True

    def must(self, done: Callable[[], bool], what: str, seconds: float = STEP_TIMEOUT_S) -> None:
        if not self.wait_until(done, seconds):
            raise ScreenshotError(f"{what} did not happen within {seconds:g} s")

    # -- the run ---------------------------------------------------------------------------

    def run(self) -> int:
        with contextlib.suppress(_AllShot):
            if set(self.plan.screens) == {"sign-in"}:
                self.sign_in()  # needs none of the visit's steps
            self._steps()
        return self.written

    def _steps(self) -> None:
        window = self.window
        self.must(
            lambda: window.tile.spo2_value.text().isdigit(),
            "the demo pulse oximeter's first reading",
            OXIMETER_TIMEOUT_S,
        )
        self.wait_until(
            lambda: window.bp_tile.measured and window.thermometer_tile.measured,
            self.plan.demo_wait,
        )
        self.must(lambda: window._unsynced is not None, "the status line")
        family, given, birth = PATIENT
        window.open_visit("patient")
        window.family.setText(family)
        window.given.setText(given)
        window.birth_date.setText(birth)
        window.family.clearFocus()
        window.open_visit("devices")
        self.must(lambda: window.current == "visit", "the visit page")
        self.shoot("visit")

        window.open_visit("patient")
        window.birth_date.setText(BAD_BIRTH_DATE)
        window.save_button.click()
        self.must(lambda: bool(window.message.text()), "the validation message")
        self.shoot("visit-error")
        window.show_message(None)
        window.birth_date.setText(birth)
        window.open_visit("devices")

        window.add_photo_button.click()
        self.must(lambda: window.showing_camera, "the camera page")
        camera = window.camera
        self.must(
            lambda: camera.encounter_id is not None and not camera.preview.pixmap().isNull(),
            "the demo camera's preview",
        )
        self.shoot("camera")

        self.must(camera.capture_button.isEnabled, "the Take photo button")
        camera.capture_button.click()
        self.must(lambda: bool(camera.verdict_label.text()), "the photo's quality verdict")
        self.shoot("camera-review")

        window.back_button.click()
        self.must(lambda: not window.showing_camera, "the way back to the visit")
        window.show_review()
        self.must(lambda: window.current == "review", "the review page")
        self.shoot("review")
        window.save_button.click()
        self.must(
            lambda: window.save_button.isEnabled() and bool(window.message.text()),
            "saving the demo visit",
        )
        self.shoot("visit-saved")
        window.show_message(None)
        self.page("home")
        self.history()
        self.page("finder")
        self.consults()
        if "sign-in" in self.plan.screens:
            self.sign_in()

    def page(self, name: str) -> None:
        """Shoot the window's page ``name`` (home, the patient finder, ...)."""
        if name not in self.plan.screens:
            return
        if not self.window.has_page(name):
            raise ScreenshotError(f"the window has no {name} page")
        self.window.go(name)
        self.must(lambda: self.window.current == name, f"the {name} page")
        self.settle(0.5)  # its lists are read on the reader thread
        self.shoot(name)

    def history(self) -> None:
        """Home's row of the demo visit opens that patient's history (trends, visits)."""
        if "history" not in self.plan.screens:
            return
        self.window.home()
        self.must(lambda: bool(self._visit_rows()), "the demo visit on Home")
        self._visit_rows()[0].click()
        self.must(lambda: self.window.current == "history", "the history page")
        self.settle(1.0)  # the visits and trends are read on the reader thread
        self.shoot("history")

    def consults(self) -> None:
        """A synthetic answered consultation about the demo visit (ui/screenshot_consults.py)."""
        if "consults" not in self.plan.screens:
            return
        from ui.screenshot_consults import show_answered_consult

        show_answered_consult(self.backend, self.window, self.must)
        self.settle(0.5)
        self.shoot("consults")

    def _visit_rows(self) -> list[QPushButton]:
        return self.window.findChildren(QPushButton, "visitRow")

    def sign_in(self) -> None:
        """The sign-in screen with the synthetic staff, a name chosen and four digits typed
        (last: once staff exist, the kiosk is no longer in setup mode)."""
        from ui.screenshot_sign_in import sign_in_screen

        screen = sign_in_screen(self.backend, self.bridge, STAFF, self.must)
        try:
            self.shoot("sign-in", screen)
        finally:
            screen.close()
            screen.deleteLater()

    def shoot(self, screen: str, widget: QWidget | None = None) -> None:
        """Grab ``widget`` (default: the window) in every size and language of the plan."""
        if screen not in self.plan.screens:
            return
        target = self.window if widget is None else widget
        for size, language in self._shots(target):
            path = self.plan.out / file_name(screen, language, size)
            image = target.grab()
            if (image.width(), image.height()) != size:
                raise ScreenshotError(
                    f"the window is {image.width()}x{image.height()}, not {size[0]}x{size[1]}"
                    " (its minimum size is larger?)"
                )
            if not image.save(str(path), "PNG"):
                raise ScreenshotError(f"could not write {path}")
            shrink(path)
            self.written += 1
            self.report(path)
        self.shot.add(screen)
        if self.shot >= set(self.plan.screens):
            raise _AllShot

    def _shots(self, window: QWidget) -> Iterator[tuple[tuple[int, int], str]]:
        for size in self.plan.sizes:
            window.resize(*size)
            self.settle()
            if (window.width(), window.height()) != size:
                minimum = window.minimumSizeHint()
                raise ScreenshotError(
                    f"the window cannot be {size[0]}x{size[1]}: it stays "
                    f"{window.width()}x{window.height()} (minimum {minimum.width()}x"
                    f"{minimum.height()})"
                )
            for language in self.plan.languages:
                self.window.language_buttons[language].click()  # the catalogue for both
                self.settle()
                yield size, language
