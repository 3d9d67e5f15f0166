"""HTTP to the hospital's FHIR server, and what each answer means (fhir-mapping.md §5-§7).

:class:`FhirClient` posts one transaction Bundle and turns whatever comes back — a
``transaction-response``, an HTTP error, a dead link — into an :class:`Outcome` the engine
acts on. It never logs bodies: OperationOutcome texts may quote patient data.

Every request goes through :func:`sync.http_guard.exchange` (bounded bodies; an untrusted
certificate is :class:`~sync.http_guard.CertificateUntrusted` with the translated message):
:meth:`FhirClient.send` turns those into an :class:`Outcome`, :meth:`FhirClient.get` and
:meth:`FhirClient.put` raise them (both are :class:`requests.RequestException`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import enum
import functools
import gzip
import json
from collections.abc import Callable
from typing import Any

import requests

from sync.auth import Auth
from sync.http_guard import (
    MAX_RESPONSE_BYTES,
    CertificateUntrusted,
    Refusal,
    ResponseTooLarge,
    exchange,
)
from sync.settings import SyncSettings

FHIR_JSON = "application/fhir+json"
#: §6: refused records — quarantine this item only.
QUARANTINE_STATUSES = frozenset({400, 403, 404, 405, 409, 410, 412, 413, 415, 422})
#: §6: a conflict — re-read, never overwrite blindly (the engine quarantines for a person).
CONFLICT_STATUSES = frozenset({409, 412})
#: §6: the server or the link is busy — retry later with back-off.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

#: Public names, with the guard's limit and refusals re-exported (:mod:`sync.http_guard`).
__all__ = [
    "CONFLICT_STATUSES",
    "FHIR_JSON",
    "MAX_RESPONSE_BYTES",
    "QUARANTINE_STATUSES",
    "RETRY_STATUSES",
    "CertificateUntrusted",
    "FhirClient",
    "Outcome",
    "ResponseTooLarge",
    "SyncErrorKind",
    "Verdict",
    "classify",
    "operation_outcome",
    "retry_after",
    "server_date",
    "server_id",
    "unanswered",
]


class SyncErrorKind(enum.StrEnum):
    """Sync errors by kind (style.md, Anki): routes AUTH to sign-in, the rest to status."""

    AUTH = "AUTH"
    NETWORK = "NETWORK"
    REJECTED = "REJECTED"
    CONFIG = "CONFIG"
    BUSY = "BUSY"


class Verdict(enum.Enum):
    ACKED = "acked"
    RETRY = "retry"
    QUARANTINE = "quarantine"
    AUTH = "auth"
    LINK_DOWN = "link-down"
    CONFLICT = "conflict"


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome:
    """One send's result: what to do, the HTTP status, an OperationOutcome-shaped error,
    the per-entry responses (when acked) and the server's Retry-After in seconds."""

    verdict: Verdict
    status: int | None = None
    error: dict[str, Any] | None = None
    entries: tuple[dict[str, Any], ...] = ()
    retry_after: float | None = None


def unanswered(error: Exception) -> Outcome:
    """LINK_DOWN for a request that got no usable answer; a refused one
    (:class:`~sync.http_guard.Refusal`: the certificate is not trusted, the answer too large)
    carries its translated message, anything else only the error's class (never a body)."""
    if isinstance(error, Refusal):
        code = "security" if isinstance(error, CertificateUntrusted) else "too-costly"
        return Outcome(Verdict.LINK_DOWN, None, operation_outcome(str(error), code))
    text = f"{type(error).__name__}: the server could not be reached"
    return Outcome(Verdict.LINK_DOWN, None, operation_outcome(text, "transient"))


def operation_outcome(
    text: str, code: str = "exception", expression: str | None = None
) -> dict[str, Any]:
    """A local OperationOutcome (what ``last_error`` holds when the server sent none)."""
    issue: dict[str, Any] = {"severity": "error", "code": code, "details": {"text": text}}
    if expression:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


