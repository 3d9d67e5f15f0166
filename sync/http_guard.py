"""What every answer from a server must pass before it is used (docs/security.md, Hygiene).

Both HTTP clients — the kiosk's :class:`sync.client.FhirClient` (sends and pulls) and the
specialist console's :class:`sync.specialist_http.ReviewHttp` — run each request through
:func:`exchange`:

- the body is streamed and read to at most ``limit`` bytes *after* decoding, so an oversize,
  endless (chunked) or gzip-bomb body raises :class:`ResponseTooLarge` instead of filling
  the memory. The kiosk's limit is ``server.max_response_mib`` of ``config.toml``
  (:class:`sync.settings.SyncSettings`); :data:`MAX_RESPONSE_BYTES` (8 MiB) is its default
  and the console's limit;
- a TLS failure (``requests``' ``SSLError``, raised while connecting or reading) becomes
  :class:`CertificateUntrusted`, whose text says which server's certificate is not trusted
  and how to name the hospital's CA.

Both refusals are :class:`requests.RequestException` (so a caller that treats a dead link as
"try again later" does the same here) carrying a message key of :mod:`kiosk.i18n` and its
parameters; ``str()`` is the translated message and ``summary`` an English line for the
log. Neither holds a body or a query, so both are safe to log.
"""

from __future__ import annotations

from collections.abc import Callable

import requests

from kiosk.i18n import translate

#: The most of one answer read (decoded) by default: Bundles and Task pages are far smaller;
#: a larger or endless body is refused (:class:`ResponseTooLarge`) instead of filling the
#: memory. Kept equal to the default of ``server.max_response_mib`` (a test checks).
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
_CHUNK = 64 * 1024


class Refusal(requests.RequestException):
    """An answer the kiosk will not use, with a translated reason (``key``, ``params``)."""

    key = ""
    #: What happened, in English, for the log (no body, no query, no patient data).
    summary = ""

    def __init__(self, **params: str) -> None:
        super().__init__(*params.values())
        self.params = params

    def __str__(self) -> str:
        return translate(self.key, **self.params)


class ResponseTooLarge(Refusal):
    """The server's answer was larger than ``limit`` bytes; nothing of it is used."""

    key = "security.response_too_large"
    summary = "answer too large"

    def __init__(self, limit: int) -> None:
        super().__init__(limit=f"{limit / (1024 * 1024):g} MiB")
        self.limit = limit


class CertificateUntrusted(Refusal, requests.exceptions.SSLError):
    """The TLS handshake with ``server`` failed: its certificate is not trusted here."""

    key = "security.tls_untrusted"
    summary = "TLS certificate not trusted"

    def __init__(self, server: str) -> None:
        super().__init__(server=server)
        self.server = server


def tls_untrusted(server: str) -> str:
    """The translated "certificate not trusted" message for ``server``."""
    return str(CertificateUntrusted(server))


def read_capped(response: requests.Response, limit: int = MAX_RESPONSE_BYTES) -> None:
    """Read a ``stream=True`` body into ``response`` (so ``.content``/``.json()`` work),
    refusing it past ``limit`` decoded bytes (a gzip bomb counts as what it expands to)."""
    preloaded = response._content
    if isinstance(preloaded, bytes):  # an adapter that filled the body itself
        if len(preloaded) > limit:
            raise ResponseTooLarge(limit)
        return
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise ResponseTooLarge(limit)
            chunks.append(chunk)
    finally:
        response.close()
    response._content = b"".join(chunks)


def exchange(
    request: Callable[[], requests.Response], server: str, limit: int = MAX_RESPONSE_BYTES
) -> requests.Response:
    """Run ``request`` (a ``stream=True`` call) and read its body with :func:`read_capped`;
    a TLS failure while connecting or reading raises :class:`CertificateUntrusted`."""
    try:
        response = request()
        read_capped(response, limit)
    except requests.exceptions.SSLError:
        raise CertificateUntrusted(server) from None
    return response
