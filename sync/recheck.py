"""Re-reads before acting (fhir-mapping.md §6): lost responses and conflicts.

- **Lost response.** An ``encounter`` item whose previous attempt may have reached the
  server (no HTTP status came back, a 2xx that could not be parsed, or the kiosk died while
  it was ``sending``) is first checked with ``GET Encounter/{uuid}``. The transaction is
  atomic, so if the Encounter exists the whole bundle is there: the item is acked with
  that version, and the bundle is not sent again.
- **Conflict (409/412).** The resource is re-read and the item is quarantined with the
  server's OperationOutcome plus what the server holds now (version, lastUpdated). Nothing
  is overwritten blindly; a person compares and re-queues (§3.1, §4). Re-applying
  automatically is left for the Task-cancel and Patient-edit items that will use If-Match.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests

from kiosk.store.outbox import OutboxItem
from sync.client import FhirClient, Outcome, Verdict, classify, operation_outcome, unanswered

#: Kinds whose lost response is checked by a read before re-sending.
CHECKED_KINDS = frozenset({"encounter"})
VERIFIED_STATUS = "200 OK (found by GET Encounter after an unanswered attempt)"


def may_have_reached_server(item: OutboxItem, crashed_while_sending: bool) -> bool:
    """True when an earlier attempt of ``item`` may have been committed by the server."""
    if item.kind not in CHECKED_KINDS or item.attempts == 0:
        return False
    if crashed_while_sending or item.last_status is None:
        return True
    return 200 <= item.last_status < 300


def lost_response_check(client: FhirClient, item: OutboxItem, now: dt.datetime) -> Outcome | None:
    """Acked if ``Encounter/{ref}`` is on the server; None when it must be sent."""
    try:
        response = client.get(f"Encounter/{item.ref}")
        document = response.json() if response.status_code == 200 else None
    except (requests.RequestException, ValueError) as error:
        return unanswered(error)
    status = response.status_code
    if status in (404, 410):
        return None
    if status == 200 and isinstance(document, dict) and document.get("id") == item.ref:
        version = str((document.get("meta") or {}).get("versionId") or "")
        entry: dict[str, Any] = {"status": VERIFIED_STATUS, "location": f"Encounter/{item.ref}"}
        if version:
            entry["location"] += f"/_history/{version}"
            entry["etag"] = f'W/"{version}"'
        return Outcome(Verdict.ACKED, status, None, (entry,))
    verdict = classify(response, 0, now)
    if verdict.verdict in (Verdict.AUTH, Verdict.RETRY):
        return verdict
    return None  # anything else: send the bundle and let its answer decide


def conflict_outcome(
    client: FhirClient, bundle: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    """The server's OperationOutcome plus a note of what the server holds now."""
    document = dict(outcome.error or operation_outcome(f"HTTP {outcome.status} conflict"))
    issues = list(document.get("issue") or [])
    first = (bundle.get("entry") or [{}])[0].get("resource") or {}
    rtype, rid = first.get("resourceType"), first.get("id")
    held = "not re-read"
    if rtype and rid:
        try:
            response = client.get(f"{rtype}/{rid}")
            if response.status_code == 200:
                meta = response.json().get("meta") or {}
                held = f"version {meta.get('versionId')} of {meta.get('lastUpdated')}"
            else:
                held = f"re-read answered {response.status_code}"
        except (requests.RequestException, ValueError):
            held = "re-read failed (link down)"
    issues.append(
        {
            "severity": "error",
            "code": "conflict",
            "details": {
                "text": f"conflict {outcome.status}: the server holds {rtype}/{rid} {held}; "
                "not overwritten: compare and re-queue"
            },
        }
    )
    document["issue"] = issues
    document.setdefault("resourceType", "OperationOutcome")
    return document