class FhirClient:
    """Talks to ``base_url`` with the §5 headers; TLS verification always on (§7).

    ``auth`` supplies the ``Authorization`` header (a plain ``token`` is kept for callers
    that have no :class:`~sync.auth.Auth`); ``settings`` the CA bundle, proxy, gzip and
    answer-size cap (:attr:`max_response_bytes`).
    Every response's ``Date`` header updates :attr:`clock_offset_s` (kiosk minus server,
    measured with ``clock`` when the answer arrives).
    """

    def __init__(
        self,
        base_url: str,
        session: requests.Session | None = None,
        token: str | None = None,
        timeout: float = 30.0,
        *,
        auth: Auth | None = None,
        settings: SyncSettings | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.settings = settings if settings is not None else SyncSettings()
        self._owns_session = session is None
        self.session = session if session is not None else self.settings.session()
        self.timeout = timeout
        self._token = token
        self.auth = auth
        self.clock = clock if clock is not None else (lambda: dt.datetime.now(dt.UTC))
        self.clock_offset_s: float | None = None
        #: The answer-size cap (``server.max_response_mib``); tests may lower it.
        self.max_response_bytes = self.settings.max_response_bytes

    def close(self) -> None:
        """Close the HTTP session if this client opened it."""
        if self._owns_session:
            self.session.close()

    def headers(self) -> dict[str, str]:
        headers = {
            "Content-Type": FHIR_JSON,
            "Accept": FHIR_JSON,
            "Accept-Encoding": "gzip",
            "Prefer": "return=minimal",
        }
        if self.auth is not None:
            headers.update(self.auth.headers())
        elif self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def send(self, bundle: dict[str, Any], now: dt.datetime) -> Outcome:
        """Post one transaction and classify the answer (§6)."""
        body = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = self.headers()
        if self.settings.gzip:
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        try:
            response = self._exchange("POST", self.base_url, data=body, headers=headers)
        except ResponseTooLarge as error:  # nothing was read: this item is retried later
            return Outcome(Verdict.RETRY, None, operation_outcome(str(error), "too-costly"))
        except requests.RequestException as error:
            return unanswered(error)
        self._note_date(response)
        return classify(response, len(bundle.get("entry", [])), now)

    def get(
        self,
        path_or_url: str,
        params: dict[str, str] | None = None,
        *,
        accept: str | None = None,
    ) -> requests.Response:
        """``GET`` a path under the base (or an absolute URL); raises on a dead link.

        The body is read fully here (at most :attr:`max_response_bytes`, else
        :class:`ResponseTooLarge`), so a truncated answer raises as well; a certificate
        this kiosk does not trust raises :class:`CertificateUntrusted`. ``accept``
        replaces the FHIR JSON ``Accept`` (e.g. ``image/jpeg`` for a Binary's bytes, which
        are then asked for without gzip: a JPEG does not shrink).
        """
        url = path_or_url if "://" in path_or_url else f"{self.base_url}/{path_or_url}"
        headers = self.headers()
        headers.pop("Content-Type")
        headers.pop("Prefer")
        if accept is not None:
            headers["Accept"] = accept
            if not accept.endswith("json"):
                headers["Accept-Encoding"] = "identity"
        response = self._exchange("GET", url, params=params, headers=headers)
        self._note_date(response)
        return response

    def put(self, path: str, body: bytes, content_type: str = FHIR_JSON) -> requests.Response:
        """``PUT`` one resource (or a Binary's raw bytes) under the base with
        ``Prefer: return=minimal``; JSON bodies are gzipped when configured. Raises on a
        dead link, like :meth:`get`."""
        headers = self.headers()
        headers["Content-Type"] = content_type
        if self.settings.gzip and content_type.endswith("json"):
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        response = self._exchange("PUT", f"{self.base_url}/{path}", data=body, headers=headers)
        self._note_date(response)
        return response

    def put_if_match(self, resource: dict[str, Any], version: str) -> requests.Response:
        """``PUT`` ``resource`` by its type and id with ``If-Match`` on ``version`` and
        ``Prefer: return=representation`` (the new version's meta comes back); through the
        same guard as every request. A 412 is the caller's to read."""
        headers = self.headers()
        headers["If-Match"] = f'W/"{version}"'
        headers["Prefer"] = "return=representation"
        body = json.dumps(resource, ensure_ascii=False).encode("utf-8")
        url = f"{self.base_url}/{resource['resourceType']}/{resource['id']}"
        return self._exchange("PUT", url, data=body, headers=headers)

    def _exchange(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One request through :func:`sync.http_guard.exchange`: TLS verified, no redirect
        followed, the body read to at most :attr:`max_response_bytes`."""
        send = functools.partial(
            self.session.request,
            method,
            url,
            timeout=self.timeout,
            verify=self.settings.verify,
            allow_redirects=False,
            stream=True,
            **kwargs,
        )
        return exchange(send, self.base_url, self.max_response_bytes)

    def _note_date(self, response: requests.Response) -> None:
        moment = server_date(response)
        if moment is not None:
            self.clock_offset_s = (self.clock() - moment).total_seconds()


def server_date(response: requests.Response) -> dt.datetime | None:
    """The server's ``Date`` header as an aware datetime, else None."""
    value = response.headers.get("Date")
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def classify(response: requests.Response, expected_entries: int, now: dt.datetime) -> Outcome:
    status = response.status_code
    if 200 <= status < 300:
        return _transaction_response(response, expected_entries)
    error = _outcome_of(response)
    if status == 401:
        return Outcome(Verdict.AUTH, status, error)
    if status in CONFLICT_STATUSES:
        return Outcome(Verdict.CONFLICT, status, error)
    if status in RETRY_STATUSES or status >= 500 or 300 <= status < 400:
        return Outcome(Verdict.RETRY, status, error, retry_after=retry_after(response, now))
    return Outcome(Verdict.QUARANTINE, status, error)


def _transaction_response(response: requests.Response, expected: int) -> Outcome:
    """Acked only when it is a transaction-response whose every entry is 2xx (§1.4)."""
    status = response.status_code
    try:
        document = response.json()
    except ValueError:
        document = None
    if (
        not isinstance(document, dict)
        or document.get("resourceType") != "Bundle"
        or document.get("type") != "transaction-response"
        or len(document.get("entry") or []) != expected
    ):
        text = "the answer was not a transaction-response for this bundle"
        return Outcome(Verdict.RETRY, status, operation_outcome(text, "transient"))
    entries = tuple(_entry_response(entry) for entry in document["entry"])
    bad = [e for e in entries if not str(e.get("status", "")).startswith("2")]
    if bad:
        codes = sorted({_status_code(e) for e in bad})
        text = f"{len(bad)} entr(ies) not stored: status {codes}"
        verdict = Verdict.QUARANTINE if set(codes) <= QUARANTINE_STATUSES else Verdict.RETRY
        if verdict is Verdict.QUARANTINE and set(codes) & CONFLICT_STATUSES:
            verdict = Verdict.CONFLICT
        return Outcome(verdict, status, operation_outcome(text, "processing"))
    return Outcome(Verdict.ACKED, status, None, entries)


def _entry_response(entry: Any) -> dict[str, Any]:
    response = entry.get("response") if isinstance(entry, dict) else None
    if not isinstance(response, dict):
        return {"status": ""}
    kept = {k: response[k] for k in ("status", "location", "etag", "lastModified") if k in response}
    resource = entry.get("resource")
    if "etag" not in kept and isinstance(resource, dict):
        version = (resource.get("meta") or {}).get("versionId")
        if version:
            kept["etag"] = f'W/"{version}"'
    return kept


def _status_code(entry: dict[str, Any]) -> int:
    try:
        return int(str(entry.get("status", "")).split()[0])
    except (ValueError, IndexError):
        return 0


def _outcome_of(response: requests.Response) -> dict[str, Any]:
    try:
        document = response.json()
    except ValueError:
        document = None
    if isinstance(document, dict) and document.get("resourceType") == "OperationOutcome":
        return document
    return operation_outcome(f"HTTP {response.status_code} {response.reason or ''}".strip())


def retry_after(response: requests.Response, now: dt.datetime) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date), else None."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, (moment - now).total_seconds())


def server_id(location: str | None, resource_type: str) -> str | None:
    """``Patient/abc/_history/1`` (absolute or relative) → ``abc``."""
    if not location:
        return None
    parts = location.split("?")[0].strip("/").split("/")
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == resource_type and index + 1 < len(parts):
            return parts[index + 1]
    return None
