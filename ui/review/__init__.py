"""The remote specialist's console (``kiosk review --server URL``): a desktop window.

- :mod:`ui.review.window` — the window: worklist left, the case and the answer right.
- :mod:`ui.review.worklist` — open requests, most urgent first, refreshed by a poll.
- :mod:`ui.review.case_view` — patient, question, NEWS2, vitals with trends, complaints, labs.
- :mod:`ui.review.photos` — photos full size with zoom, and side by side with an earlier one.
- :mod:`ui.review.answer_form` — advice, ICD-10 codes (offline lookup), plan, decision, follow-up.
- :mod:`ui.review.service` — every server call in a worker thread, results back on the GUI thread.
- :mod:`ui.review.cli` — the ``kiosk review`` command; :mod:`ui.review.screenshots` — PNGs for docs.

The FHIR work itself is Qt-free, in :mod:`sync.specialist`.
"""
