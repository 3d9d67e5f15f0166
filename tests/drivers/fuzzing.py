"""The seeded fuzz harness of the driver tests (reference/devices.md §17 item 5).

One seed per run: ``FUZZ_SEED=<n>`` pins it, otherwise a random one is drawn; either way it
is printed (``FUZZ_SEED=<n>``) so that a failure can be replayed, and a failure names the
seed and the input. The default run is :data:`DEFAULT_RUNS` inputs; the slow one,
:data:`SLOW_RUNS`, runs only when asked for (:func:`skip_unless_slow`).

:func:`fuzz_stream_parser` is the harness of the byte-stream (serial) parsers: each input is
garbage fed in two parts at a random cut (no exception may escape, each input within a time
bound), then a golden frame that must decode exactly. The mutation strategies below build
the garbage; what is protocol-specific (alphabets, corpora, golden frames, extra checks)
stays in each driver's test module.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import pytest

from kiosk.domain import Measurement

DEFAULT_RUNS = 100_000
SLOW_RUNS = 1_000_000
#: Seconds one fuzz input may take, parsing included: far above the microseconds to
#: milliseconds an input needs, so only a hang or a super-linear blow-up trips it.
INPUT_TIME_LIMIT = 1.0

Golden = tuple[bytes, list[dict[str, Any]]]
Strategy = Callable[[random.Random], bytes]


class StreamParser(Protocol):
    def feed(self, data: bytes) -> list[Measurement]: ...


def fuzz_seed() -> int:
    seed = int(os.environ.get("FUZZ_SEED", random.SystemRandom().randrange(2**32)))
    print(f"FUZZ_SEED={seed}")
    return seed


def skip_unless_slow(request: pytest.FixtureRequest) -> None:
    """No conftest deselects ``slow``: run only when asked for (``-m slow`` or RUN_SLOW=1)."""
    if "slow" not in str(request.config.getoption("markexpr")) and not os.environ.get("RUN_SLOW"):
        pytest.skip("million-input fuzz: run with -m slow (./dev test-slow) or RUN_SLOW=1")


def fuzz_tests(
    run: Callable[[int], None],
) -> tuple[Callable[[], None], Callable[[pytest.FixtureRequest], None]]:
    """A module's two fuzz tests, ``test_fuzz_default, test_fuzz_million = fuzz_tests(run)``:
    ``run(DEFAULT_RUNS)``, and ``run(SLOW_RUNS)`` marked slow and run only when asked for."""

    def test_fuzz_default() -> None:
        run(DEFAULT_RUNS)

    @pytest.mark.slow
    def test_fuzz_million(request: pytest.FixtureRequest) -> None:
        skip_unless_slow(request)
        run(SLOW_RUNS)

    return test_fuzz_default, test_fuzz_million


def run_seeded(
    check_one: Callable[[random.Random, int], None],
    runs: int,
    label: str = "fuzz",
    seed: int | None = None,
) -> None:
    """``check_one(rng, index)`` for ``runs`` inputs from one printed seed (by default
    :func:`fuzz_seed`); an exception names the seed and the input; the time is printed."""
    if seed is None:
        seed = fuzz_seed()
    else:
        print(f"FUZZ_SEED={seed}")
    rng = random.Random(seed)
    started, cpu = time.perf_counter(), time.process_time()
    for index in range(runs):
        try:
            check_one(rng, index)
        except Exception as error:
            raise AssertionError(f"FUZZ_SEED={seed} failed at input {index}") from error
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label}: {runs} inputs in {elapsed:.2f} s ({cpu:.2f} s CPU)")


# -- mutation strategies ----------------------------------------------------------------------


def one_of(rng: random.Random, *strategies: Strategy) -> bytes:
    """One of ``strategies``, each as likely."""
    return strategies[rng.randrange(len(strategies))](rng)


def random_bytes(rng: random.Random, below: int) -> bytes:
    """Fewer than ``below`` uniformly random bytes."""
    return rng.randbytes(rng.randrange(below))


def alphabet_bytes(rng: random.Random, alphabet: Sequence[int], below: int) -> bytes:
    """Fewer than ``below`` bytes drawn from the protocol's ``alphabet``."""
    return bytes(rng.choices(alphabet, k=rng.randrange(below)))


def biased_bytes(rng: random.Random, bias: bytes, below: int) -> bytes:
    """Fewer than ``below`` random bytes mapped through the 256-byte table ``bias``."""
    return random_bytes(rng, below).translate(bias)


def mutate(rng: random.Random, data: bytearray, rounds: int) -> bytearray:
    """1 to ``rounds`` bit flips, deleted bytes and inserted random bytes, in place."""
    for _ in range(rng.randint(1, rounds)):
        if not data:
            break
        position = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[position] ^= 1 << rng.randrange(8)
        elif action == 1:
            del data[position]
        else:
            data.insert(position, rng.randrange(256))
    return data


