"""TLS verification is never turned off (issue 10, fhir-mapping.md §7).

Two halves: the source of kiosk/, drivers/, sync/ and ui/ holds none of the ways to disable
certificate checks (found by walking the syntax tree, so comments and docs do not count),
and the two HTTP clients — :class:`sync.client.FhirClient` and
:class:`sync.specialist_http.ReviewHttp` — refuse a real local HTTPS server whose
self-signed certificate is not trusted, with the translated message, and talk to it once
``[server] ca_bundle`` in config.toml names that certificate.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import http.server
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.config import load_config
from kiosk.errors import UserFacingError
from kiosk.i18n import translate
from sync.client import FhirClient, Verdict
from sync.settings import SyncSettings
from sync.specialist_http import ReviewHttp

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("kiosk", "drivers", "sync", "ui")
FORBIDDEN_CALLS = {"_create_unverified_context", "disable_warnings"}
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


# -- (a) the source ------------------------------------------------------------------------


def _false(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def tls_offences(tree: ast.AST) -> list[tuple[int, str]]:
    """Every place in ``tree`` that weakens TLS: (line, what)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "verify" and _false(node.value):
            found.append((node.value.lineno, "verify=False"))
        elif isinstance(node, ast.Attribute) and node.attr == "CERT_NONE":
            found.append((node.lineno, "ssl.CERT_NONE"))
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_CALLS:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Assign | ast.AnnAssign) and _false(node.value or ast.Pass()):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if _name(target) in ("check_hostname", "verify"):
                    found.append((node.lineno, f"{_name(target)} = False"))
    return found


def test_the_scan_finds_each_way_to_disable_tls() -> None:
    source = """
import ssl, requests, urllib3
# verify=False in a comment is fine
requests.get("https://x", verify=False)
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ssl._create_unverified_context()
urllib3.disable_warnings()
session = requests.Session()
session.verify = False
"""
    lines = sorted(line for line, _ in tls_offences(ast.parse(source)))
    assert lines == [4, 6, 7, 8, 9, 11]


def test_no_source_file_disables_tls_verification() -> None:
    offences = []
    files = [path for folder in SCANNED for path in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 50
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offences += [
            f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in tls_offences(tree)
        ]
    assert offences == []


# -- (b) a real HTTPS server with a self-signed certificate ---------------------------------


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dala test hospital")])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "hospital-ca.pem", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


class _Fhir(http.server.BaseHTTPRequestHandler):
    def _answer(self, document: dict[str, Any]) -> None:
        body = json.dumps(document).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        entry = {"response": {"status": "201 Created", "location": "Patient/p1/_history/1"}}
        self._answer({"resourceType": "Bundle", "type": "transaction-response", "entry": [entry]})

    def do_GET(self) -> None:
        self._answer({"resourceType": "Patient", "id": "p1"})

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextlib.contextmanager
def serving_untrusted_https(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Path]]:
    """A real local HTTPS FHIR stand-in whose self-signed certificate nothing trusts (no CA
    bundle in the environment, no proxy): its base URL and the certificate's file."""
    for name in ("KIOSK_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    cert, key = _self_signed(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fhir)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/fhir", cert
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def https_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    with serving_untrusted_https(tmp_path, monkeypatch) as served:
        yield served


def _bundle() -> dict[str, Any]:
    entry = {
        "resource": {"resourceType": "Patient"},
        "request": {"method": "POST", "url": "Patient"},
    }
    return {"resourceType": "Bundle", "type": "transaction", "entry": [entry]}


def _settings_naming(data_dir: Path, ca: Path | None) -> SyncSettings:
    data_dir.mkdir()
    if ca is not None:
        (data_dir / "config.toml").write_text(f'[server]\nca_bundle = "{ca}"\n', encoding="utf-8")
    return SyncSettings.from_config(load_config(data_dir))


def test_fhir_client_refuses_an_untrusted_certificate(
    https_server: tuple[str, Path], tmp_path: Path
) -> None:
    base, _ = https_server
    client = FhirClient(base, settings=_settings_naming(tmp_path / "data", None))
    assert client.session.verify is True
    outcome = client.send(_bundle(), NOW)
    client.close()
    assert outcome.verdict is Verdict.LINK_DOWN
    assert outcome.error is not None
    text = outcome.error["issue"][0]["details"]["text"]
    assert text == translate("security.tls_untrusted", server=base)
    assert "not trusted" in text


def test_fhir_client_trusts_the_configured_ca_bundle(
    https_server: tuple[str, Path], tmp_path: Path
) -> None:
    base, cert = https_server
    settings = _settings_naming(tmp_path / "data", cert)
    assert settings.verify == str(cert)
    client = FhirClient(base, settings=settings)
    assert client.session.verify == str(cert)
    outcome = client.send(_bundle(), NOW)
    patient = client.get("Patient/p1").json()
    client.close()
    assert outcome.verdict is Verdict.ACKED, outcome.error
    assert patient == {"resourceType": "Patient", "id": "p1"}


def test_specialist_client_refuses_then_trusts_the_ca_bundle(
    https_server: tuple[str, Path],
) -> None:
    base, cert = https_server
    untrusting = ReviewHttp(base, token="t0k3n", timeout=5)
    assert untrusting.session.verify is True
    with pytest.raises(UserFacingError) as refused:
        untrusting.read("Patient", "p1")
    untrusting.close()
    assert refused.value.key == "security.tls_untrusted"
    assert "not trusted" in str(refused.value)
    trusting = ReviewHttp(base, token="t0k3n", ca_bundle=str(cert), timeout=5)
    assert trusting.read("Patient", "p1")["id"] == "p1"
    trusting.close()
