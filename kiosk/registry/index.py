"""The name index: writing a patient's tokens, and finding the vocabulary tokens near a
query token with SQLite's own indexes (no scan of patients, tokens or vocabulary).

A query token expands to vocabulary tokens with a cost:

- the token itself, cost 0 (``name_vocab`` unique index);
- tokens it is a prefix of (``kasim`` → ``kasimov``), cost :data:`PREFIX_COST` (an index
  range on ``name_vocab.token``), for query tokens of 3 letters or more;
- tokens within :func:`max_edits` edits (symmetric delete: the query token's deletion
  variants are looked up in ``name_vocab_deletes``), re-ranked by
  :func:`kiosk.names.edit_distance`; cost = the distance.

Expansions are cached per connection and vocabulary size (the vocabulary only grows, so
its size changes whenever the answer can).

Each patient row also carries its tokens as a *search card* (``patients.search_tokens``,
:func:`card_tokens`), covered with the display columns by the ``patients_search_card``
index: ranking a candidate and showing it is one seek in one compact index.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable

from kiosk.names import edit_distance
from kiosk.registry.model import NameEntry, name_rows

PREFIX_COST = 0.5
#: Prefix expansions kept per query token.
PREFIX_LIMIT = 16
#: Fuzzy candidates verified by edit distance per query token (fewest deletions first).
FUZZY_CANDIDATES = 24
#: Deletion variants shorter than this are not indexed (they would match everything).
MIN_VARIANT = 3
#: Tokens per patient that take part in pairs (a long hyphenated name stops growing here).
MAX_PAIR_TOKENS = 8
CACHE_SIZE = 1024
#: Marks a search-card token found only in the patronymic (it ranks a little lower).
PATRONYMIC_MARK = "~"


def max_edits(token: str, exact_exists: bool = False) -> int:
    """Typos tolerated: none under 3 letters, 1 up to 4 letters, 2 from 5 letters on; only 1
    when the token itself is a known name (a real name near another is rarely a typo)."""
    if len(token) < 3:
        return 0
    if len(token) <= 4 or exact_exists:
        return 1
    return 2


def deletion_variants(token: str, edits: int) -> dict[str, int]:
    """Every string made by deleting up to ``edits`` letters (at least :data:`MIN_VARIANT`
    letters long), with the fewest deletions that make it; the token itself has 0."""
    found = {token: 0}
    frontier = {token}
    for deletions in range(1, edits + 1):
        frontier = {
            word[:i] + word[i + 1 :]
            for word in frontier
            if len(word) > MIN_VARIANT
            for i in range(len(word))
        }
        for variant in frontier:
            found.setdefault(variant, deletions)
    return found


def pair_key(a: str, b: str) -> str:
    return f"{a} {b}" if a < b else f"{b} {a}"


def card_tokens(rows: Iterable[tuple[str, str]]) -> str:
    """A search card from ``(token, field)`` rows: the distinct tokens, sorted, separated by
    spaces; a token found only in the patronymic starts with :data:`PATRONYMIC_MARK`
    (tokens are §7.2 keys, lower-case ASCII letters, so neither mark nor space is ambiguous)."""
    only_patronymic: dict[str, bool] = {}
    for token, field in rows:
        only_patronymic[token] = only_patronymic.get(token, True) and field == "patronymic"
    return " ".join(
        PATRONYMIC_MARK + token if only else token
        for token, only in sorted(only_patronymic.items())
    )


def write_tokens(conn: sqlite3.Connection, patient_id: str, names: tuple[NameEntry, ...]) -> None:
    """Index every spelling of a patient's name (inside the caller's transaction), and
    rewrite the patient's search card from all its tokens, old and new."""
    write_index_rows(conn, patient_id, names)
    rows = conn.execute(
        "SELECT token, field FROM patient_tokens WHERE patient_id = ?", (patient_id,)
    ).fetchall()
    conn.execute(
        "UPDATE patients SET search_tokens = ? WHERE id = ?", (card_tokens(rows), patient_id)
    )


