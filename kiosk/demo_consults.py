"""A synthetic answered consultation for screenshots and demos (no real patient).

A request about the newest saved visit, then a specialist's answer written by
:func:`kiosk.consult_updates.apply_update` — the same function the pull uses — so the
screens show exactly what a real answer looks like. Run it on the writer thread.
"""

from __future__ import annotations

import datetime as dt

from kiosk import consults
from kiosk.consult_updates import ConsultUpdate, apply_update, record_created
from kiosk.store.db import Store

#: The synthetic specialist's answer (made up; no real patient).
ANSWER = (
    "Бронхит. Амоксициллин 500 мг 3 раза в день 7 дней, обильное питьё. "
    "Если температура выше 38,5 через 3 дня — направить в районную больницу."
)


def answered_consult(store: Store, now: dt.datetime) -> str:
    """A request about the newest saved visit and its answer; the request's id."""
    encounter_id = store.scalar(
        "SELECT id FROM encounters WHERE status = 'finished' ORDER BY started_at DESC LIMIT 1"
    )
    if encounter_id is None:
        raise LookupError("no saved visit to ask about")
    asked = now - dt.timedelta(hours=2)
    request = consults.ConsultRequest(str(encounter_id), "therapist", "urgent", "Кашель 5 дней?")
    consult_id = consults.request_consult(store, request, now=asked)
    with store.transaction() as conn:
        record_created(
            conn,
            consult_id,
            server_request_id="shot-sr",
            server_task_id="shot-task",
            task_version="1",
            now=asked,
        )
    update = ConsultUpdate(
        server_task_id="shot-task",
        task_version="2",
        task_updated=now.isoformat(),
        state="answered",
        owner_display="Др. Нурлан Сапаров",
        answer_text=ANSWER,
        answer_decision="manage-locally",
        answer_codes=("J20.9",),
        follow_up=(now + dt.timedelta(days=7)).date(),
        answered_at=now.isoformat(),
    )
    apply_update(store, consult_id, update, now=now)
    return consult_id
