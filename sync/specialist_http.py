"""HTTP for the specialist console: reads, searches and versioned writes (fhir-mapping.md §4, §7).

Every request carries ``Authorization: Bearer …`` when a token is set; TLS verification is
always on (``verify`` is a CA bundle path or True, never False). Failures become
:class:`~kiosk.errors.UserFacingError` keys the console translates; a 412 on a versioned
write is :class:`VersionConflict`, which the caller resolves by re-reading. Every answer
passes :func:`sync.http_guard.exchange` (the kiosk's guard: bounded bodies, an untrusted
certificate named as such). Neither bodies nor the token are ever logged.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
from collections.abc import Iterator
from typing import Any

import requests

from kiosk.errors import UserFacingError
from sync.http_guard import MAX_RESPONSE_BYTES, Refusal, exchange
from sync.specialist_model import Resource

log = logging.getLogger(__name__)

FHIR_JSON = "application/fhir+json"
MAX_PAGES = 50


class VersionConflict(Exception):
    """The server answered 412: somebody changed the resource since we read it."""


class ReviewHttp:
    """A small FHIR REST client: ``read``, ``search``, ``create``, ``update``, ``binary``."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        ca_bundle: str | None = None,
        timeout: float = 20.0,
        session: requests.Session | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        #: The console has no ``config.toml``: the guard's default cap (8 MiB).
        self.max_response_bytes = max_response_bytes
        self._token = token
        self.timeout = timeout
        self.session = session if session is not None else requests.Session()
        self.session.verify = ca_bundle or True

    def __repr__(self) -> str:
        return f"ReviewHttp({self.base_url!r}, token={'set' if self._token else 'none'})"

    def close(self) -> None:
        self.session.close()

    def headers(self, accept: str = FHIR_JSON) -> dict[str, str]:
        headers = {"Accept": accept, "Content-Type": FHIR_JSON, "Accept-Encoding": "gzip"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    # -- reads ---------------------------------------------------------------------------

    def read(self, resource_type: str, resource_id: str) -> Resource:
        response = self._request("GET", f"{self.base_url}/{resource_type}/{resource_id}")
        return _json(response)

    def read_reference(self, reference: str) -> Resource:
        """``Type/id`` (or an absolute URL on this server) → the resource."""
        url = reference if reference.startswith("http") else f"{self.base_url}/{reference}"
        return _json(self._request("GET", url))

    def search(self, resource_type: str, params: dict[str, str]) -> Iterator[Resource]:
        """Every entry of the search, following ``Bundle.link[next]`` (bounded)."""
        url: str | None = f"{self.base_url}/{resource_type}"
        query: dict[str, str] | None = params
        for _ in range(MAX_PAGES):
            if url is None:
                return
            bundle = _json(self._request("GET", url, params=query))
            for entry in bundle.get("entry", []):
                resource = entry.get("resource")
                if isinstance(resource, dict):
                    yield resource
            url, query = _next_link(bundle), None

    def binary(self, reference: str) -> bytes:
        """The raw bytes of ``Binary/{id}`` (a photo)."""
        url = reference if reference.startswith("http") else f"{self.base_url}/{reference}"
        response = self._request("GET", url, accept="image/*, application/octet-stream")
        if "json" in response.headers.get("Content-Type", ""):  # a server that wraps bytes
            return base64.b64decode(_json(response).get("data", ""))
        return response.content

    # -- writes --------------------------------------------------------------------------

    def create(self, resource: Resource, if_none_exist: str | None = None) -> Resource:
        """POST the resource (conditional when ``if_none_exist``); the stored resource."""
        extra = {"If-None-Exist": if_none_exist} if if_none_exist else {}
        url = f"{self.base_url}/{resource['resourceType']}"
        return _json(self._request("POST", url, body=resource, extra=extra))

    def update(self, resource: Resource, version_id: str) -> Resource:
        """PUT with ``If-Match: W/"{version_id}"``; :class:`VersionConflict` on 412."""
        url = f"{self.base_url}/{resource['resourceType']}/{resource['id']}"
        extra = {"If-Match": f'W/"{version_id}"'}
        return _json(self._request("PUT", url, body=resource, extra=extra))

    # -- plumbing ------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        body: Resource | None = None,
        extra: dict[str, str] | None = None,
        accept: str = FHIR_JSON,
    ) -> requests.Response:
        headers = {**self.headers(accept), **(extra or {})}
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        send = functools.partial(
            self.session.request,
            method,
            url,
            params=params,
            data=data,
            headers=headers,
            timeout=self.timeout,
            allow_redirects=False,
            stream=True,
        )
        try:
            response = exchange(send, self.base_url, self.max_response_bytes)
        except Refusal as error:
            log.info("review: %s %s: %s", method, _path(url), error.summary)
            raise UserFacingError(error.key, **error.params) from None
        except requests.RequestException as error:
            log.info("review: %s %s failed: %s", method, _path(url), type(error).__name__)
            raise UserFacingError("review.unreachable", server=self.base_url) from None
        _raise_for_status(response, method, url)
        return response


def _raise_for_status(response: requests.Response, method: str, url: str) -> None:
    status = response.status_code
    if status < 300:
        return
    log.info("review: %s %s answered %s", method, _path(url), status)
    if status == 412:
        raise VersionConflict(url)
    if status in (401, 403):
        raise UserFacingError("review.auth_failed", status=status)
    if status == 404:
        raise UserFacingError("review.not_found", what=_path(url))
    raise UserFacingError("review.server_error", status=status)


def _json(response: requests.Response) -> Resource:
    try:
        body: Any = response.json()
    except ValueError:
        raise UserFacingError("review.bad_answer") from None
    if not isinstance(body, dict):
        raise UserFacingError("review.bad_answer")
    return body


def _next_link(bundle: Resource) -> str | None:
    for link in bundle.get("link", []):
        if link.get("relation") == "next" and isinstance(link.get("url"), str):
            return str(link["url"])
    return None


def _path(url: str) -> str:
    """The resource path of a URL, without the query (which may hold identifiers)."""
    return url.split("?", 1)[0].rsplit("/fhir/", 1)[-1]
