"""A pull from a server whose certificate is not trusted says so (docs/security.md, Hygiene).

The server is real: a local HTTPS server with a self-signed certificate
(:func:`tests.sync.test_tls_policy.serving_untrusted_https`). A pull — the generic one,
the teleconsult step's ``Task`` search inside a sync pass, ``kiosk sync`` — stops like a
dead link but reports the same translated ``security.tls_untrusted`` message a send
records, logs which refusal it was (no patient data), stores nothing and keeps the outcome
in ``sync_state``; once ``[server] ca_bundle`` names the certificate, it goes through.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk import logging_setup
from kiosk.cli import cli
from kiosk.config import KioskConfig, load_config
from kiosk.i18n import translate
from kiosk.store import Store, migrate
from kiosk.store.outbox import OutboxItem
from sync import recheck
from sync.bundles import KIOSK_SERVER_ID_KEY, set_state
from sync.client import FhirClient, SyncErrorKind, Verdict
from sync.engine import SyncEngine
from sync.loop import SyncLoop
from sync.pull import LAST_PULL_ERROR_KEY, Puller
from sync.settings import SyncSettings
from tests.conftest import make_patient
from tests.sync.test_consult_pull import placed
from tests.sync.test_tls_policy import NOW, _bundle, serving_untrusted_https

KEY = "security.tls_untrusted"


@pytest.fixture
def untrusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "tls"
    folder.mkdir()
    with serving_untrusted_https(folder, monkeypatch) as served:
        yield served


@pytest.fixture
def config(tmp_path: Path, untrusted: tuple[str, Path]) -> KioskConfig:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text(f'[server]\nurl = "{untrusted[0]}"\n', "utf-8")
    return load_config(data_dir)


@pytest.fixture
def store(config: KioskConfig) -> Iterator[Store]:
    """A registered kiosk (its Device has a server id), as after its first sync."""
    with Store(config.store_path) as opened:
        migrate(opened)
        with opened.transaction() as conn:
            set_state(conn, KIOSK_SERVER_ID_KEY, "kiosk-1")
        yield opened


def _state(store: Store, key: str) -> str | None:
    value = store.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
    return None if value is None else str(value)


def test_a_pull_reports_the_certificate_like_a_send(
    untrusted: tuple[str, Path], config: KioskConfig, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    base, _ = untrusted
    client = FhirClient(base, settings=SyncSettings.from_config(config))
    make_patient(store, NOW)  # patient data in the store must not reach the log
    with caplog.at_level(logging.INFO, logger="sync"):
        report = Puller(store, client, lambda: NOW).run()
    sent = client.send(_bundle(), NOW)
    client.close()
    assert sent.error is not None
    expected = translate(KEY, server=base)
    assert report.error is SyncErrorKind.NETWORK and report.message_key == KEY
    assert report.message == expected == sent.error["issue"][0]["details"]["text"]
    assert "not trusted" in report.message
    assert report.to_json()["message"] == expected and report.pages == 0
    pulls = [r.getMessage() for r in caplog.records if r.name == "sync.pull"]
    assert pulls == ["pull Task: TLS certificate not trusted"]  # Communication not tried
    patient = store.query("SELECT family, given, birth_date FROM patients")[0]
    assert not any(str(value) in caplog.text for value in patient.values())
    assert store.scalar("SELECT count(*) FROM pulled_resources") == 0
    assert _state(store, "pull_bookmark:Task") is None
    assert _state(store, LAST_PULL_ERROR_KEY) == KEY


def test_other_requests_of_a_send_name_the_certificate_too(
    untrusted: tuple[str, Path], config: KioskConfig
) -> None:
    """The read-back check of an encounter (GET) records what a POST records."""
    base, _ = untrusted
    client = FhirClient(base, settings=SyncSettings.from_config(config))
    item = OutboxItem(1, "encounter", "enc-1", "pending", 1, NOW.isoformat(), None, None)
    checked = recheck.lost_response_check(client, item, NOW)
    client.close()
    assert checked is not None and checked.verdict is Verdict.LINK_DOWN
    assert checked.error is not None
    issue = checked.error["issue"][0]
    assert issue["code"] == "security"
    assert issue["details"]["text"] == translate(KEY, server=base)


def test_the_pull_goes_through_once_the_ca_bundle_names_the_certificate(
    untrusted: tuple[str, Path], config: KioskConfig, store: Store
) -> None:
    base, cert = untrusted
    client = FhirClient(base, settings=SyncSettings.from_config(config))
    assert Puller(store, client, lambda: NOW).run().message_key == KEY
    client.close()
    (config.data_dir / "config.toml").write_text(
        f'[server]\nurl = "{base}"\nca_bundle = "{cert}"\n', "utf-8"
    )
    trusting = FhirClient(base, settings=SyncSettings.from_config(load_config(config.data_dir)))
    report = Puller(store, trusting, lambda: NOW).run()
    trusting.close()
    assert report.error is None and report.message is None
    assert report.pages == 2  # Task and Communication, both answered
    assert _state(store, LAST_PULL_ERROR_KEY) is None


def test_a_sync_pass_with_an_open_request_reports_the_certificate(
    untrusted: tuple[str, Path], config: KioskConfig, store: Store
) -> None:
    """The teleconsult step's Task search is refused; the pass's pull carries its message."""
    base, _ = untrusted
    placed(store)  # a request open on the server
    with store.transaction() as conn:  # everything already sent: the pass only pulls
        conn.execute("UPDATE outbox SET state = 'acked'")
    loop = SyncLoop(None, config, engine_factory=lambda s: SyncEngine(s, config, now=lambda: NOW))
    result = loop.run_pass(store)
    assert result.push is not None and result.push.error is None
    assert result.pull is not None and result.pull.error is SyncErrorKind.NETWORK
    assert result.pull.message == translate(KEY, server=base)
    assert _state(store, LAST_PULL_ERROR_KEY) == KEY


def test_kiosk_sync_prints_that_the_certificate_is_not_trusted(
    untrusted: tuple[str, Path], config: KioskConfig, store: Store
) -> None:
    base, _ = untrusted
    runner = CliRunner()
    data = str(config.data_dir)
    try:
        result = runner.invoke(
            cli, ["--data-dir", data, "--lang", "en", "sync", "--once", "--json"]
        )
    finally:
        logging_setup.shutdown()
    assert result.exit_code == 0, result.output
    message = translate(KEY, server=base)
    assert "The server's TLS certificate is not trusted" in message
    assert message in result.stderr
    document = json.loads(result.stdout)
    assert document["pull"]["message"] == message
    assert document["pull"]["message_key"] == KEY and document["pull"]["error"] == "NETWORK"
