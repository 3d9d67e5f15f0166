"""Pull: what the hospital sends back to this kiosk (fhir-mapping.md §4 "Pulling").

Generic and read-only: ``Task`` resources this kiosk requested and ``Communication``
resources addressed to it are downloaded with a **server-time bookmark** per type::

    GET Task?requester=Device/{kiosk}&_lastUpdated=gt{bookmark}&_sort=_lastUpdated&_count=50
    GET Communication?recipient=Device/{kiosk}&_lastUpdated=gt{bookmark}&_sort=_lastUpdated…

- The bookmark is the largest ``meta.lastUpdated`` seen; when a query finds nothing, the
  server's ``Date`` header minus :data:`SAFETY_MARGIN` (if that is later). The kiosk clock
  is never used, and a bookmark never moves back.
- ``Bundle.link[next]`` is followed until there is none; its query is replayed against our
  own base URL (a server behind a proxy may name itself differently).
- Each page is de-duplicated by id + ``meta.versionId`` and committed to ``pulled_resources``
  (schema v5) in the same SQLite transaction as the bookmark advance, so a power cut
  between pages loses nothing and repeats nothing.

A refused answer (:mod:`sync.http_guard`: the server's certificate is not trusted, the body is
too large) stops the pull like a dead link, but the report carries the same translated
message a send records (``message``; ``kiosk sync`` prints it) and the log says which refusal
it was, never more. :meth:`Puller.run` keeps its outcome in ``sync_state``
(:data:`LAST_PULL_ERROR_KEY`). A type the pass already pulled (``fetched``) is not asked for
twice.

What the kiosk then does with a Task (status shown to the nurse, ``Task.output`` fetched) is
the teleconsult feature's business, not this module's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

import requests

from kiosk.store.db import Store
from sync.bundles import CLOCK_CHECKED_KEY, CLOCK_OFFSET_KEY, KIOSK_SERVER_ID_KEY, set_state
from sync.client import FhirClient, SyncErrorKind, server_date
from sync.http_guard import Refusal

log = logging.getLogger(__name__)

#: (resource type, search parameter that names this kiosk's Device)
QUERIES: tuple[tuple[str, str], ...] = (("Task", "requester"), ("Communication", "recipient"))
PAGE_SIZE = 50
SAFETY_MARGIN = dt.timedelta(minutes=2)
#: A runaway ``next`` chain stops here; the bookmark keeps what was committed.
MAX_PAGES = 200
#: ``sync_state`` key: why the last full pull failed (a message key or an error kind), or
#: NULL after a clean one.
LAST_PULL_ERROR_KEY = "last_pull_error"


def bookmark_key(resource_type: str) -> str:
    return f"pull_bookmark:{resource_type}"


@dataclasses.dataclass
class PullReport:
    """Resources stored (new or newer versions), duplicates skipped, pages read; on a
    failure its kind, and for a refused answer (an untrusted certificate, an oversize body)
    the message key and the translated ``message`` a technician reads."""

    stored: int = 0
    duplicates: int = 0
    pages: int = 0
    error: SyncErrorKind | None = None
    skipped: str | None = None
    message_key: str | None = None
    message: str | None = None

    def absorb(self, other: PullReport) -> None:
        """Count ``other`` (an earlier pull of this pass) in; its failure, if the first."""
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.pages += other.pages
        if self.error is None and other.error is not None:
            self.error, self.message_key, self.message = (
                other.error,
                other.message_key,
                other.message,
            )

    def to_json(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "pages": self.pages,
            "error": None if self.error is None else str(self.error),
            "skipped": self.skipped,
            "message_key": self.message_key,
            "message": self.message,
        }


def _parse(stamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _format(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _later(current: str | None, candidate: str | None) -> str | None:
    if candidate is None:
        return current
    if current is None or _parse(candidate) > _parse(current):
        return candidate
    return current


class Puller:
    """Downloads replies for this kiosk; use from the sync worker's thread."""

    def __init__(self, store: Store, client: FhirClient, now: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.client = client
        self.now = now

    def _kiosk(self) -> str | None:
        """This kiosk Device's server id, once it is registered."""
        value = self.store.scalar(
            "SELECT value FROM sync_state WHERE key = ?", (KIOSK_SERVER_ID_KEY,)
        )
        return None if value is None else str(value)

    def run(self, fetched: Mapping[str, PullReport] | None = None) -> PullReport:
        """Pull every type of :data:`QUERIES`; a type in ``fetched`` was already pulled in
        this pass (the teleconsult step pulls ``Task``) and is counted, not asked again."""
        report = PullReport()
        kiosk = self._kiosk()
        if kiosk is None:
            report.skipped = "the kiosk Device is not registered yet"
            return report
        if not self.store.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'pulled_resources'"
        ):
            report.skipped = "the store predates schema v5: run `kiosk init`"
            return report
        for resource_type, parameter in QUERIES:
            if fetched is not None and resource_type in fetched:
                report.absorb(fetched[resource_type])
            else:
                self._pull(resource_type, {parameter: f"Device/{kiosk}"}, report)
            if report.error is not None:
                break
        with self.store.transaction() as conn:
            if self.client.clock_offset_s is not None:
                set_state(conn, CLOCK_OFFSET_KEY, f"{self.client.clock_offset_s:.1f}")
                set_state(conn, CLOCK_CHECKED_KEY, self.now().isoformat())
            failure = report.message_key or (None if report.error is None else str(report.error))
            set_state(conn, LAST_PULL_ERROR_KEY, failure)
        return report

    def pull_one(self, resource_type: str) -> PullReport:
        """Pull one type of :data:`QUERIES` now (the teleconsult step pulls ``Task``)."""
        report = PullReport()
        kiosk = self._kiosk()
        parameter = dict(QUERIES).get(resource_type)
        if kiosk is None or parameter is None:
            report.skipped = "the kiosk Device is not registered yet"
            return report
        self._pull(resource_type, {parameter: f"Device/{kiosk}"}, report)
        return report

    def bookmark(self, resource_type: str) -> str | None:
        value = self.store.scalar(
            "SELECT value FROM sync_state WHERE key = ?", (bookmark_key(resource_type),)
        )
        return None if value is None else str(value)

    def _pull(self, resource_type: str, criteria: dict[str, str], report: PullReport) -> None:
        params = {**criteria, "_sort": "_lastUpdated", "_count": str(PAGE_SIZE)}
        start = self.bookmark(resource_type)
        if start is not None:
            params["_lastUpdated"] = f"gt{start}"
        url: str | None = resource_type
        query: dict[str, str] | None = params
        found_any = False
        for _page in range(MAX_PAGES):
            if url is None:
                return
            try:
                response = self.client.get(url, query)
                document = response.json() if response.status_code == 200 else None
            except Refusal as error:  # same words as a send's: docs/security.md
                log.info("pull %s: %s", resource_type, error.summary)
                report.error, report.message_key = SyncErrorKind.NETWORK, error.key
                report.message = str(error)
                return
            except (requests.RequestException, ValueError) as error:
                log.info("pull %s: link down (%s)", resource_type, type(error).__name__)
                report.error = SyncErrorKind.NETWORK
                return
            if response.status_code != 200 or not isinstance(document, dict):
                log.info("pull %s: HTTP %s", resource_type, response.status_code)
                status = response.status_code
                report.error = SyncErrorKind.AUTH if status == 401 else SyncErrorKind.NETWORK
                return
            resources = [
                e["resource"]
                for e in document.get("entry") or []
                if isinstance(e, dict)
                and (e.get("resource") or {}).get("resourceType") == resource_type
            ]
            found_any = found_any or bool(resources)
            fallback = None
            moment = server_date(response)
            if not found_any and moment is not None:
                fallback = _format(moment - SAFETY_MARGIN)
            self._commit(resource_type, resources, fallback, report)
            report.pages += 1
            url, query = self._next(document, resource_type), None
        log.warning("pull %s: stopped after %d pages", resource_type, MAX_PAGES)

    def _next(self, document: dict[str, Any], resource_type: str) -> str | None:
        for link in document.get("link") or []:
            if isinstance(link, dict) and link.get("relation") == "next" and link.get("url"):
                query = urllib.parse.urlsplit(str(link["url"])).query
                return f"{self.client.base_url}/{resource_type}?{query}"
        return None

    def _commit(
        self,
        resource_type: str,
        resources: list[dict[str, Any]],
        fallback: str | None,
        report: PullReport,
    ) -> None:
        """One page and the bookmark advance, in one transaction."""
        key = bookmark_key(resource_type)
        pulled_at = self.now().isoformat()
        with self.store.transaction() as conn:
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
            bookmark: str | None = None if row is None else str(row[0])
            for resource in resources:
                meta = resource.get("meta") or {}
                rid, updated = resource.get("id"), meta.get("lastUpdated")
                if not rid or not updated:
                    continue
                version = str(meta.get("versionId") or updated)
                held = conn.execute(
                    "SELECT version_id FROM pulled_resources WHERE resource_type = ? AND id = ?",
                    (resource_type, rid),
                ).fetchone()
                bookmark = _later(bookmark, str(updated))
                if held is not None and held[0] == version:
                    report.duplicates += 1
                    continue
                conn.execute(
                    "INSERT INTO pulled_resources (resource_type, id, version_id, last_updated, "
                    "resource, pulled_at) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(resource_type, id) DO UPDATE SET "
                    "version_id = excluded.version_id, last_updated = excluded.last_updated, "
                    "resource = excluded.resource, pulled_at = excluded.pulled_at",
                    (resource_type, rid, version, str(updated), json.dumps(resource), pulled_at),
                )
                report.stored += 1
            bookmark = _later(bookmark, fallback)
            if bookmark is not None:
                set_state(conn, key, bookmark)


def pulled(store: Store, resource_type: str) -> list[dict[str, Any]]:
    """The pulled resources of one type, oldest update first (for the teleconsult screens)."""
    rows = store.query(
        "SELECT resource FROM pulled_resources WHERE resource_type = ? ORDER BY last_updated",
        (resource_type,),
    )
    return [json.loads(r["resource"]) for r in rows]
