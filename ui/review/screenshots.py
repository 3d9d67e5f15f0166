"""The console as PNG files for the docs, from FHIR JSON fixtures (no server needed).

:func:`render_review_screenshots` loads ``ui/review/demo_case.json`` (four kiosk requests as
the kiosk sends them, and one full case: patient, two visits' vitals, NEWS2, complaints and
two photos), turns it into worklist rows and a :class:`~sync.specialist_model.Case` with the
same pure functions the live console uses, and grabs the real window in three states:

- ``review-case-{lang}.png`` — the worklist and the case summary with trends;
- ``review-photos-{lang}.png`` — a photo beside the earlier visit's one, zoomed;
- ``review-answer-{lang}.png`` — the request claimed, the answer form filled in.

The lead's ``ui/screenshots.py`` (or ``kiosk screenshots``) may call it; it needs a
``QApplication`` (the offscreen platform is enough).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

from sync.specialist import work_item
from sync.specialist_case import CaseResources, build_case
from sync.specialist_model import Case, Decision, Diagnosis, Specialist, WorkItem
from ui.i18n import Translations
from ui.qt import QApplication
from ui.review.window import ReviewWindow

DEMO_CASE = Path(__file__).resolve().parent / "demo_case.json"
SIZE = (1400, 900)
#: The moment the demo is looked at: the first request is not yet overdue, one other is.
DEMO_NOW = dt.datetime(2026, 11, 26, 6, 30, tzinfo=dt.UTC)
DEMO_SPECIALIST = Specialist("Practitioner/demo", "Dr Aigerim Seitkali", ("dermatologist",))
ADVICE = {
    "kk": "Контактілі дерматит болуы мүмкін. Цетиризин 10 мг күніне 1 рет, 5 күн.",
    "ru": "Похоже на контактный дерматит. Цетиризин 10 мг 1 раз в день, 5 дней.",
    "en": "Looks like contact dermatitis. Cetirizine 10 mg once a day for 5 days.",
}


def load_demo(path: Path = DEMO_CASE) -> tuple[list[WorkItem], Case]:
    """The demo worklist (most urgent first) and its first request's case."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    requests = {f"ServiceRequest/{sr['id']}": sr for sr in data["service_requests"]}
    items = [work_item(t, requests[t["focus"]["reference"]]) for t in data["tasks"]]
    items.sort(key=WorkItem.sort_key)
    raw = data["case"]
    item = next(i for i in items if i.task_id == raw["task_id"])
    found = CaseResources(
        patient=raw["patient"],
        encounter=raw["encounter"],
        observations=tuple(raw["observations"]),
        responses=tuple(raw["responses"]),
        media=tuple(raw["media"]),
        reports=(),
        photo_bytes={k: base64.b64decode(v) for k, v in raw["photos"].items()},
    )
    return items, build_case(item, found)


def render_review_screenshots(out_dir: Path, language: str) -> list[Path]:
    """Write the three PNGs for ``language`` into ``out_dir``; their paths."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    translations = Translations(app)
    translations.use(language)
    out_dir.mkdir(parents=True, exist_ok=True)
    items, case = load_demo()
    window = ReviewWindow(None, language, clock=lambda: DEMO_NOW, specialist=DEMO_SPECIALIST)
    try:
        window.resize(*SIZE)
        window.show()
        window._listed(items)
        window.worklist.blockSignals(True)
        window.worklist.selectRow(
            next(i for i, it in enumerate(items) if it.task_id == case.item.task_id)
        )
        window.worklist.blockSignals(False)
        window.show_case(case)
        written = [_grab(window, app, out_dir / f"review-case-{language}.png")]
        window.case_view.setCurrentIndex(2)
        photos = window.case_view.photos
        photos.compare.setChecked(True)
        app.processEvents()
        photos.zoom_in()
        written.append(_grab(window, app, out_dir / f"review-photos-{language}.png"))
        window.case_view.setCurrentIndex(0)
        _claimed_with_answer(window, case, language)
        written.append(_grab(window, app, out_dir / f"review-answer-{language}.png"))
        return written
    finally:
        window.close()
        window.deleteLater()
        translations.uninstall()


def _claimed_with_answer(window: ReviewWindow, case: Case, language: str) -> None:
    import dataclasses

    mine = dataclasses.replace(
        case.item,
        status="accepted",
        owner_reference=DEMO_SPECIALIST.reference,
        owner_display=DEMO_SPECIALIST.display,
    )
    window.show_case(dataclasses.replace(case, item=mine))
    form = window.form
    form.clear(today=DEMO_NOW.date())
    form.advice.setPlainText(ADVICE[language])
    for code in ("L25.9", "R50.9"):
        form.code_field.setText(code)
        form.add_code()
    form.plan.setPlainText("—")
    form.decision_buttons[Decision.MANAGE_LOCALLY].setChecked(True)
    assert all(isinstance(d, Diagnosis) for d in form.diagnoses)


def _grab(window: ReviewWindow, app: QApplication, path: Path) -> Path:
    app.processEvents()
    if not window.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
