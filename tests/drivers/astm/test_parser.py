"""Golden vectors, link layer and robustness rules of the astm parser (devices.md §12, §17)."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import pytest

from drivers.astm import plugin
from drivers.astm.lowlevel import (
    ACK,
    ENQ,
    EOT,
    ETB,
    ETX,
    MAX_FRAME,
    NAK,
    STX,
    LinkReceiver,
    checksum,
    encode_frame,
    encode_message,
)
from drivers.astm.parser import AstmParser
from drivers.astm.records import lab_number, lab_time
from tests.drivers import serial_vectors
from tests.drivers.serial_vectors import (
    as_json,
    assert_splits_decode_alike,
    load_vectors,
    random_cuts,
)

DOC = load_vectors(__file__, "astm")
VECTORS: list[dict[str, Any]] = DOC["vectors"]
DER = bytes.fromhex(VECTORS[3]["hex"])
DER_TEXT = VECTORS[3]["frames"][0]["text"].encode()
TWO_FRAMES = bytes.fromhex(VECTORS[4]["hex"])


def expected(vector: dict[str, Any]) -> list[dict[str, Any]]:
    return serial_vectors.expected("astm", vector, code=False)


def decode(*chunks: bytes) -> list[dict[str, Any]]:
    parser = AstmParser()
    return [m.to_json() for chunk in chunks for m in parser.feed(chunk)]


def message(*records: str, per_frame: bool = False) -> bytes:
    frames = encode_message([r.encode("latin-1") for r in records], per_frame=per_frame)
    return bytes([ENQ]) + b"".join(frames) + bytes([EOT])


def result(record: str, header: str = "H|\\^&") -> list[dict[str, Any]]:
    return decode(message(header, "P|1", "O|1|S1||^^^X|R", record, "L|1|N"))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_golden_vector_frames_checksums_and_readings(vector: dict[str, Any]) -> None:
    stream = bytes.fromhex(vector["hex"])
    link = LinkReceiver()
    events = link.feed(stream)
    frames = [e.frame for e in events if e.frame is not None]
    assert [(f.number, f.text.decode(), f.last) for f in frames] == [
        (f["number"], f["text"], f["last"]) for f in vector["frames"]
    ]
    for frame, spec in zip(frames, vector["frames"], strict=True):
        assert frame.raw[-2:] == spec["checksum"].encode()
        assert checksum(frame.raw[1:-2]) == spec["checksum"].encode()
        assert encode_frame(frame.number, frame.text, last=frame.last) in stream
    assert link.take_replies() == bytes([ACK]) * len(frames)
    parser = AstmParser()
    readings = parser.feed(stream)
    assert as_json(readings) == expected(vector)
    assert all(m.raw in stream for m in readings)


def test_der_two_frame_message_reads_like_the_one_frame_message() -> None:
    assert decode(TWO_FRAMES) == decode(DER) == expected(VECTORS[3])
    glu = AstmParser().feed(TWO_FRAMES)[0]
    assert glu.raw == TWO_FRAMES[TWO_FRAMES.index(STX, 1) :].rstrip(b"\r\n")  # frame 2 only


def test_lib_eighth_frame_is_numbered_0() -> None:
    frames = encode_message([b"R|%d" % i for i in range(1, 10)])
    assert [f[1:2] for f in frames] == [b"1", b"2", b"3", b"4", b"5", b"6", b"7", b"0", b"1"]
    link = LinkReceiver()
    events = link.feed(bytes([ENQ]) + b"".join(frames) + bytes([EOT]))
    assert [e.frame.number for e in events if e.frame] == [1, 2, 3, 4, 5, 6, 7, 0, 1]
    assert link.take_replies() == bytes([ACK]) * 10  # ENQ and nine frames, none NAKed


def test_checksum_is_two_uppercase_hex_of_the_sum_mod_256() -> None:
    assert checksum(b"\x02") == b"02"
    assert checksum(b"1A|B|C|D\r\x03") == b"BF"
    assert checksum(bytes([0xFF, 0x01, 0xAB])) == b"AB"


def test_plugin_parser_decodes_like_the_class() -> None:
    assert as_json(plugin.create_parser().feed(DER)) == decode(DER)


# -- the handshake and retransmission -----------------------------------------------------


def test_enq_ack_frames_acked_and_eot_ends() -> None:
    parser = AstmParser()
    assert parser.feed(bytes([ENQ])) == [] and parser.take_replies() == bytes([ACK])
    assert len(parser.feed(DER)) == 2 and parser.take_replies() == bytes([ACK])
    assert parser.feed(bytes([EOT])) == [] and parser.take_replies() == b""


def test_bad_checksum_is_naked_then_the_resent_frame_is_accepted_once() -> None:
    spoilt = DER[:-4] + b"71\r\n"
    parser = AstmParser()
    parser.feed(bytes([ENQ]))
    assert parser.feed(spoilt) == [] and parser.take_replies() == bytes([ACK, NAK])
    assert as_json(parser.feed(DER)) == expected(VECTORS[3])
    assert parser.take_replies() == bytes([ACK])
    assert parser.feed(DER) == []  # the same frame again (our ACK was lost): not counted twice
    assert parser.take_replies() == bytes([ACK])


def test_wrong_frame_number_is_naked_after_enq() -> None:
    frame_2 = encode_frame(2, DER_TEXT)
    parser = AstmParser()
    parser.feed(bytes([ENQ]))
    assert parser.feed(frame_2) == [] and parser.take_replies() == bytes([ACK, NAK])
    assert len(parser.feed(DER)) == 2 and parser.take_replies() == bytes([ACK])


def test_resend_of_first_frame_of_two_is_not_double_counted() -> None:
    parser = AstmParser()
    first, second = TWO_FRAMES[: TWO_FRAMES.index(STX, 1)], TWO_FRAMES[TWO_FRAMES.index(STX, 1) :]
    parser.feed(bytes([ENQ]) + first + first)
    assert parser.take_replies() == bytes([ACK, ACK, ACK])
    assert as_json(parser.feed(second)) == expected(VECTORS[3])


# -- the robustness rules of devices.md §12, one test each -------------------------------


def test_decodes_without_enq_capture_starting_mid_session() -> None:
    assert decode(encode_frame(5, DER_TEXT)) == expected(VECTORS[3])


@pytest.mark.parametrize("tail", [b"\r\n", b"\r", b"\n", b""], ids=["crlf", "cr", "lf", "none"])
def test_anything_or_nothing_after_the_checksum(tail: bytes) -> None:
    stream = encode_frame(1, DER_TEXT, tail=tail) + bytes([EOT])
    assert decode(stream * 2) == expected(VECTORS[3]) * 2


def test_frames_longer_than_247_bytes() -> None:
    records = ["H|\\^&"] + [f"R|{i}|^^^T{i:02d}|{i}.5|mmol/L||N||F" for i in range(60)] + ["L|1"]
    stream = message(*records)
    assert len(stream) > 1500
    readings = decode(stream)
    assert [r["code"] for r in readings] == [f"T{i:02d}" for i in range(60)]


def test_a_frame_past_the_bound_is_dropped_and_the_next_decodes() -> None:
    huge = bytes([STX]) + b"1" + b"x" * (MAX_FRAME + 10)
    assert decode(huge + DER) == expected(VECTORS[3])


def test_one_record_per_frame_and_records_split_across_etb_frames() -> None:
    records = [r.decode() for r in DER_TEXT.split(b"\r") if r]
    assert decode(message(*records, per_frame=True)) == expected(VECTORS[3])
    body = DER_TEXT
    frames = [encode_frame(i + 1, body[i * 7 : i * 7 + 7], last=False) for i in range(30)]
    frames.append(encode_frame(31, body[210:]))
    assert decode(bytes([ENQ]) + b"".join(frames)) == expected(VECTORS[3])


def test_etx_ends_a_record_without_cr() -> None:
    stream = encode_frame(1, b"H|\\^&\rR|1|^^^K|4.1|mmol/L")
    assert [(r["code"], r["value"]) for r in decode(stream)] == [("K", 4.1)]


def test_delimiters_come_from_the_h_record_genexpert() -> None:
    record = "R|1|^^^MTB@^^^RIF|7.5|log||H||F"
    readings = result(record, header="H|@^\\|||GeneXpert^1.0")
    assert [(r["code"], r["value"], r["flags"]) for r in readings] == [("MTB", 7.5, ["high"])]
    odd = decode(message("H!@#$", "R!1!###GLU!5.0!mmol/L"))
    assert [(r["code"], r["value"]) for r in odd] == [("GLU", 5.0)]


def test_space_padded_values_are_trimmed() -> None:
    readings = result("R|1|^^^ GLU |  5.4 | mmol/L |")
    assert [(r["code"], r["value"], r["unit"]) for r in readings] == [("GLU", 5.4, "mmol/L")]


def test_test_id_component_4_else_5_kept_verbatim() -> None:
    assert result("R|1|^^^HbA1c|5.1|%")[0]["code"] == "HbA1c"
    assert result("R|1|^^^^HGB^1|13|g/dL")[0]["code"] == "HGB"
    assert result("R|1|^^^123/|0.8|1")[0]["code"] == "123/"
    assert result("R|1|^^^ |0.8|1") == []  # no test code: no reading


def test_units_verbatim_even_when_not_ucum() -> None:
    assert result("R|1|^^^A|1|1")[0]["unit"] == "1"
    assert result("R|1|^^^A|1|10*3/uL")[0]["unit"] == "10*3/uL"
    assert result("R|1|^^^A|1|")[0]["unit"] is None


@pytest.mark.parametrize("value", ["-----", "<0.1", ">500", "POS", "\\img\\0042.png", "", "1,5"])
def test_non_numeric_results_give_no_reading(value: str) -> None:
    assert result(f"R|1|^^^A|{value}|mg/L") == []


def test_integer_results_stay_integers() -> None:
    value = result("R|1|^^^PLT|250|10*3/uL")[0]["value"]
    assert value == 250 and type(value) is int


@pytest.mark.parametrize(
    "text",
    [
        bytes([STX]) + b"SPOTCHEM EL  GLU  98 mg/dL\r\n" + bytes([ETX]) + b"\r\n",
        bytes([STX, 0x1E]) + b"mtrsl|" + bytes([0x1E]) + b"pi|1|" + bytes([0x1D]) + b"b0\n",
    ],
    ids=["spotchem", "mini-vidas"],
)
def test_non_astm_text_inside_stx_etx_does_not_crash(text: bytes) -> None:
    parser = AstmParser()
    assert parser.feed(text * 3) == []
    assert as_json(parser.feed(DER)) == expected(VECTORS[3])


def test_qc_runs_are_flagged_not_hidden() -> None:
    by_header = decode(message("H|\\^&|||A|||||||Q|1", "R|1|^^^GLU|5.4|mmol/L"))
    assert by_header[0]["flags"] == ["quality-control"]
    by_order = decode(message("H|\\^&", "O|1|C1||^^^GLU|R||||||Q", "R|1|^^^GLU|5.4|mmol/L||H"))
    assert by_order[0]["flags"] == ["high", "quality-control"]
    patient = decode(message("H|\\^&", "O|1|S1||^^^GLU|R||||||N", "R|1|^^^GLU|5.4|mmol/L"))
    assert patient[0]["flags"] == []


@pytest.mark.parametrize(("code", "flag"), [("L", "low"), ("H", "high"), ("A", "abnormal")])
def test_abnormal_flags(code: str, flag: str) -> None:
    assert result(f"R|1|^^^A|1|U||{code}")[0]["flags"] == [flag]


def test_result_time_from_r_record_else_null() -> None:
    assert result("R|1|^^^A|1|U||||F||||20240301101200")[0]["time"] == "2024-03-01T10:12:00"
    assert result("R|1|^^^A|1|U||||F|||202403011010|")[0]["time"] == "2024-03-01T10:10"
    assert result("R|1|^^^A|1|U||||F||||20241301101200")[0]["time"] is None  # month 13
    assert result("R|1|^^^A|1|U")[0]["time"] is None
    assert lab_time("20240229") == "2024-02-29" and lab_time("2024") is None
    assert lab_number(" 1e3 ") == 1000.0 and lab_number("nan") is None


def test_a_new_header_drops_an_unfinished_record() -> None:
    torn = encode_frame(1, b"H|\\^&\rR|1|^^^GLU|9", last=False)
    assert decode(torn + DER) == expected(VECTORS[3])
    assert decode(torn + bytes([EOT]) + encode_frame(2, b"9.9|mmol/L\r")) == []


# -- split and merged reads ------------------------------------------------------------------


def test_split_at_every_offset_random_chunks_and_merged() -> None:
    stream = b"\x05" + DER + b"\x04\x05" + TWO_FRAMES + b"\x04"
    whole = decode(stream)
    assert whole == expected(VECTORS[3]) * 2
    chunkings = partial(random_cuts, stream, random.Random(7))
    assert_splits_decode_alike(lambda chunks: decode(*chunks), stream, whole, chunkings, 200)


def test_replies_are_the_same_however_the_stream_is_split() -> None:
    stream = b"\x05" + DER[:-4] + b"00\r\n" + DER + DER + b"\x04"
    one = AstmParser()
    one.feed(stream)
    bytewise = AstmParser()
    replies = b""
    for byte in stream:
        bytewise.feed(bytes([byte]))
        replies += bytewise.take_replies()
    assert replies == one.take_replies() == bytes([ACK, NAK, ACK, ACK])


def test_link_layer_ignores_noise_between_frames() -> None:
    link = LinkReceiver()
    noise = bytes(b for b in range(256) if b not in (STX, ENQ, EOT, ETX, ETB))
    assert link.feed(noise) == [] and link.take_replies() == b""