def mutate_in_alphabet(
    rng: random.Random, data: bytearray, rounds: int, alphabet: Sequence[int]
) -> bytearray:
    """1 to ``rounds`` bit flips, deleted runs of 1-4 bytes, inserted and replaced bytes of
    ``alphabet``, in place."""
    for _ in range(rng.randint(1, rounds)):
        if not data:
            break
        position = rng.randrange(len(data))
        action = rng.randrange(4)
        if action == 0:
            data[position] ^= 1 << rng.randrange(8)
        elif action == 1:
            del data[position : position + rng.randint(1, 4)]
        elif action == 2:
            data.insert(position, rng.choice(alphabet))
        else:
            data[position] = rng.choice(alphabet)
    return data


def prefix(rng: random.Random, data: bytes | bytearray) -> bytes:
    """A random prefix of ``data`` (empty to whole)."""
    return bytes(data[: rng.randrange(len(data) + 1)])


def suffix(rng: random.Random, data: bytes | bytearray) -> bytes:
    """A random non-empty suffix of ``data``."""
    return bytes(data[rng.randrange(len(data)) :])


# -- the stream-parser harness ----------------------------------------------------------------


def _plain(parser: Any, frame: bytes) -> list[dict[str, Any]]:
    return [m.to_json() for m in parser.feed(frame)]


def fuzz_stream_parser(
    make_parser: Callable[[random.Random], Any],
    golden: Sequence[Golden] | Callable[[random.Random], Golden],
    count: int,
    seed: int | None = None,
    *,
    garbage: Callable[[random.Random, int], bytes],
    check_readings: Callable[[Any, list[Measurement]], None],
    tail: bytes = b"",
    decode_golden: Callable[[Any, bytes], list[dict[str, Any]]] = _plain,
    max_early: int | Callable[[list[dict[str, Any]]], int] = 0,
    label: str = "fuzz",
    time_limit: float = INPUT_TIME_LIMIT,
) -> None:
    """Fuzz a byte-stream parser with ``count`` inputs from ``seed`` (printed; by default
    :func:`fuzz_seed`).

    Each input: ``make_parser(rng)``; ``garbage(rng, index)`` fed in two parts at a random cut,
    then ``tail`` (if any); ``check_readings(parser, readings)`` on what that gave; then a
    golden ``(frame, readings)`` (``rng.choice(golden)``, or ``golden(rng)``) whose
    ``decode_golden(parser, frame)`` must be exactly its readings, after at most
    ``max_early`` readings that the golden frame completed for the garbage (as many as
    ``max_early(readings)`` if a function). No exception may escape and no input may take
    ``time_limit`` seconds or more.
    """
    choose = golden if callable(golden) else (lambda rng: rng.choice(golden))

    def check_one(rng: random.Random, index: int) -> None:
        started = time.perf_counter()
        parser = make_parser(rng)
        data = garbage(rng, index)
        cut = rng.randrange(len(data) + 1)
        readings = parser.feed(data[:cut]) + parser.feed(data[cut:])
        if tail:
            readings += parser.feed(tail)
        check_readings(parser, readings)
        frame, want = choose(rng)
        got = decode_golden(parser, frame)
        early = len(got) - len(want)
        allowed = max_early(want) if callable(max_early) else max_early
        assert got[early:] == want and early <= allowed, (data.hex(), frame.hex())
        elapsed = time.perf_counter() - started
        assert elapsed < time_limit, f"one input took {elapsed:.3f} s: {data.hex()}"

    run_seeded(check_one, count, label, seed)


def assert_resyncs(
    parser: StreamParser,
    chunks: Sequence[bytes],
    then: bytes,
    frame: bytes,
    want: list[dict[str, Any]],
    keep: Callable[[Measurement], bool] = lambda m: True,
) -> None:
    """After any ``chunks`` (and ``then``), ``frame`` decodes exactly to ``want``."""
    for chunk in chunks:
        parser.feed(chunk)
    if then:
        parser.feed(then)
    assert [m.to_json() for m in parser.feed(frame) if keep(m)] == want


def assert_linear(
    parser: StreamParser,
    rng: random.Random,
    size: int,
    seconds: float,
    frame: bytes,
    want: list[dict[str, Any]],
    keep: Callable[[Measurement], bool] = lambda m: True,
) -> None:
    """``size`` random bytes are parsed in under ``seconds``; then ``frame`` decodes exactly."""
    blob = rng.randbytes(size)
    started = time.perf_counter()
    parser.feed(blob)
    assert time.perf_counter() - started < seconds
    assert [m.to_json() for m in parser.feed(frame) if keep(m)] == want
