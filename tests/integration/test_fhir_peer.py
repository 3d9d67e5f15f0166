"""The FHIR test peer behaves like a real FHIR R4 server (tests/peers/fhir).

These tests pin the server behaviour that sync/ relies on (reference/fhir-mapping.md §1, §5, §6):
idempotent PUT transactions, atomic rejection, conditional create, raw Binary round trips,
`_lastUpdated` search and the headers the engine stores.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.peers.fhir_server import FhirPeer

FHIR_JSON = "application/fhir+json"
HEADERS = {"Content-Type": FHIR_JSON, "Accept": FHIR_JSON}
TIMEOUT = 10
WEAK_ETAG = re.compile(r'^W/"[^"]+"$')


def count(base: str, resource_type: str, **params: str) -> int:
    resp = requests.get(
        f"{base}/{resource_type}",
        params={**params, "_summary": "count"},
        headers=HEADERS,
        timeout=TIMEOUT,
    )
    assert resp.status_code == 200, resp.text
    total: int = resp.json()["total"]
    return total


def post_bundle(base: str, bundle: dict[str, Any]) -> requests.Response:
    return requests.post(base, data=json.dumps(bundle), headers=HEADERS, timeout=TIMEOUT)


def patient(pid: str) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": pid,
        "identifier": [{"system": "https://dala.example/fhir/sid/kiosk-patient", "value": pid}],
        "name": [{"family": "Қасымов", "given": ["Ерлан"]}],
        "gender": "male",
        "birthDate": "1985-03-14",
    }


def spo2(oid: str, pid: str, *, with_code: bool = True) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": oid,
        "meta": {"profile": ["http://hl7.org/fhir/StructureDefinition/oxygensat"]},
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "vital-signs",
                    }
                ]
            }
        ],
        "code": {
            "coding": [
                {"system": "http://loinc.org", "code": "2708-6"},
                {"system": "http://loinc.org", "code": "59408-5"},
                {"system": "urn:iso:std:iso:11073:10101", "code": "150456"},
            ]
        },
        "subject": {"reference": f"Patient/{pid}"},
        "effectiveDateTime": "2026-11-26T09:30:12+05:00",
        "valueQuantity": {
            "value": 93,
            "unit": "%",
            "system": "http://unitsofmeasure.org",
            "code": "%",
        },
    }
    if not with_code:
        del obs["code"]
    return obs


def put_entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {
        "fullUrl": f"urn:uuid:{resource['id']}",
        "resource": resource,
        "request": {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"},
    }


def encounter_bundle(pid: str, oid: str, *, valid: bool = True) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [put_entry(patient(pid)), put_entry(spo2(oid, pid, with_code=valid))],
    }


def test_put_transaction_is_idempotent_and_reports_status_and_etag(fhir_base: str) -> None:
    pid, oid = str(uuid.uuid4()), str(uuid.uuid4())
    bundle = encounter_bundle(pid, oid)

    for _ in range(2):
        resp = post_bundle(fhir_base, bundle)
        assert resp.status_code == 200, resp.text
        assert resp.headers["Date"]
        body = resp.json()
        assert body["resourceType"] == "Bundle"
        assert body["type"] == "transaction-response"
        assert len(body["entry"]) == 2
        for entry, sent in zip(body["entry"], bundle["entry"], strict=True):
            response = entry["response"]
            assert response["status"].startswith(("200", "201"))
            assert WEAK_ETAG.match(response["etag"]), response
            assert response["location"].startswith(sent["request"]["url"])

    assert count(fhir_base, "Patient") == 1
    assert count(fhir_base, "Observation") == 1
    assert (
        count(fhir_base, "Observation", code="http://loinc.org|59408-5", subject=f"Patient/{pid}")
        == 1
    )
    # Two versions of each resource: the re-send is an update, not a duplicate.
    history = requests.get(
        f"{fhir_base}/Observation/{oid}/_history", headers=HEADERS, timeout=TIMEOUT
    )
    assert history.status_code == 200
    assert len(history.json()["entry"]) == 2


def test_transaction_with_one_invalid_entry_is_rejected_atomically(fhir_base: str) -> None:
    pid, oid = str(uuid.uuid4()), str(uuid.uuid4())
    resp = post_bundle(fhir_base, encounter_bundle(pid, oid, valid=False))

    assert resp.status_code == 400, resp.text
    outcome = resp.json()
    assert outcome["resourceType"] == "OperationOutcome"
    issue = outcome["issue"][0]
    assert issue["severity"] == "error"
    assert "Observation.code" in issue["expression"]
    # The valid Patient (entry 1, written before entry 2 failed) was rolled back too.
    assert count(fhir_base, "Patient") == 0
    assert count(fhir_base, "Observation") == 0
    gone = requests.get(f"{fhir_base}/Patient/{pid}", headers=HEADERS, timeout=TIMEOUT)
    assert gone.status_code == 404


def test_conditional_create_with_if_none_exist_creates_once(fhir_base: str) -> None:
    iin = "850314301234"
    resource = patient(str(uuid.uuid4()))
    del resource["id"]
    resource["identifier"] = [{"system": "https://dala.example/fhir/sid/kz-iin", "value": iin}]
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": f"urn:uuid:{uuid.uuid4()}",
                "resource": resource,
                "request": {
                    "method": "POST",
                    "url": "Patient",
                    "ifNoneExist": f"identifier=https://dala.example/fhir/sid/kz-iin|{iin}",
                },
            }
        ],
    }

    first = post_bundle(fhir_base, bundle)
    second = post_bundle(fhir_base, bundle)

    assert first.status_code == 200, first.text
    assert second.status_code == 200, second.text
    first_resp = first.json()["entry"][0]["response"]
    second_resp = second.json()["entry"][0]["response"]
    assert first_resp["status"].startswith("201")
    assert second_resp["status"].startswith("200")
    assert (
        first_resp["location"].split("/_history")[0]
        == second_resp["location"].split("/_history")[0]
    )
    assert count(fhir_base, "Patient") == 1


def test_plain_post_answers_201_with_location_etag_and_last_modified(fhir_base: str) -> None:
    resp = requests.post(
        f"{fhir_base}/Patient",
        data=json.dumps({"resourceType": "Patient", "gender": "female"}),
        headers=HEADERS,
        timeout=TIMEOUT,
    )
    assert resp.status_code == 201, resp.text
    created = resp.json()
    assert resp.headers["Location"].startswith(f"{fhir_base}/Patient/{created['id']}")
    assert resp.headers["ETag"] == f'W/"{created["meta"]["versionId"]}"'
    assert resp.headers["Last-Modified"]
    assert resp.headers["Date"]


def test_gzip_request_body_is_accepted(fhir_base: str) -> None:
    pid, oid = str(uuid.uuid4()), str(uuid.uuid4())
    body = gzip.compress(json.dumps(encounter_bundle(pid, oid)).encode())
    resp = requests.post(
        fhir_base,
        data=body,
        headers={**HEADERS, "Content-Encoding": "gzip", "Accept-Encoding": "gzip"},
        timeout=TIMEOUT,
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["type"] == "transaction-response"
    assert count(fhir_base, "Observation") == 1


def test_stale_if_match_answers_412(fhir_base: str) -> None:
    pid = str(uuid.uuid4())
    url = f"{fhir_base}/Patient/{pid}"
    first = requests.put(url, data=json.dumps(patient(pid)), headers=HEADERS, timeout=TIMEOUT)
    assert first.status_code in (200, 201), first.text
    stale = first.headers["ETag"]
    second = requests.put(
        url, data=json.dumps(patient(pid)), headers={**HEADERS, "If-Match": stale}, timeout=TIMEOUT
    )
    assert second.status_code == 200, second.text
    third = requests.put(
        url, data=json.dumps(patient(pid)), headers={**HEADERS, "If-Match": stale}, timeout=TIMEOUT
    )
    assert third.status_code == 412, third.text


def test_raw_binary_round_trip(fhir_base: str) -> None:
    bid = str(uuid.uuid4())
    payload = bytes(range(256)) * 40 + b"\xff\xd8\xff\xe0 not really a jpeg \x00"

    put = requests.put(
        f"{fhir_base}/Binary/{bid}",
        data=payload,
        headers={"Content-Type": "image/jpeg", "Accept": FHIR_JSON},
        timeout=TIMEOUT,
    )
    assert put.status_code in (200, 201), put.text
    assert WEAK_ETAG.match(put.headers["ETag"])
    assert put.json()["contentType"] == "image/jpeg"

    raw = requests.get(
        f"{fhir_base}/Binary/{bid}", headers={"Accept": "image/jpeg"}, timeout=TIMEOUT
    )
    assert raw.status_code == 200
    assert raw.headers["Content-Type"] == "image/jpeg"
    assert raw.content == payload
    assert raw.headers["ETag"] == put.headers["ETag"]

    as_fhir = requests.get(
        f"{fhir_base}/Binary/{bid}", headers={"Accept": FHIR_JSON}, timeout=TIMEOUT
    )
    assert as_fhir.status_code == 200
    assert as_fhir.json()["resourceType"] == "Binary"
    assert as_fhir.json()["contentType"] == "image/jpeg"


def test_metadata_answers_a_capability_statement(fhir_peer: FhirPeer) -> None:
    resp = requests.get(f"{fhir_peer.base_url}/metadata", headers=HEADERS, timeout=TIMEOUT)
    assert resp.status_code == 200
    cap = resp.json()
    assert cap["resourceType"] == "CapabilityStatement"
    assert cap["fhirVersion"] == "4.0.1"
    types = {r["type"] for r in cap["rest"][0]["resource"]}
    assert {"Patient", "Observation", "Binary", "Media", "Task"} <= types


def test_search_last_updated_gt(fhir_base: str) -> None:
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    first = requests.put(
        f"{fhir_base}/Patient/{first_id}",
        data=json.dumps(patient(first_id)),
        headers=HEADERS,
        timeout=TIMEOUT,
    )
    bookmark = first.json()["meta"]["lastUpdated"]
    time.sleep(0.01)
    requests.put(
        f"{fhir_base}/Patient/{second_id}",
        data=json.dumps(patient(second_id)),
        headers=HEADERS,
        timeout=TIMEOUT,
    )

    resp = requests.get(
        f"{fhir_base}/Patient",
        params={"_lastUpdated": f"gt{bookmark}", "_sort": "_lastUpdated", "_count": "50"},
        headers=HEADERS,
        timeout=TIMEOUT,
    )
    assert resp.status_code == 200, resp.text
    ids = [e["resource"]["id"] for e in resp.json().get("entry", [])]
    assert ids == [second_id]
    assert count(fhir_base, "Patient", _lastUpdated=f"gt{bookmark}") == 1


def test_reset_empties_the_server(fhir_peer: FhirPeer, fhir_base: str) -> None:
    post_bundle(fhir_base, encounter_bundle(str(uuid.uuid4()), str(uuid.uuid4())))
    assert count(fhir_base, "Patient") == 1

    fhir_peer.reset()

    assert count(fhir_base, "Patient") == 0
    assert count(fhir_base, "Observation") == 0


def test_malformed_json_answers_400_operation_outcome(fhir_base: str) -> None:
    resp = requests.post(
        f"{fhir_base}/Patient", data='{"resourceType": "Patient",', headers=HEADERS, timeout=TIMEOUT
    )
    assert resp.status_code == 400
    assert resp.json()["resourceType"] == "OperationOutcome"


def test_peer_stops_cleanly_on_sigterm() -> None:
    with FhirPeer() as peer:
        proc = peer._proc
        assert proc is not None and peer.pid == proc.pid
        assert requests.get(f"{peer.base_url}/metadata", timeout=TIMEOUT).status_code == 200
    assert proc.returncode == 0  # the shim closes and exits 0 on SIGTERM: no SIGKILL was needed
    assert not peer.running


def test_missing_node_modules_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="npm ci"):
        FhirPeer(peer_dir=tmp_path).start()
