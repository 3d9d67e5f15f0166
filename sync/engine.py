"""The sync engine: outbox → FHIR transactions → acknowledged (fhir-mapping.md §1, §5, §6).

One :meth:`SyncEngine.run_once` pass: take the sync lock (one worker per data dir, §5),
put items a crash left ``sending`` back to ``pending``, then send the due items in order
(registrations, encounters, consults), one transaction each:

- built from the store by the pure mapping and validated locally with ``fhir.resources``
  (R4B); a record that fails is quarantined before it wastes airtime (§6);
- acked only when the ``transaction-response`` has a 2xx for every entry; server ids
  learned from registrations are stored in the same SQLite transaction (§1.4);
- 400/403/404/405/410/413/415/422 quarantine that item only, and the queue moves on;
  401 refreshes the credentials once (:mod:`sync.auth`) and retries at once, then stops
  the run (AUTH); 409/412 re-read the resource and quarantine for a person
  (:mod:`sync.recheck`); 408/429/5xx and a dead link retry later with exponential
  back-off and full jitter; a dead link (or 5xx three times in a row) stops the run, so
  the worker backs off rather than every item (§6);
- an ``encounter`` whose earlier attempt may have been committed (its answer was lost) is
  first looked up with ``GET Encounter/{uuid}`` and acked if it is there (§6).

Photos (``binary`` items, :mod:`sync.photos`) travel on their own lane (§3.5, §5): a photo
is taken only when no clinical item is due, one at a time, and the clinical queue is looked
at again after each photo; so a photo delays a new encounter by one photo upload at most,
and a photo's failure or back-off only delays that photo.

Each answer's ``Date`` header gives the kiosk clock's offset from the server's; it is kept
in ``sync_state`` (``clock_offset_s``, ``clock_checked_at``) and the mapping flags readings
when it exceeds two minutes. ``on_progress(done, total)`` is called after each item.

Logs carry item ids, kinds and HTTP statuses only, never names, birth dates or bodies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import random
from collections.abc import Callable
from typing import Any

import requests

from kiosk.config import KioskConfig
from kiosk.domain import utc_now
from kiosk.errors import UserFacingError
from kiosk.events import Events, SyncFinished
from kiosk.security import audit_sync
from kiosk.store import outbox
from kiosk.store.db import Store
from kiosk.store.outbox import OutboxItem
from sync import consult_pull, consult_sync, photos, recheck
from sync.auth import Auth, BearerTokenAuth
from sync.backoff import BACKOFF_BASE_S, BACKOFF_CAP_S, backoff_delay
from sync.bundles import (
    CLOCK_CHECKED_KEY,
    CLOCK_OFFSET_KEY,
    LocalRejection,
    build_bundle,
    set_state,
    store_server_ids,
    validate_bundle,
)
from sync.client import FhirClient, Outcome, SyncErrorKind, Verdict, operation_outcome
from sync.lock import LOCK_FILENAME, sync_lock
from sync.pass_state import _Run
from sync.pull import PullReport
from sync.report import SyncReport, next_due_at
from sync.settings import SyncSettings

# SyncReport, the back-off and the lock: re-exported from sync.report, sync.backoff, sync.lock
__all__ = [
    "BACKOFF_BASE_S",
    "BACKOFF_CAP_S",
    "LOCK_FILENAME",
    "SyncEngine",
    "SyncReport",
    "backoff_delay",
    "sync_lock",
]

log = logging.getLogger(__name__)

#: 5xx on this many items in a row means the server, not the record, is failing (§6).
SERVER_STRIKES = 3
#: The same 404/405 on this many items in a row is a wrong base URL, not bad records (§6).
CONFIG_STRIKES = 3
CONFIG_STATUSES = frozenset({404, 405})
CLINICAL_KINDS = frozenset({"register-patient", "register-device", "encounter", "consult"})
BATCH_KINDS = CLINICAL_KINDS | {"audit"}  # the audit trail goes after clinical items
SUPPORTED_KINDS = BATCH_KINDS | {photos.PHOTO_KIND}
#: Message keys (kiosk.i18n) of the error kinds; AUTH and CONFIG keys are proposed additions.
ERROR_KEYS: dict[SyncErrorKind, str] = {
    SyncErrorKind.NETWORK: "sync.unreachable",
    SyncErrorKind.AUTH: "sync.auth_failed",
    SyncErrorKind.CONFIG: "sync.server_misconfigured",
}


class SyncEngine:
    """Pushes the outbox to one FHIR server. Use from one thread (the I/O thread)."""

    def __init__(
        self,
        store: Store,
        config: KioskConfig,
        session: requests.Session | None = None,
        now: Callable[[], dt.datetime] = utc_now,
        rng: random.Random | None = None,
        *,
        server_url: str | None = None,
        events: Events | None = None,
        auth: Auth | None = None,
        settings: SyncSettings | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        url = server_url or config.server_url
        if not url:
            raise UserFacingError("sync.no_server")
        self.store = store
        self.config = config
        self.auth: Auth = auth if auth is not None else BearerTokenAuth(config)
        self.client = FhirClient(
            url,
            session,
            timeout=config.server_timeout,
            auth=self.auth,
            settings=settings if settings is not None else SyncSettings.from_config(config),
            clock=self._clock,
        )
        self.now = now
        self.on_progress = on_progress
        self.rng = rng if rng is not None else random.Random()
        self.events = events
        self._failed_runs = 0
        #: What the last pass already pulled, by resource type (the teleconsult step's
        #: ``Task`` search), for :meth:`sync.pull.Puller.run` not to ask again.
        self.pulled: dict[str, PullReport] = {}

    def _clock(self) -> dt.datetime:
        return self.now()  # late-bound: tests replace ``now`` on a running engine

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> SyncEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one pass ----------------------------------------------------------------------------
    def run_once(self) -> SyncReport:
        with sync_lock(self.config.data_dir) as held:
            if not held:
                log.info("another sync worker holds the lock")
                return self._report(_Run(error=SyncErrorKind.BUSY))
            run = _Run()
            self.pulled = {}
            run.crashed = {
                int(r["id"])
                for r in self.store.query("SELECT id FROM outbox WHERE state = 'sending'")
            }
            outbox.recover_in_flight(self.store)
            audit_sync.queue_batches(self.store, self.now())  # AuditEvents (sync/fhir_audit.py)
            run.total = self._count_sendable()
            self._progress(run)
            while run.error is None:
                batch = self._next_batch(run) or self._next_photo(run)
                if not batch:
                    break
                for item in batch:
                    run.seen.add(item.id)
                    self._process(item, run)
                    self._progress(run)
                    if run.error is not None:
                        break
            if run.error is None:  # teleconsult replies (sync/consult_pull.py)
                refreshed = consult_pull.refresh(self.store, self.client, self.now(), self.events)
                if refreshed.pull is not None:
                    self.pulled["Task"] = refreshed.pull
            self._record_state(run)
            report = self._report(run)
        if self.events is not None:
            self.events.sync_did_finish.emit(
                SyncFinished(
                    report.acked,
                    report.pending,
                    report.quarantined,
                    None if report.error is None else ERROR_KEYS.get(report.error),
                )
            )
        return report

    def _next_batch(self, run: _Run) -> list[OutboxItem]:
        due = outbox.due_items(self.store, self.now(), limit=len(run.seen) + 50)
        fresh = [item for item in due if item.id not in run.seen]
        for item in fresh:
            if item.kind not in SUPPORTED_KINDS:  # consult: a later milestone
                run.seen.add(item.id)
        return [item for item in fresh if item.kind in BATCH_KINDS]

    def _next_photo(self, run: _Run) -> list[OutboxItem]:
        """One due photo, only when no clinical item is due (the photo lane, §5)."""
        due = outbox.due_items(self.store, self.now(), limit=len(run.seen) + 50)
        return [i for i in due if i.kind == photos.PHOTO_KIND and i.id not in run.seen][:1]

    def _progress(self, run: _Run) -> None:
        if self.on_progress is not None:
            done = len(run.seen)
            self.on_progress(done, max(run.total, done))

    def _count_sendable(self) -> int:
        placeholders = ",".join("?" for _ in SUPPORTED_KINDS)
        return int(
            self.store.scalar(
                "SELECT count(*) FROM outbox WHERE state = 'pending' AND next_at != ? "
                f"AND kind IN ({placeholders})",
                (photos.HELD, *sorted(SUPPORTED_KINDS)),
            )
        )

    def _process(self, item: OutboxItem, run: _Run) -> None:
        if item.kind == photos.PHOTO_KIND:
            self._process_photo(item, run)
            return
        run.attempted += 1
        if consult_sync.is_cancel(self.store, item):  # a replaced consult's Task (§4)
            self._dispatch(item, consult_sync.cancel(self, item.ref), run)
            return
        try:
            bundle = build_bundle(self.store, self.config, item.kind, item.ref)
            validate_bundle(bundle)
        except LocalRejection as error:
            log.warning("outbox item %d (%s) failed local validation", item.id, item.kind)
            outbox.mark_quarantined(self.store, item.id, None, _json(error.outcome))
            return
        checked = None
        if recheck.may_have_reached_server(item, item.id in run.crashed):
            checked = recheck.lost_response_check(self.client, item, self.now())
        outbox.mark_sending(self.store, item.id)
        outcome = checked or self.client.send(bundle, self.now())
        if outcome.verdict is Verdict.CONFLICT:
            outcome = dataclasses.replace(
                outcome, error=recheck.conflict_outcome(self.client, bundle, outcome)
            )
        log.info(
            "outbox item %d (%s): %s %s",
            item.id,
            item.kind,
            outcome.verdict.value,
            outcome.status or "-",
        )
        self._dispatch(item, outcome, run)
        if checked is not None and checked.verdict is not Verdict.ACKED:
            with self.store.transaction() as conn:  # still unverified: check again next time
                conn.execute(
                    "UPDATE outbox SET last_status = NULL WHERE id = ? AND state = 'pending'",
                    (item.id,),
                )

    def _process_photo(self, item: OutboxItem, run: _Run) -> None:
        """Binary + Media + read-back of one photo (:mod:`sync.photos`)."""
        run.attempted += 1
        budget = self.client.settings.photo_max_bytes
        outcome = photos.send(self.store, self.config, self.client, item, budget, self.now())
        log.info("outbox item %d (binary): %s %s", item.id, outcome.verdict.value, outcome.status)
        self._dispatch(item, outcome, run)
        run.photos_acked += 1 if outcome.verdict is Verdict.ACKED else 0

    def _dispatch(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        if outcome.status is not None:
            run.contacted = True
        handler = {
            Verdict.ACKED: self._on_acked,
            Verdict.QUARANTINE: self._on_rejected,
            Verdict.RETRY: self._on_retry,
            Verdict.AUTH: self._on_auth,
            Verdict.LINK_DOWN: self._on_link_down,
            Verdict.CONFLICT: self._on_conflict,
        }[outcome.verdict]
        handler(item, outcome, run)

    # -- verdicts ------------------------------------------------------------------------------
    def _on_acked(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        with self.store.transaction() as conn:
            store_server_ids(conn, item.kind, item.ref, outcome.entries)
            outbox.mark_acked(self.store, item.id, self.now(), list(outcome.entries))
        run.acked += 1
        run.server_strikes = 0
        run.config_strikes.clear()

    def _on_rejected(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        run.server_strikes = 0
        status = outcome.status
        if status in CONFIG_STATUSES:
            run.config_strikes = [s for s in run.config_strikes if s[1] == status]
            run.config_strikes.append((item.id, int(status)))
            if len(run.config_strikes) >= CONFIG_STRIKES:
                self._config_fault(run)
                return
        else:
            run.config_strikes.clear()
        outbox.mark_quarantined(self.store, item.id, status, _json(outcome.error))

    def _config_fault(self, run: _Run) -> None:
        """The same 404/405 on several items: a wrong base URL; un-quarantine them (§6)."""
        now = self.now()
        last_id = run.config_strikes[-1][0]
        outbox.mark_retry(
            self.store,
            last_id,
            now,
            run.config_strikes[-1][1],
            _json(operation_outcome("server configuration fault", "not-supported")),
        )
        for item_id, _status in run.config_strikes[:-1]:
            outbox.requeue(self.store, item_id, now)
        run.error = SyncErrorKind.CONFIG

    def _on_retry(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        self._retry_later(item, outcome)
        status = outcome.status or 0
        if status == 429 or status >= 500:
            run.server_strikes += 1
            if status == 429 or run.server_strikes >= SERVER_STRIKES:
                run.error = SyncErrorKind.NETWORK

    def _on_conflict(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        """409/412: quarantined with what the server holds; a person decides (§6)."""
        run.server_strikes = 0
        run.config_strikes.clear()
        outbox.mark_quarantined(self.store, item.id, outcome.status, _json(outcome.error))

    def _on_auth(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        """401: refresh once and retry at once; a second 401 stops the worker (§6, §7)."""
        if not run.refreshed:
            run.refreshed = True
            if self.auth.refresh():
                log.info("credentials refreshed after 401; retrying item %d", item.id)
                self._process(outbox.get(self.store, item.id), run)
                return
        outbox.mark_retry(self.store, item.id, self.now(), outcome.status, _json(outcome.error))
        run.error = SyncErrorKind.AUTH

    def _on_link_down(self, item: OutboxItem, outcome: Outcome, run: _Run) -> None:
        self._retry_later(item, outcome)
        run.error = SyncErrorKind.NETWORK

    def _retry_later(self, item: OutboxItem, outcome: Outcome) -> None:
        attempts = item.attempts + 1  # mark_sending counted this attempt
        delay = backoff_delay(attempts, self.rng, outcome.retry_after)
        next_at = self.now() + dt.timedelta(seconds=delay)
        outbox.mark_retry(self.store, item.id, next_at, outcome.status, _json(outcome.error))

    # -- bookkeeping -----------------------------------------------------------------------------
    def _record_state(self, run: _Run) -> None:
        """``sync_state``: last successful contact, and the last run's error kind (or none)."""
        if not run.attempted:
            return
        with self.store.transaction() as conn:
            if self.client.clock_offset_s is not None:
                set_state(conn, CLOCK_OFFSET_KEY, f"{self.client.clock_offset_s:.1f}")
                set_state(conn, CLOCK_CHECKED_KEY, self.now().isoformat())
            if run.contacted and run.error not in (SyncErrorKind.NETWORK, SyncErrorKind.AUTH):
                set_state(conn, "last_sync", self.now().isoformat())
            set_state(conn, "last_sync_error", None if run.error is None else str(run.error))

    def _report(self, run: _Run) -> SyncReport:
        counts = outbox.counts(self.store)
        photo_counts = photos.counts(self.store)
        if run.error is SyncErrorKind.NETWORK:
            # a run that got items through ended on a fresh failure: start the back-off over
            self._failed_runs = 1 if run.acked else self._failed_runs + 1
            retry_in: float | None = backoff_delay(self._failed_runs, self.rng)
        elif run.error in (SyncErrorKind.AUTH, SyncErrorKind.CONFIG):
            retry_in = None
        else:
            if run.error is None:
                self._failed_runs = 0
            retry_in = self._next_due_in()
        return SyncReport(
            acked=run.acked,
            pending=counts["pending"] + counts["sending"] - photo_counts["held"],
            quarantined=counts["quarantined"],
            error=run.error,
            retry_in=retry_in,
            photos_acked=run.photos_acked,
            photos_pending=photo_counts["pending"],
            photos_quarantined=photo_counts["quarantined"],
        )

    def _next_due_in(self) -> float | None:
        """Seconds until a pending item that can still go becomes due; None if none can."""
        due = next_due_at(self.store, SUPPORTED_KINDS, photos.HELD)
        return None if due is None else max(0.0, (due - self.now()).total_seconds())


def _json(document: dict[str, Any] | None) -> str:
    return json.dumps(document or operation_outcome("unknown error"), ensure_ascii=False)
