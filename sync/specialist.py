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
  (:mod:`sync.specialist_case`) and the conversation with the nurse so far.
- :meth:`SpecialistClient.start_review` — the owner opened the case: an ``accepted`` Task
  becomes ``in-progress`` (versioned; a 412 keeps whatever is newer).
- :meth:`SpecialistClient.ask` — a question to the nurse instead of an answer: the
  Communication (conditional create), then the Task ``on-hold`` (versioned)
  (:mod:`sync.specialist_thread`).
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
    Message,
    Resource,
    Specialist,
    WorkItem,
    parse_instant,
)
from sync.specialist_thread import (
    MAX_QUESTION_CHARS,
    build_on_hold_task,
    build_question,
    build_started_task,
    read_thread,
    with_attachments,
)

UNCLAIMED = ("requested", "received")
WORKLIST_PAGE = "100"
THREAD_PAGE = "100"


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
        task = self._own_open_task(task_id)
        now = self.clock()
        communication = self.http.create(
            build_communication(task, answer, self.specialist, now, key),
            if_none_exist=f"identifier={URN_SYSTEM}|{key}",
        )
        self._update_own(
            task, lambda fresh: build_completed_task(fresh, str(communication["id"]), answer, now)
        )
        return AnswerSent(task_id, str(communication["id"]))

    # -- case ----------------------------------------------------------------------------

    def load_case(self, item: WorkItem) -> Case:
        """Patient, visit, readings and trends, NEWS2, complaints, photos, labs, question,
        and the questions to the nurse with her replies."""
        case = fetch_case(self.http, item)
        return dataclasses.replace(case, thread=self.thread(item))

    def thread(self, item: WorkItem) -> tuple[Message, ...]:
        """The Communications about this request's Task: questions and replies, oldest first,
        with what the nurse attached to her replies."""
        if not item.service_request_id:
            return ()
        params = {
            "based-on": f"ServiceRequest/{item.service_request_id}",
            "_count": THREAD_PAGE,
        }
        thread = read_thread(list(self.http.search("Communication", params)), item.task_id)
        return with_attachments(self.http, thread)  # the readings and photos of her replies

    # -- looking at it, asking the nurse -------------------------------------------------

    def start_review(self, task_id: str) -> WorkItem:
        """The owner opened the case: ``accepted`` → ``in-progress``. Anything else (not
        ours, already further along, or changed meanwhile: 412) is left as it is."""
        task = self.http.read("Task", task_id)
        if _owner_reference(task) != self.specialist.reference or task.get("status") not in (
            "received",
            "accepted",
        ):
            return self._item(task)
        try:
            saved = self.http.update(build_started_task(task, self.clock()), _version(task))
        except VersionConflict:
            return self._item(self.http.read("Task", task_id))
        return self._item(saved)

    def ask(self, task_id: str, text: str, key: str | None = None) -> WorkItem:
        """Ask the nurse instead of answering: the question, then the Task ``on-hold``.

        ``key`` identifies this question across retries (conditional create, as
        :meth:`answer`); a 412 on the Task raises ``review.changed_meanwhile``.
        """
        words = text.strip()
        if not words:
            raise UserFacingError("consult.ask.empty")
        if len(words) > MAX_QUESTION_CHARS:
            raise UserFacingError("consult.ask.too_long", limit=MAX_QUESTION_CHARS)
        key = key or new_communication_key()
        task = self._own_open_task(task_id)
        now = self.clock()
        self.http.create(
            build_question(task, words, self.specialist, now, key),
            if_none_exist=f"identifier={URN_SYSTEM}|{key}",
        )
        if task.get("status") == "on-hold":  # a second question: the Task already waits
            return self._item(task)
        saved = self._update_own(task, lambda fresh: build_on_hold_task(fresh, now))
        return self._item(saved)

    def _update_own(self, task: Resource, build: Callable[[Resource], Resource]) -> Resource:
        """Write ``build(task)`` with If-Match. When the only change meanwhile was this
        console's own "looking at it" (``accepted`` → ``in-progress``, sent in the
        background when the case was claimed or opened), write it again on the new version;
        any other change raises ``review.changed_meanwhile``."""
        try:
            return self.http.update(build(task), _version(task))
        except VersionConflict:
            fresh = self._own_open_task(str(task["id"]))
            started = task.get("status") in ("received", "accepted")
            if not (started and fresh.get("status") == "in-progress"):
                raise UserFacingError("review.changed_meanwhile") from None
        try:
            return self.http.update(build(fresh), _version(fresh))
        except VersionConflict:
            raise UserFacingError("review.changed_meanwhile") from None

    def _own_open_task(self, task_id: str) -> Resource:
        task = self.http.read("Task", task_id)
        if _owner_reference(task) != self.specialist.reference:
            if _owner_reference(task):
                raise _claimed_by_other(task)
            raise UserFacingError("review.claim_first")
        if task.get("status") not in OPEN_STATUSES:
            raise UserFacingError("review.not_open", status=task.get("status"))
        return task

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
        notes=tuple(
            str(note["text"]) for note in service_request.get("note", []) if note.get("text")
        ),
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
