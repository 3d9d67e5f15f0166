"""Start the console: the Qt application, the catalogues, the client and the window."""

from __future__ import annotations

import sys

from sync.specialist import SpecialistClient
from sync.specialist_http import ReviewHttp
from sync.specialist_model import Specialist
from ui.app import quit_on_signals
from ui.i18n import Translations
from ui.qt import QApplication
from ui.review.service import ReviewService
from ui.review.window import ReviewWindow

WINDOW_SIZE = (1400, 900)


def build_service(
    server: str, token: str | None, specialist: Specialist, ca_bundle: str | None = None
) -> ReviewService:
    return ReviewService(
        SpecialistClient(ReviewHttp(server, token, ca_bundle=ca_bundle), specialist)
    )


def run_console(
    server: str,
    token: str,
    specialist: Specialist,
    ca_bundle: str | None,
    poll_ms: int,
    language: str,
) -> int:
    """Show the console until its window closes; the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Dala Kiosk review")
    translations = Translations(app)
    translations.use(language)
    service = build_service(server, token, specialist, ca_bundle)
    try:
        window = ReviewWindow(service, language, poll_ms=poll_ms)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.start()
        heartbeat = quit_on_signals(app)  # SIGINT / SIGTERM close the window cleanly
        code = app.exec()
        heartbeat.stop()
        window.poll.stop()
        return code
    finally:
        service.close()
        translations.uninstall()
