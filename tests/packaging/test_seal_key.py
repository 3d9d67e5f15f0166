"""``dala-kiosk-seal-key`` with the real ``systemd-creds``: the key file becomes an encrypted
credential (TPM2 where present; here the host key, as on a kiosk without a TPM), the service
reads the store through ``$CREDENTIALS_DIRECTORY``, and ``--unseal`` brings the file back.

What systemd itself does at service start (``LoadCredentialEncrypted=`` → decrypt into
``$CREDENTIALS_DIRECTORY``) is done here by ``systemd-creds decrypt``, the same code path;
``systemctl daemon-reload`` is replaced by ``true`` (no systemd runs as PID 1 in the test
machine). The installed layout is moved into a scratch folder by the script's ``DALA_*``
variables."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "bin" / "dala-kiosk-seal-key"
KEY_NAME = "dala-store-key"
UNITS = ("dala-kiosk.service", "dala-kiosk-backup.service")

pytestmark = [
    pytest.mark.skipif(shutil.which("systemd-creds") is None, reason="needs systemd-creds"),
    pytest.mark.skipif(os.geteuid() != 0, reason="systemd-creds needs root for its host key"),
]


def _layout(tmp_path: Path) -> dict[str, Path]:
    paths = {
        name: tmp_path / name for name in ("keys", "credstore", "units", "data", "credentials")
    }
    paths["keys"].mkdir(mode=0o700)
    return paths


def _script_env(paths: dict[str, Path]) -> dict[str, str]:
    return os.environ | {
        "DALA_KEY_DIR": str(paths["keys"]),
        "DALA_CREDSTORE": str(paths["credstore"]),
        "DALA_UNIT_DIR": str(paths["units"]),
        "DALA_SYSTEMCTL": "true",
        "DALA_KIOSK_USER": "root",
    }


def _kiosk(
    paths: dict[str, Path], *args: str, credentials: bool = False
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ) | {"KIOSK_KEY_DIR": str(paths["keys"])}
    env.pop("CREDENTIALS_DIRECTORY", None)
    if credentials:
        env["CREDENTIALS_DIRECTORY"] = str(paths["credentials"])
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(paths["data"]), *args]
    return subprocess.run(
        command, check=False, env=env, capture_output=True, text=True, timeout=120
    )


def _seal(paths: dict[str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(SCRIPT), *args],
        check=False,
        env=_script_env(paths),
        capture_output=True,
        text=True,
    )


def _service_start(paths: dict[str, Path]) -> None:
    """What LoadCredentialEncrypted= does before the service runs."""
    paths["credentials"].mkdir(mode=0o700, exist_ok=True)
    target = paths["credentials"] / KEY_NAME
    subprocess.run(
        [
            "systemd-creds",
            "decrypt",
            f"--name={KEY_NAME}",
            str(paths["credstore"] / KEY_NAME),
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    target.chmod(0o400)


def _patients(paths: dict[str, Path], *, credentials: bool = False) -> int:
    done = _kiosk(paths, "status", "--json", credentials=credentials)
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["patients"])


def test_seal_then_the_service_opens_the_store_from_the_credential(tmp_path: Path) -> None:
    paths = _layout(tmp_path)
    assert _kiosk(paths, "init").returncode == 0
    added = _kiosk(paths, "patients", "add", "--family", "Қасымов", "--given", "Ерлан")
    assert added.returncode == 0, added.stderr
    key_file = paths["keys"] / KEY_NAME
    key_bytes = key_file.read_bytes()

    sealed = _seal(paths)
    assert sealed.returncode == 0, sealed.stderr
    assert not key_file.exists()  # no readable key stays on the disk
    credential = paths["credstore"] / KEY_NAME
    assert credential.is_file() and key_bytes not in credential.read_bytes()
    for unit in UNITS:
        dropin = (paths["units"] / f"{unit}.d" / "store-key.conf").read_text()
        assert f"LoadCredentialEncrypted={KEY_NAME}:{credential}" in dropin

    refused = _kiosk(paths, "status", "--json")  # without the credential: no key at all
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    _service_start(paths)
    assert _patients(paths, credentials=True) == 1
    status = _kiosk(paths, "security", "status", "--json", credentials=True)
    assert json.loads(status.stdout)["key_source"] == "credential"

    unsealed = _seal(paths, "--unseal")
    assert unsealed.returncode == 0, unsealed.stderr
    assert key_file.read_bytes() == key_bytes and (key_file.stat().st_mode & 0o777) == 0o600
    assert not any((paths["units"] / f"{unit}.d" / "store-key.conf").exists() for unit in UNITS)
    assert _patients(paths) == 1


def test_sealing_without_a_key_file_changes_nothing(tmp_path: Path) -> None:
    paths = _layout(tmp_path)
    refused = _seal(paths)
    assert refused.returncode == 1 and "no key file" in refused.stderr
    assert not paths["credstore"].exists() and not paths["units"].exists()


def test_a_damaged_credential_is_refused_by_systemd_creds(tmp_path: Path) -> None:
    paths = _layout(tmp_path)
    assert _kiosk(paths, "init").returncode == 0
    assert _seal(paths).returncode == 0
    credential = paths["credstore"] / KEY_NAME
    damaged = bytearray(credential.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    credential.write_bytes(bytes(damaged))
    with pytest.raises(subprocess.CalledProcessError):
        _service_start(paths)  # the service would not start: no key, the store stays shut
    again = _seal(paths, "--unseal")
    assert again.returncode != 0 and not (paths["keys"] / KEY_NAME).exists()
