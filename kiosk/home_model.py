"""The view model of the nurse's home screen, Qt-free: today's visits, sync state, alerts.

:class:`HomeModel` runs :func:`load_home` on the runtime's reader thread and hands back a
:class:`HomeState`; the screen only lays it out. Everything the screen shows in words is
kept as a message key with its parameters (:mod:`kiosk.i18n_screens`), so a language
switch re-renders without reading the store again.

- *Today* is the kiosk's local calendar day; encounters are stored in UTC, so the day's
  bounds are converted first. Only the current version of a corrected visit is listed.
- A visit is ``sent`` when its ``encounter`` outbox item is acknowledged, ``held`` when the
  server refused it (quarantined), ``waiting`` otherwise, ``draft`` while unfinished.
- A quarantined item's reason is read from its stored OperationOutcome
  (``outbox.last_error``, written by ``sync/engine.py``): the issues' texts, one line,
  never more than :data:`MAX_REASON` characters and never a stack trace.
- Consultation alerts come from :mod:`kiosk.consults` when it is installed (answered and
  unread, or overdue); without it the home screen simply has none.
- Device alerts (:func:`device_alert`) name the device as the nurse knows it, in the
  screen's language: its driver manifest's title in that language (:class:`DeviceNames`,
  read once from the installed drivers on the reader thread); a manifest without one gives
  its English title or ``name``; a driver that is not installed is named by its id.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from kiosk.device_api import DeviceStatus, DriverManifest, DriverPlugin
from kiosk.domain import utc_now
from kiosk.i18n import LANGUAGES, MESSAGES, translate
from kiosk.plugins import load_drivers
from kiosk.runtime import Runtime
from kiosk.services import records_sync_value
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.store.records import to_db_time

log = logging.getLogger(__name__)

MAX_REASON = 160
MAX_QUARANTINED_SHOWN = 20
#: HTTP statuses that mean "the server holds another version" (sync/recheck.py).
CONFLICT_STATUSES = frozenset({409, 412})


@dataclasses.dataclass(frozen=True, slots=True)
class VisitRow:
    """One of today's visits as the home screen lists it."""

    encounter_id: str
    patient_id: str
    number: str
    started_at: dt.datetime
    patient_name: str
    status: str  # draft / finished
    score_kind: str | None  # news2 / imci / none
    band: str | None  # low / low-medium / medium / high, None when incomplete
    total: int | None
    sync: str  # draft / waiting / sent / held

    def band_key(self) -> str:
        """The message key of the score column."""
        if self.score_kind == "imci":
            return "screens.band.imci"
        if self.score_kind == "news2":
            return f"screens.band.{self.band}" if self.band else "screens.band.incomplete"
        return "screens.band.none"


@dataclasses.dataclass(frozen=True, slots=True)
class QuarantinedItem:
    """An outbox item the server (or the kiosk's own check) refused, with its reason."""

    item_id: int
    kind: str
    status: int | None
    reason: str  # the server's words, cleaned; "" when none

    def message(self, language: str) -> str:
        kind = translate(f"screens.kind.{self.kind}", language)
        reason = self.reason or translate("screens.quarantine.no_reason", language)
        if self.status is None:
            key = "screens.quarantine.local"
        elif self.status in CONFLICT_STATUSES:
            key = "screens.quarantine.conflict"
        else:
            key = "screens.quarantine.server"
        return translate(key, language, kind=kind, status=self.status, reason=reason)


@dataclasses.dataclass(frozen=True, slots=True)
class Alert:
    """Something the nurse should act on; ``target`` is a consult id for consult alerts."""

    kind: str  # quarantined / sync_error / consult_answered / consult_question /
    # consult_overdue / device
    key: str
    params: tuple[tuple[str, Any], ...] = ()
    target: str | None = None

    def message(self, language: str) -> str:
        params = dict(self.params)
        if "specialty" in params:
            params["specialty"] = translate(f"consult.specialty.{params['specialty']}", language)
        if "error" in params and f"screens.sync_error.{params['error']}" in MESSAGES:
            params["error"] = translate(f"screens.sync_error.{params['error']}", language)
        if self.kind == "device" and params.get("reason"):
            params["reason"] = translate(
                params["reason"], language, port=params.get("port"), driver=params["device"]
            )
        return translate(self.key, language, **params)


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceNames:
    """The devices' display names by driver id and language (``titles[id][language]``),
    from the installed drivers' manifests (:meth:`DriverManifest.title`)."""

    titles: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_manifests(cls, manifests: Iterable[DriverManifest]) -> DeviceNames:
        return cls(
            {
                m.id: {language: m.title(language) for language in LANGUAGES}
                for m in manifests
                if m.title("en")
            }
        )

    def name(self, driver_id: str, language: str) -> str:
        """The title in ``language``, else the English one; the driver id for an unknown
        driver (or one whose manifest names it nowhere)."""
        titles = self.titles.get(driver_id, {})
        return titles.get(language) or titles.get("en") or driver_id


