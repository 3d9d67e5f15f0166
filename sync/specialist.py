"""The specialist console's FHIR client (Qt-free): worklist, case, claim, answer.

fhir-mapping.md §4: the kiosk places a ServiceRequest + Task on the hospital's server; the
hospital (this console) owns ``Task.status``, ``owner`` and ``output``.

- :meth:`SpecialistClient.worklist` — open Tasks (requested / received, nobody's yet; or
  accepted / in-progress owned by this specialist) for the specialist's specialties
  (``ServiceRequest.performerType.text``), stat before urgent before routine, then by the
  nearest deadline (``Task.restriction.period.end``).
- :meth:`SpecialistClient.claim` — a versioned update (``If-Match: W/"{versionId}"``) that
  sets ``owner`` and ``status: accepted``. When another console won (412, or the Task is
  already owned) it raises ``review.already_claimed`` naming the owner.
- :meth:`SpecialistClient.answer` — creates the Communication (conditional create, so a
  retry makes no second one), then completes the Task with its outputs, again versioned.
- :meth:`SpecialistClient.load_case` — everything the case view shows
  (:mod:`sync.specialist_case`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

from kiosk.errors import UserFacingError
from sync.specialist_answer import (
    URN_SYSTEM,
    build_claimed_task,
    build_communication,
    build_completed_task,
    new_communication_key,
)
from sync.specialist_case import fetch_case
from sync.specialist_http import ReviewHttp, VersionConflict
from sync.specialist_model import (
    OPEN_STATUSES,
    Answer,
    Case,
    Resource,
    Specialist,
    WorkItem,
    parse_instant,
)

UNCLAIMED = ("requested", "received")
WORKLIST_PAGE = "100"


@dataclasses.dataclass(frozen=True, slots=True)
class AnswerSent:
    task_id: str
    communication_id: str


class SpecialistClient:
    """One specialist's view of one FHIR server (see the module docstring)."""

    def __init__(
        self,
        http: ReviewHttp,
        specialist: Specialist,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.http = http
        self.specialist = specialist
        self.clock = clock if clock is not None else (lambda: dt.datetime.now(dt.UTC))

    def close(self) -> None:
        self.http.close()

    # -- worklist ------------------------------------------------------------------------

    def worklist(self) -> list[WorkItem]:
        """The open requests this specialist may take or already holds, most urgent first."""
        params = {
            "status": ",".join(OPEN_STATUSES),
            "_include": "Task:focus",
            "_count": WORKLIST_PAGE,
        }
        found = list(self.http.search("Task", params))
        requests_by_ref = {
            f"ServiceRequest/{r['id']}": r for r in found if r["resourceType"] == "ServiceRequest"
        }
        items: list[WorkItem] = []
        for task in (r for r in found if r["resourceType"] == "Task"):
            focus = str(task.get("focus", {}).get("reference", ""))
            if not focus.startswith("ServiceRequest/"):
                continue
            if focus not in requests_by_ref:  # a server without _include
                requests_by_ref[focus] = self.http.read_reference(focus)
            item = work_item(task, requests_by_ref[focus])
            if self._is_for_me(item):
                items.append(item)
        return sorted(items, key=WorkItem.sort_key)

    def _is_for_me(self, item: WorkItem) -> bool:
        mine = item.owner_reference == self.specialist.reference
        if item.status not in OPEN_STATUSES or not (mine or _is_unclaimed(item)):
            return False
        wanted = {s.casefold() for s in self.specialist.specialties}
        return not wanted or not item.specialty or item.specialty.casefold() in wanted

    # -- claim ---------------------------------------------------------------------------

    def claim(self, task_id: str) -> WorkItem:
        """Take the request; ``review.already_claimed`` (with the owner) if someone else has."""
        task = self.http.read("Task", task_id)
        self._check_claimable(task)
        if _owner_reference(task) == self.specialist.reference:
            return self._item(task)  # ours already: claiming again changes nothing
        try:
            saved = self.http.update(
                build_claimed_task(task, self.specialist, self.clock()), _version(task)
            )
        except VersionConflict:
            fresh = self.http.read("Task", task_id)
            if _owner_reference(fresh) == self.specialist.reference:
                return self._item(fresh)
            raise _claimed_by_other(fresh) from None
        return self._item(saved)

    def _check_claimable(self, task: Resource) -> None:
        status = task.get("status")
        owner = _owner_reference(task)
        if owner and owner != self.specialist.reference:
            raise _claimed_by_other(task)
        if status not in OPEN_STATUSES:
            raise UserFacingError("review.not_open", status=status)

    # -- answer --------------------------------------------------------------------------

    def answer(self, task_id: str, answer: Answer, key: str | None = None) -> AnswerSent:
        """Send the answer: the Communication first, then the completed Task (versioned).

        ``key`` identifies this answer across retries (a console keeps it until the send
        succeeds); the Communication is created with ``If-None-Exist`` on it.
        """
        key = key or new_communication_key()
        task = self.http.read("Task", task_id)
        if _owner_reference(task) != self.specialist.reference:
            if _owner_reference(task):
                raise _claimed_by_other(task)
            raise UserFacingError("review.claim_first")
        if task.get("status") not in OPEN_STATUSES:
            raise UserFacingError("review.not_open", status=task.get("status"))
        now = self.clock()
        communication = self.http.create(
            build_communication(task, answer, self.specialist, now, key),
            if_none_exist=f"identifier={URN_SYSTEM}|{key}",
        )
        completed = build_completed_task(task, str(communication["id"]), answer, now)
        try:
            self.http.update(completed, _version(task))
        except VersionConflict:
            raise UserFacingError("review.changed_meanwhile") from None
        return AnswerSent(task_id, str(communication["id"]))

    # -- case ----------------------------------------------------------------------------

    def load_case(self, item: WorkItem) -> Case:
        """Patient, visit, readings and trends, NEWS2, complaints, photos, labs, question."""
        return fetch_case(self.http, item)

    def _item(self, task: Resource) -> WorkItem:
        focus = str(task.get("focus", {}).get("reference", ""))
        return work_item(task, self.http.read_reference(focus))


def work_item(task: Resource, service_request: Resource) -> WorkItem:
    """A Task and its ServiceRequest as one worklist row."""
    owner = task.get("owner") or {}
    restriction = task.get("restriction", {}).get("period", {})
    return WorkItem(
        task_id=str(task["id"]),
        service_request_id=str(service_request.get("id", "")),
        status=str(task.get("status", "")),
        priority=str(service_request.get("priority") or task.get("priority") or "routine"),
        specialty=_specialty(service_request),
        question=_first_text(service_request.get("reasonCode", [])),
        deadline=parse_instant(restriction.get("end")),
        authored=parse_instant(task.get("authoredOn") or service_request.get("authoredOn")),
        owner_reference=owner.get("reference"),
        owner_display=owner.get("display"),
        patient_reference=str(task.get("for", {}).get("reference", "")),
        encounter_reference=task.get("encounter", {}).get("reference"),
    )


def _specialty(service_request: Resource) -> str:
    return _first_text(service_request.get("performerType", []))


def _first_text(concepts: Iterable[Resource] | Resource) -> str:
    if isinstance(concepts, dict):
        concepts = [concepts]
    for concept in concepts:
        text = concept.get("text") or next(
            (c.get("display") or c.get("code") for c in concept.get("coding", [])), None
        )
        if text:
            return str(text)
    return ""


def _is_unclaimed(item: WorkItem) -> bool:
    return item.status in UNCLAIMED and not item.owner_reference


def _owner_reference(task: Resource) -> str | None:
    owner = task.get("owner") or {}
    return owner.get("reference") or owner.get("display")


def _version(task: Resource) -> str:
    version = task.get("meta", {}).get("versionId")
    if not version:
        raise UserFacingError("review.bad_answer")
    return str(version)


def _claimed_by_other(task: Resource) -> UserFacingError:
    owner = task.get("owner") or {}
    who = owner.get("display") or owner.get("reference") or "?"
    return UserFacingError("review.already_claimed", owner=who)
