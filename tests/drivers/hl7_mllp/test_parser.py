"""Golden vectors, MLLP framing, ACKs and OBX rules of the hl7-mllp parser (devices.md §13)."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import hl7
import pytest

from drivers.hl7_mllp import plugin
from drivers.hl7_mllp.parser import MAX_MESSAGE, Hl7Parser, MllpFramer, frame
from tests.drivers import serial_vectors
from tests.drivers.serial_vectors import assert_splits_decode_alike, load_vectors, random_cuts

DOC = load_vectors(__file__, "hl7_mllp")
VECTORS: list[dict[str, Any]] = DOC["vectors"]
DER = bytes.fromhex(VECTORS[0]["hex"])
MSH = "MSH|^~\\&|DEV|KIOSK|||20240101120000||ORU^R01|{id}|P|2.3.1"


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return serial_vectors.expected("hl7-mllp", vector, code=False)


def decode(*chunks: bytes) -> list[dict[str, Any]]:
    parser = Hl7Parser()
    return [m.to_json() for chunk in chunks for m in parser.feed(chunk)]


def oru(*obx: str, control_id: str = "42", sep: str = "\r") -> bytes:
    return frame((sep.join([MSH.format(id=control_id), *obx]) + sep).encode())


def acks(replies: bytes) -> list[tuple[str, str]]:
    """(MSA-1, MSA-2) of each MLLP-framed ACK, parsed with the library."""
    out = []
    for payload in MllpFramer().feed(replies):
        message = hl7.parse(payload.decode())
        assert str(message.segment("MSH")(9)).startswith("ACK")
        msa = message.segment("MSA")
        out.append((str(msa(1)), str(msa(2))))
    return out


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector(vector: dict[str, Any]) -> None:
    stream = bytes.fromhex(vector["hex"])
    parser = Hl7Parser()
    readings = parser.feed(stream)
    assert [m.to_json() for m in readings] == expected(vector)
    assert all(m.raw == stream for m in readings)
    assert acks(parser.take_replies()) == [tuple(vector["msa"])]


def test_der_vector_bytes_are_the_documented_ones() -> None:
    assert DER[0] == 0x0B and DER[-2:] == b"\x1c\r"
    assert DER[1:-2].split(b"\r")[1] == b"OBX|1|NM|HGB||13.5|g/dL|||||F"


def test_plugin_parser_decodes_like_the_class() -> None:
    assert [m.to_json() for m in plugin.create_parser().feed(DER)] == decode(DER)


def test_ack_is_msa_aa_with_the_control_id() -> None:
    parser = Hl7Parser()
    parser.feed(oru("OBX|1|NM|K||4.1|mmol/L", control_id="MSG-0007"))
    assert acks(parser.take_replies()) == [("AA", "MSG-0007")]
    assert parser.take_replies() == b""


def test_unparseable_messages_are_answered_ar_or_ae() -> None:
    parser = Hl7Parser()
    assert parser.feed(frame(b"hello, not HL7")) == []
    assert acks(parser.take_replies()) == [("AR", "")]
    assert parser.feed(frame(b"MSH")) == []
    assert acks(parser.take_replies()) == [("AR", "")]


def test_a_message_the_library_cannot_ack_is_still_accepted() -> None:
    msg = frame(b"MSH|^~\\&|A|B|||x||ORU|5|P|2.3.1\rOBX|1|NM|K||4|mmol/L\r")
    parser = Hl7Parser()
    assert [m.value for m in parser.feed(msg)] == [4]
    assert acks(parser.take_replies()) == [("AA", "5")]


def test_obx_rules() -> None:
    readings = decode(
        oru(
            "OBX|1|NM|GLU^Glucose^LN||5.4|mmol/L^^UCUM|3.9-6.1|L|||F|||20240101120000",
            "OBX|2|ST|NOTE||hemolysed|||||F",
            "OBX|3|NM|CRP||<0.1|mg/L|||||F",
            "OBX|4|NM|K||-----|mmol/L|||||F",
            "OBX|5|NM|NA||140|mmol/L|||||X",
            "OBX|6|NM|||7|U|||||F",
            "OBX|7|NM|PLT|| 250 |10*3/uL||H~A|||F",
            "OBX|8|SN|ALB||^35|g/L|||||F",
        )
    )
    assert readings == [
        {
            "driver": "hl7-mllp",
            "type": "lab",
            "value": 5.4,
            "unit": "mmol/L",
            "time": "2024-01-01T12:00:00",
            "flags": ["low"],
            "code": "GLU",
        },
        {
            "driver": "hl7-mllp",
            "type": "lab",
            "value": 250,
            "unit": "10*3/uL",
            "time": None,
            "flags": ["high", "abnormal"],
            "code": "PLT",
        },
    ]


@pytest.mark.parametrize("sep", ["\r", "\n", "\r\n"], ids=["cr", "lf", "crlf"])
def test_segment_separators(sep: str) -> None:
    assert [r["value"] for r in decode(oru("OBX|1|NM|K||4.1|mmol/L", sep=sep))] == [4.1]


def test_msh16_sample_kind_flags() -> None:
    for kind, flags in (("0", []), ("1", ["calibration"]), ("2", ["quality-control"])):
        msh = f"MSH|^~\\&|Mindray|BS-380|||20111215100123||ORU^R01|1|P|2.3.1||||{kind}||ASCII|||"
        msg = frame(f"{msh}\rOBX|1|NM|K||4.1|mmol/L\r".encode())
        assert decode(msg)[0]["flags"] == flags


def test_framer_resyncs_on_0b_and_skips_bytes_outside() -> None:
    torn = b"\x0bMSH|^~\\&|DEV|KIOSK|||2024||ORU^R01|9|P|2.3.1\rOBX|1|NM|X||1|U"
    assert decode(b"noise\r\n" + torn + DER + b"\x1cjunk\x1c\r") == expected(VECTORS[0])


def test_framer_1c_without_0d_ends_the_message() -> None:
    assert decode(DER[:-1] + DER) == expected(VECTORS[0]) * 2


def test_framer_is_bounded() -> None:
    framer = MllpFramer(max_message=100)
    assert framer.feed(b"\x0b" + b"x" * 500 + b"\x1c\r") == []
    assert decode(b"\x0b" + b"x" * (MAX_MESSAGE + 10) + DER) == expected(VECTORS[0])


def test_split_at_every_offset_random_chunks_and_merged() -> None:
    stream = DER + bytes.fromhex(VECTORS[1]["hex"]) + DER
    whole = decode(stream)
    assert len(whole) == 3
    chunkings = partial(random_cuts, stream, random.Random(5))
    assert_splits_decode_alike(lambda chunks: decode(*chunks), stream, whole, chunkings, 200)


def test_an_ack_message_is_neither_read_nor_answered() -> None:
    parser = Hl7Parser()
    parser.feed(DER)
    ack = parser.take_replies()
    assert parser.feed(ack) == [] and parser.take_replies() == b""