def write_index_rows(
    conn: sqlite3.Connection, patient_id: str, names: tuple[NameEntry, ...]
) -> None:
    """Tokens, pairs, and for a token new to the vocabulary its deletion variants (schema
    version 3 on: migration 3 uses it before patients had a search card)."""
    rows = name_rows(patient_id, names)
    conn.executemany(
        "INSERT OR IGNORE INTO patient_tokens (token, patient_id, field) VALUES (?, ?, ?)", rows
    )
    tokens = sorted({token for token, _, _ in rows})
    for token in tokens:
        cursor = conn.execute("INSERT OR IGNORE INTO name_vocab (token) VALUES (?)", (token,))
        if cursor.rowcount == 1:
            vocab_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO name_vocab_deletes (variant, vocab_id, deletions) VALUES (?, ?, ?)",
                [(v, vocab_id, d) for v, d in deletion_variants(token, 2).items()],
            )
    patronymic_only = {
        token
        for token in tokens
        if all(field == "patronymic" for t, _, field in rows if t == token)
    }
    conn.executemany(
        "INSERT OR IGNORE INTO patient_pairs (pair, weight, patient_id) VALUES (?, ?, ?)",
        [
            (pair_key(a, b), int(a in patronymic_only or b in patronymic_only), patient_id)
            for a, b in itertools.combinations(tokens[:MAX_PAIR_TOKENS], 2)
        ],
    )


class Expander:
    """Query token → {vocabulary token: cost}, with a small LRU cache."""

    def __init__(self) -> None:
        self._cache: OrderedDict[str, dict[str, float]] = OrderedDict()
        # The connection itself, not its id: a strong reference, so a new connection can
        # never be mistaken for the one the cache was filled from.
        self._conn: sqlite3.Connection | None = None
        self._size = -1

    def expand(self, conn: sqlite3.Connection, token: str) -> dict[str, float]:
        size = int(conn.execute("SELECT max(id) FROM name_vocab").fetchone()[0] or 0)
        if conn is not self._conn or size != self._size:
            self._cache.clear()
            self._conn, self._size = conn, size
        found = self._cache.get(token)
        if found is None:
            found = _expand(conn, token)
            self._cache[token] = found
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(token)
        return found


def _expand(conn: sqlite3.Connection, token: str) -> dict[str, float]:
    costs: dict[str, float] = {}
    exact = conn.execute("SELECT 1 FROM name_vocab WHERE token = ?", (token,)).fetchone()
    if exact:
        costs[token] = 0.0
    if len(token) >= 3:
        for (other,) in conn.execute(
            "SELECT token FROM name_vocab WHERE token > ? AND token < ? ORDER BY token LIMIT ?",
            (token, token + "{", PREFIX_LIMIT),
        ):
            costs.setdefault(other, PREFIX_COST)
    edits = max_edits(token, exact is not None)
    if not edits:
        return costs
    variants = deletion_variants(token, edits)
    marks = ", ".join("?" * len(variants))
    best: dict[str, int] = {}
    for other, deletions, own in conn.execute(
        "SELECT v.token, d.deletions, d.variant FROM name_vocab_deletes d "
        f"JOIN name_vocab v ON v.id = d.vocab_id WHERE d.variant IN ({marks}) "
        "AND d.deletions <= ?",
        (*variants, edits),
    ):
        if other != token:
            total = deletions + variants[own]
            best[other] = min(total, best.get(other, total))
    for other in sorted(best, key=lambda t: (best[t], t))[:FUZZY_CANDIDATES]:
        # Only insertions/deletions: the count is the distance; else verify.
        distance = best[other] if best[other] <= 1 else edit_distance(token, other, edits)
        if distance <= edits:
            costs.setdefault(other, float(distance))
    return costs
