"""The printable visit summary as an A4 PDF (QPdfWriter + QTextDocument).

The content comes Qt-free and already translated from :func:`kiosk.visit_summary.build_summary`
(in the patient's language); this module only lays it out and formats its dates and
numbers in the form of that language's locale (:mod:`ui.screens.screen_kit`). Patient
values are HTML-escaped, never interpreted.

:func:`write_visit_pdf` writes synchronously (any thread: painting on a PDF device is
allowed off the GUI thread); :func:`write_visit_pdf_async` does it on a short-lived worker
thread and returns a future, so the screen never waits on the disk. The file is written
next to its final name and renamed into place, so a half-written PDF is never left there.
"""

from __future__ import annotations

import concurrent.futures
import html
import os
import threading
from pathlib import Path

from kiosk.i18n import translate
from kiosk.visit_summary import Line, VisitSummary
from ui.qt import QImage, QMarginsF, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QUrl
from ui.screens.screen_kit import format_shown, locale_for

RESOLUTION_DPI = 300
THUMB_URL = "dala-thumb:"
THUMB_WIDTH = 150  # px of the document: about 4 cm on A4
MARGIN_MM = 15
STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt; color: #000000; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 10pt; margin-bottom: 2pt; border-bottom: 1px solid #000; }
td.label { font-weight: bold; padding-right: 12pt; }
p.footer { font-size: 8pt; color: #333333; }
"""


def _row(line: Line, summary: VisitSummary) -> str:
    locale = locale_for(summary.language)
    value = html.escape(format_shown(locale, line.value))
    note = f" <i>({html.escape(line.note)})</i>" if line.note else ""
    return f'<tr><td class="label">{html.escape(line.label)}</td><td>{value}{note}</td></tr>'


def summary_html(summary: VisitSummary) -> str:
    """The summary as rich text for QTextDocument (escaped, locale-formatted)."""
    parts = [f"<h1>{html.escape(summary.title)} — {html.escape(summary.encounter_number)}</h1>"]
    for section in summary.sections:
        parts.append(f"<h2>{html.escape(section.heading)}</h2>")
        parts.append('<table cellspacing="0" cellpadding="3">')
        parts.extend(_row(line, summary) for line in section.lines)
        parts.append("</table>")
    if summary.thumbnails:
        heading = translate("screens.summary.photos", summary.language)
        parts.append(f"<h2>{html.escape(heading)}</h2><p>")
        parts.extend(
            f'<img src="{THUMB_URL}{i}" width="{THUMB_WIDTH}"> '
            for i in range(len(summary.thumbnails))
        )
        parts.append("</p>")
    footer = summary.footer
    stamp = format_shown(locale_for(summary.language), footer.value)
    parts.append(f'<p class="footer">{html.escape(footer.label)} {html.escape(stamp)}</p>')
    return "<html><body>" + "".join(parts) + "</body></html>"


def write_visit_pdf(summary: VisitSummary, path: Path) -> Path:
    """Write the summary as an A4 PDF at ``path`` (atomically) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(f"{summary.title} {summary.encounter_number}")
    writer.setCreator("Dala Kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    for index, data in enumerate(summary.thumbnails):
        image = QImage.fromData(data)
        if not image.isNull():
            kind = QTextDocument.ResourceType.ImageResource
            document.addResource(kind, QUrl(f"{THUMB_URL}{index}"), image)
    document.setHtml(summary_html(summary))
    document.print_(writer)
    del writer  # closes and flushes the file
    with open(partial, "rb") as written:
        os.fsync(written.fileno())
    partial.replace(path)
    return path


def write_visit_pdf_async(summary: VisitSummary, path: Path) -> concurrent.futures.Future[Path]:
    """:func:`write_visit_pdf` on a worker thread that ends with the job."""
    future: concurrent.futures.Future[Path] = concurrent.futures.Future()

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(write_visit_pdf(summary, path))
        except BaseException as error:  # handed to the caller's on_failure
            future.set_exception(error)

    threading.Thread(target=work, name="visit-pdf", daemon=True).start()
    return future