def installed_device_names(drivers: Mapping[str, DriverPlugin] | None = None) -> DeviceNames:
    """The display names of ``drivers`` (default: every installed driver, kiosk.plugins)."""
    plugins = load_drivers().drivers if drivers is None else drivers
    return DeviceNames.from_manifests(plugin.manifest for plugin in plugins.values())


def device_alert(status: DeviceStatus, names: DeviceNames, language: str) -> Alert:
    """The alert of a device that is not connected, naming it as the nurse knows it in
    ``language`` (render its :meth:`Alert.message` in the same language)."""
    params: tuple[tuple[str, Any], ...] = (
        ("device", names.name(status.driver_id, language)),
        ("port", status.port),
    )
    if status.reason:
        return Alert("device", "screens.alert.device", (*params, ("reason", status.reason)))
    return Alert("device", "screens.alert.device_no_reason", params)


@dataclasses.dataclass(frozen=True, slots=True)
class SyncState:
    last_sync: dt.datetime | None
    last_error: str | None
    pending: int
    quarantined: tuple[QuarantinedItem, ...]
    quarantined_count: int


@dataclasses.dataclass(frozen=True, slots=True)
class HomeState:
    day: dt.date
    visits: tuple[VisitRow, ...]
    sync: SyncState
    alerts: tuple[Alert, ...]
    device_names: DeviceNames = dataclasses.field(default_factory=DeviceNames)


def local_day_bounds(now: dt.datetime) -> tuple[dt.date, str, str]:
    """The local calendar day of ``now`` and its bounds as stored UTC texts."""
    local = now.astimezone()
    start = dt.datetime.combine(local.date(), dt.time(), tzinfo=local.tzinfo)
    end = start + dt.timedelta(days=1)
    return local.date(), to_db_time(start.astimezone(dt.UTC)), to_db_time(end.astimezone(dt.UTC))


def clean_reason(last_error: str | None) -> str:
    """The human part of a stored OperationOutcome: issue texts, one line, short."""
    if not last_error:
        return ""
    try:
        document = json.loads(last_error)
    except ValueError:
        document = None
    texts: list[str] = []
    if isinstance(document, dict):
        for issue in document.get("issue") or []:
            if not isinstance(issue, dict):
                continue
            details = issue.get("details") or {}
            text = details.get("text") if isinstance(details, dict) else None
            text = text or issue.get("diagnostics") or issue.get("code")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    else:
        texts.append(last_error)
    return _one_line("; ".join(dict.fromkeys(texts)))


def _one_line(text: str) -> str:
    """The first line of each part, no stack trace, at most :data:`MAX_REASON` characters."""
    if "Traceback (most recent call last)" in text:
        text = text.split("Traceback (most recent call last)", 1)[0]
    line = " ".join(part.strip() for part in text.splitlines()[:1] if part.strip())
    line = " ".join(line.split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1].rstrip() + "…"


def _visits(store: Store, start: str, end: str) -> list[VisitRow]:
    rows = store.query(
        "SELECT e.id, e.patient_id, e.number, e.status, e.started_at, p.family, p.given, "
        "s.kind AS score_kind, s.band, s.total, "
        "(SELECT o.state FROM outbox o WHERE o.kind = 'encounter' AND o.ref = e.id "
        " ORDER BY o.id DESC LIMIT 1) AS item_state "
        "FROM encounters e JOIN patients p ON p.id = e.patient_id "
        "LEFT JOIN encounter_scores s ON s.encounter_id = e.id "
        "WHERE e.started_at >= ? AND e.started_at < ? "
        "AND NOT EXISTS (SELECT 1 FROM encounters n WHERE n.supersedes = e.id) "
        "ORDER BY e.started_at DESC, e.id",
        (start, end),
    )
    return [_visit_row(row) for row in rows]


