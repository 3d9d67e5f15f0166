"""The consultations screen's view model, Qt-free (issue 9; ``ui/screens/consults.py``).

:class:`ConsultsModel` hands the screen futures: the kiosk's requests (with each patient's
display name, :class:`ConsultRow`) read on the runtime's reader thread; opening a request
(it is marked read), re-routing, escalating and the nurse's reply to a specialist's question
(:func:`kiosk.consult_messages.reply`, with the new readings and photos the nurse ticked,
offered by :meth:`ConsultsModel.attachable`) run on the single writer. The requests
themselves and their rules live in :mod:`kiosk.consults`; this module only adds the
patient's name, which :class:`~kiosk.consults.ConsultView` does not carry.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

from kiosk import consult_messages, consult_reply_attachments, consults
from kiosk.consult_messages import ConsultMessage
from kiosk.consults import ConsultView
from kiosk.domain import utc_now
from kiosk.runtime import Runtime
from kiosk.store.db import Store

Clock = Callable[[], dt.datetime]
#: states in which the nurse may send the request elsewhere or raise its urgency
ACTIONABLE_STATES = consults.OPEN_STATES | {"rejected", "failed", "cancelled"}


@dataclasses.dataclass(frozen=True)
class ConsultRow:
    """One request as the screen shows it: the view and its patient's display name."""

    view: ConsultView
    patient_name: str
    replaced: bool = False

    @property
    def actionable(self) -> bool:
        """Whether "Send to another specialty" / "Escalate" apply (open, overdue, declined,
        and not already replaced by a newer request)."""
        return self.view.state in ACTIONABLE_STATES and not self.replaced

    @property
    def asks(self) -> ConsultMessage | None:
        """The specialist's question waiting for the nurse's reply ("Specialist asks")."""
        return None if self.replaced else self.view.open_question

    @property
    def reply_waiting(self) -> ConsultMessage | None:
        """The nurse's newest reply while the server does not have it yet."""
        replies = [m for m in self.view.messages if m.direction == "reply"]
        return replies[-1] if replies and replies[-1].server_id is None else None

    @property
    def can_escalate(self) -> bool:
        """Escalating needs a higher urgency to go to (an emergency cannot be raised)."""
        return self.actionable and self.view.urgency != consults.URGENCY_ORDER[-1]


def patient_names(store: Store, patient_ids: Iterable[str]) -> dict[str, str]:
    """Each patient's display name (family and given name), by id; unknown ids are left out."""
    wanted = list(dict.fromkeys(patient_ids))
    names: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.query(
            f"SELECT id, family, given FROM patients WHERE id IN ({marks})", tuple(chunk)
        )
        for row in rows:
            names[str(row["id"])] = f"{row['family']} {row['given']}".strip()
    return names


def replaced_ids(store: Store) -> frozenset[str]:
    """Requests already replaced by a newer one (no more re-routing or escalating)."""
    rows = store.query("SELECT id FROM consults WHERE replaced_by IS NOT NULL")
    return frozenset(str(row["id"]) for row in rows)


def load_rows(store: Store, now: dt.datetime, patient_id: str | None = None) -> list[ConsultRow]:
    """The requests (of one patient, if given), newest first, with their patients' names."""
    views = consults.list_consults(store, now=now, patient_id=patient_id)
    names = patient_names(store, (view.patient_id for view in views))
    replaced = replaced_ids(store)
    return [ConsultRow(view, names.get(view.patient_id, ""), view.id in replaced) for view in views]


def open_consult(store: Store, consult_id: str, now: dt.datetime) -> ConsultRow:
    """Mark the request read and return it as the screen shows it (writer thread)."""
    consults.mark_read(store, consult_id)
    view = consults.get_consult(store, consult_id, now=now)
    name = patient_names(store, [view.patient_id]).get(view.patient_id, "")
    return ConsultRow(view, name, consult_id in replaced_ids(store))


class ConsultsModel:
    """Futures for the consultations screen (see the module docstring)."""

    def __init__(self, runtime: Runtime, clock: Clock = utc_now) -> None:
        self.runtime = runtime
        self.clock = clock

    def list(self, patient_id: str | None = None) -> concurrent.futures.Future[list[ConsultRow]]:
        return self.runtime.read(load_rows, self.clock(), patient_id)

    def open(self, consult_id: str) -> concurrent.futures.Future[ConsultRow]:
        return self.runtime.write(open_consult, consult_id, self.clock())

    def reroute(self, consult_id: str, specialty: str) -> concurrent.futures.Future[str]:
        return self.runtime.write(_reroute, consult_id, specialty, self.clock())

    def escalate(self, consult_id: str) -> concurrent.futures.Future[str]:
        return self.runtime.write(_escalate, consult_id, self.clock())

    def attachable(
        self, consult_id: str, language: str
    ) -> concurrent.futures.Future[consult_reply_attachments.Attachable]:
        """New readings and photos the reply to the open question may carry (reader)."""
        return self.runtime.read(consult_reply_attachments.attachable, consult_id, language)

    def reply(
        self,
        consult_id: str,
        text: str,
        reading_ids: Iterable[str] = (),
        media_ids: Iterable[str] = (),
    ) -> concurrent.futures.Future[ConsultRow]:
        """Save and queue the nurse's reply with the new readings and photos she ticked;
        the request as shown afterwards."""
        readings, photos = tuple(reading_ids), tuple(media_ids)
        return self.runtime.write(_reply, consult_id, text, readings, photos, self.clock())


def _reroute(store: Store, consult_id: str, specialty: str, now: dt.datetime) -> str:
    return consults.reroute(store, consult_id, specialty=specialty, now=now)


def _escalate(store: Store, consult_id: str, now: dt.datetime) -> str:
    return consults.escalate(store, consult_id, now=now)


def _reply(
    store: Store,
    consult_id: str,
    text: str,
    readings: tuple[str, ...],
    photos: tuple[str, ...],
    now: dt.datetime,
) -> ConsultRow:
    consult_messages.reply(store, consult_id, text, now=now, reading_ids=readings, media_ids=photos)
    return open_consult(store, consult_id, now)