def _visit_row(row: dict[str, Any]) -> VisitRow:
    state = row["item_state"]
    if row["status"] == "draft":
        sync = "draft"
    elif state == "acked":
        sync = "sent"
    elif state == "quarantined":
        sync = "held"
    else:
        sync = "waiting"
    return VisitRow(
        encounter_id=row["id"],
        patient_id=row["patient_id"],
        number=row["number"],
        started_at=dt.datetime.fromisoformat(row["started_at"]),
        patient_name=f"{row['family']} {row['given']}".strip(),
        status=row["status"],
        score_kind=row["score_kind"],
        band=row["band"],
        total=row["total"],
        sync=sync,
    )


def _quarantined(store: Store) -> list[QuarantinedItem]:
    rows = store.query(
        "SELECT id, kind, last_status, last_error FROM outbox WHERE state = 'quarantined' "
        "ORDER BY id DESC LIMIT ?",
        (MAX_QUARANTINED_SHOWN,),
    )
    return [
        QuarantinedItem(row["id"], row["kind"], row["last_status"], clean_reason(row["last_error"]))
        for row in rows
    ]


#: A pull the server's answer was refused for (sync/http_guard.py) → the error kind Home
#: shows; a pull that only found no link shows nothing more than the send already does.
PULL_REFUSALS = {"security.tls_untrusted": "TLS", "security.response_too_large": "TOO_LARGE"}


def _sync_state(store: Store) -> SyncState:
    counts = outbox.counts(store)
    last = records_sync_value(store, "last_sync")
    try:
        last_sync = dt.datetime.fromisoformat(last) if last else None
    except ValueError:
        last_sync = None
    return SyncState(
        last_sync=last_sync,
        last_error=records_sync_value(store, "last_sync_error")
        or PULL_REFUSALS.get(records_sync_value(store, "last_pull_error") or ""),
        pending=counts["pending"] + counts["sending"],
        quarantined=tuple(_quarantined(store)),
        quarantined_count=counts["quarantined"],
    )


def consult_alerts(store: Store, now: dt.datetime) -> list[Alert]:
    """Answered-and-unread and overdue consultation requests (none without kiosk.consults)."""
    try:
        from kiosk import consults
    except ImportError:
        return []
    try:
        views = consults.list_consults(store, now=now)
    except Exception as error:  # a peer module that is not ready must not break home
        log.warning("consultations could not be listed: %s", type(error).__name__)
        return []
    alerts: list[Alert] = []
    for view in views:
        specialty = (("specialty", view.specialty),)
        if view.answer_text is not None and view.unread:
            alerts.append(
                Alert("consult_answered", "screens.alert.consult_answered", specialty, view.id)
            )
        elif view.open_question is not None:  # the specialist waits for the nurse's reply
            alerts.append(Alert("consult_question", "consult.alert.question", specialty, view.id))
        elif view.overdue:
            alerts.append(
                Alert("consult_overdue", "screens.alert.consult_overdue", specialty, view.id)
            )
    return alerts


def _alerts(store: Store, sync: SyncState, now: dt.datetime) -> list[Alert]:
    alerts = consult_alerts(store, now)
    if sync.quarantined_count:
        count = (("count", sync.quarantined_count),)
        alerts.append(Alert("quarantined", "screens.alert.quarantined", count))
    if sync.last_error:
        error = (("error", _one_line(sync.last_error)),)
        alerts.append(Alert("sync_error", "screens.alert.sync_error", error))
    return alerts


def load_home(store: Store, now: dt.datetime, device_names: DeviceNames | None = None) -> HomeState:
    """Everything the home screen shows, read in one go (reader thread)."""
    day, start, end = local_day_bounds(now)
    sync = _sync_state(store)
    return HomeState(
        day=day,
        visits=tuple(_visits(store, start, end)),
        sync=sync,
        alerts=tuple(_alerts(store, sync, now)),
        device_names=DeviceNames() if device_names is None else device_names,
    )


class HomeModel:
    """Futures for the home screen, run on the runtime's reader.

    ``drivers`` are the installed drivers whose manifests name the devices (default: those
    :func:`kiosk.plugins.load_drivers` finds, read once, on the reader thread).
    """

    def __init__(self, runtime: Runtime, drivers: Mapping[str, DriverPlugin] | None = None) -> None:
        self.runtime = runtime
        self._drivers = drivers
        self._device_names: DeviceNames | None = None

    def load(self, now: dt.datetime | None = None) -> concurrent.futures.Future[HomeState]:
        return self.runtime.read(self._load, now or utc_now())

    def _load(self, store: Store, now: dt.datetime) -> HomeState:
        if self._device_names is None:
            self._device_names = installed_device_names(self._drivers)
        return load_home(store, now, self._device_names)
