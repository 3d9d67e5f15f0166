"""Patient search: cross-script fuzzy names, identifiers, phone, birth year; ranked.

A query is split into parts (:func:`parse_query`): name words (folded to §7.2 keys, any
script, any order), a 12-digit IIN, an 11-digit SNILS (separators allowed), phone digits
(4 or more: the whole number or its last digits; 1880-2100 alone is a year), a birth
date or a 4-digit birth year.

Ranking (lower is better): ``cost`` = the sum over query name tokens of the cheapest
match (0 exact key, 0.5 prefix, 1-2 edits) plus :data:`MISSING_COST` for each query token
the patient does not match; ties are broken by the number of matched tokens, then by
agreement with the birth date / year and identifier in the query. An identifier or phone
hit ranks first. Merged patients never appear: a hit on one leads to the survivor.

Everything runs on indexes: ``patient_pairs`` and ``patient_tokens`` by token for the
candidates, ``name_vocab`` and its deletion variants for the expansions, the
``patients_search_card`` index (tokens + display columns) to rank and show them, and
``patients`` by birth date and phone. :func:`warm_search_index` reads these into the
connection's page cache (the kiosk does it once at start, off the GUI thread).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import re
from typing import Any

from kiosk.registry.index import PATRONYMIC_MARK, Expander, pair_key
from kiosk.registry.model import Candidate, index_tokens, normalise_phone
from kiosk.store.db import Store

MISSING_COST = 3.0
#: A query word found only in the patronymic ranks below one found in the family or given
#: name (Ерлан the patient before Ерланұлы the son).
PATRONYMIC_COST = 0.25
#: Fewest digits searched as an identifier or the end of a phone number.
MIN_DIGITS = 4
MAX_QUERY_TOKENS = 6
MAX_QUERY_LENGTH = 200
#: Cheapest expansions of each query token combined into pairs.
PAIR_EXPANSIONS = 8
_EXPANDER = Expander()

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})\.(\d{2})\.(\d{4})$")
_SEPARATED_DIGITS = re.compile(r"^[\d\s\-()+.]+$")


@dataclasses.dataclass(frozen=True, slots=True)
class Query:
    tokens: tuple[str, ...] = ()
    year: int | None = None
    birth_date: dt.date | None = None
    digits: tuple[str, ...] = ()  # identifiers or phone numbers, separators removed


def _date(word: str) -> dt.date | None:
    match = _DATE.match(word)
    if match is None:
        return None
    y, m, d = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_query(text: str) -> Query:
    text = text[:MAX_QUERY_LENGTH].strip()
    digits_only = re.sub(r"\D", "", text)
    if _SEPARATED_DIGITS.match(text) and len(digits_only) >= MIN_DIGITS and not _date(text):
        if len(digits_only) == 4 and 1880 <= int(digits_only) <= 2100:
            return Query(year=int(digits_only))
        return Query(digits=(digits_only,))
    names: list[str] = []
    year, birth, digits = None, None, []
    for word in text.split():
        found = _date(word)
        if found is not None:
            birth, year = found, found.year
        elif word.isdigit() and len(word) == 4 and 1880 <= int(word) <= 2100:
            year = int(word)
        elif _SEPARATED_DIGITS.match(word) and len(re.sub(r"\D", "", word)) >= MIN_DIGITS:
            digits.append(re.sub(r"\D", "", word))
        else:
            names.append(word)
    tokens = index_tokens(" ".join(names))[:MAX_QUERY_TOKENS]
    return Query(tuple(tokens), year, birth, tuple(digits))


def survivor_of(store: Store, patient_id: str) -> str:
    for _ in range(16):  # merge chains are short; a loop would be a bug elsewhere
        row = store.conn.execute(
            "SELECT merged_into FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return patient_id
        patient_id = str(row[0])
    return patient_id


def _digit_hits(store: Store, digits: str) -> dict[str, str]:
    """Patient id → reason for an identifier or phone given as digits."""
    hits: dict[str, str] = {}
    for pid, system in store.conn.execute(
        "SELECT patient_id, system FROM patient_identifiers WHERE value = ? LIMIT 20",
        (digits,),
    ):
        hits.setdefault(str(pid), str(system))
    phone = normalise_phone(digits)
    rows = store.conn.execute(
        "SELECT id FROM patients WHERE phone_digits = ? LIMIT 20", (phone,)
    ).fetchall()
    if not rows and MIN_DIGITS <= len(digits) < 11:
        rows = store.conn.execute(
            "SELECT id FROM patients WHERE phone_reversed >= ? AND phone_reversed < ? LIMIT 20",
            (digits[::-1], digits[::-1] + ":"),
        ).fetchall()
    for (pid,) in rows:
        hits.setdefault(str(pid), "phone")
    return {survivor_of(store, pid): reason for pid, reason in hits.items()}


_COLUMNS = "p.id, p.family, p.given, p.patronymic, p.birth_date, p.sex"


def _levels(costs: dict[str, float]) -> list[list[str]]:
    """Keys grouped by cost, cheapest first."""
    ordered = sorted(costs, key=lambda k: (costs[k], k))
    return [list(group) for _, group in itertools.groupby(ordered, key=costs.__getitem__)]


def _pair_costs(expansions: list[dict[str, float]]) -> dict[str, float]:
    pairs: dict[str, float] = {}
    for left, right in itertools.combinations(expansions, 2):
        cheap_left = sorted(left.items(), key=lambda kv: kv[1])[:PAIR_EXPANSIONS]
        cheap_right = sorted(right.items(), key=lambda kv: kv[1])[:PAIR_EXPANSIONS]
        for (a, cost_a), (b, cost_b) in itertools.product(cheap_left, cheap_right):
            if a != b:
                key = pair_key(a, b)
                pairs[key] = min(cost_a + cost_b, pairs.get(key, math.inf))
    return pairs


def _collect(
    store: Store,
    sql: str,
    levels: list[list[str]],
    found: dict[str, None],
    cap: int,
    extra: tuple[Any, ...] = (),
) -> None:
    for level in levels:
        if len(found) >= cap:
            return
        marks = ", ".join("?" * len(level))
        for (pid,) in store.conn.execute(sql.format(marks=marks), (*level, *extra, cap)):
            found.setdefault(str(pid), None)


def rank_by_name(store: Store, query: Query, limit: int) -> list[dict[str, Any]]:
    """Patients ranked by their name tokens against the query's (see the module doc), as
    rows with ``matched`` and ``score``; at most ``limit``, merged patients left out.

    Candidates come from index seeks only: first the pairs of query tokens
    (``patient_pairs``), cheapest expansions first, then, while fewer than ``limit`` were
    found, single tokens (born in the query's year first when it has one).
    """
    expansions = [_EXPANDER.expand(store.conn, token) for token in query.tokens]
    if not any(expansions):
        return []
    cap = limit
    found: dict[str, None] = {}
    if len(expansions) >= 2:
        _collect(
            store,
            "SELECT patient_id FROM patient_pairs WHERE pair IN ({marks}) ORDER BY weight LIMIT ?",
            _levels(_pair_costs(expansions)),
            found,
            cap,
        )
    y0, y1 = _year_range(query)
    for costs in expansions:
        if len(found) >= limit:
            break
        if y0:
            _collect(
                store,
                "SELECT t.patient_id FROM patient_tokens t JOIN patients p ON p.id = t.patient_id "
                "WHERE t.token IN ({marks}) AND p.birth_date >= ? AND p.birth_date < ? LIMIT ?",
                _levels(costs),
                found,
                limit,
                (y0, y1),
            )
        _collect(
            store,
            "SELECT patient_id FROM patient_tokens WHERE token IN ({marks}) LIMIT ?",
            _levels(costs),
            found,
            limit,
        )
    return _score(store, list(found), expansions, query, limit)


def _score(
    store: Store,
    ids: list[str],
    expansions: list[dict[str, float]],
    query: Query,
    limit: int,
) -> list[dict[str, Any]]:
    """The best ``limit`` unmerged candidates as rows with ``matched`` and ``score``, read
    with their search cards in one pass over the ``patients_search_card`` index (one seek
    per candidate: no token index, no wide patients row)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    cursor = store.conn.execute(
        f"SELECT {_COLUMNS}, p.search_tokens FROM patients p INDEXED BY patients_search_card "
        f"WHERE p.id IN ({marks}) AND p.merged_into IS NULL",
        ids,
    )
    rows: list[dict[str, Any]] = []
    for pid, family, given, patronymic, birth_date, sex, card in cursor:
        matched, score = _card_score(card, expansions)
        rows.append(
            {
                "id": pid,
                "family": family,
                "given": given,
                "patronymic": patronymic,
                "birth_date": birth_date,
                "sex": sex,
                "score": score,
                "matched": matched,
            }
        )
    rows.sort(key=lambda r: (r["score"], -r["matched"], _agreement(r, query), r["id"]))
    return rows[:limit]


def _card_score(card: str, expansions: list[dict[str, float]]) -> tuple[int, float]:
    """(query tokens matched, summed cost): each query token's cheapest expansion among the
    card's tokens (a patronymic-only token costs extra), :data:`MISSING_COST` when none
    matches. One pass over the card."""
    best: list[float | None] = [None] * len(expansions)
    for entry in card.split():
        token, extra = (
            (entry[1:], PATRONYMIC_COST) if entry.startswith(PATRONYMIC_MARK) else (entry, 0.0)
        )
        for i, costs in enumerate(expansions):
            cost = costs.get(token)
            if cost is not None:
                cost += extra
                current = best[i]
                if current is None or cost < current:
                    best[i] = cost
    matched = sum(cost is not None for cost in best)
    return matched, sum(MISSING_COST if cost is None else cost for cost in best)


def _year_range(query: Query) -> tuple[str, str]:
    if query.birth_date is not None:
        return query.birth_date.isoformat(), (query.birth_date + dt.timedelta(days=1)).isoformat()
    if query.year is not None:
        return f"{query.year:04d}-01-01", f"{query.year + 1:04d}-01-01"
    return "", ""


def _agreement(row: dict[str, Any], query: Query) -> int:
    """0 when the birth date agrees with the query's date or year (or there is none), else 1."""
    y0, y1 = _year_range(query)
    if not y0:
        return 0
    birth = row["birth_date"] or ""
    return 0 if y0 <= birth < y1 else 1


def _candidate(
    row: dict[str, Any], score: float, matched: int, reasons: tuple[str, ...]
) -> Candidate:
    return Candidate(
        patient_id=row["id"],
        family=row["family"],
        given=row["given"],
        patronymic=row["patronymic"],
        birth_date=row["birth_date"],
        sex=row["sex"],
        score=round(score, 3),
        matched=matched,
        reasons=reasons,
    )


def _by_ids(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = store.query(f"SELECT {_COLUMNS} FROM patients p WHERE p.id IN ({marks})", tuple(ids))
    return {row["id"]: row for row in rows}


def search(store: Store, query: str, limit: int = 20) -> list[Candidate]:
    """The patients that best match ``query``, best first (at most ``limit``)."""
    parsed = parse_query(query)
    limit = max(1, min(limit, 500))
    results: dict[str, Candidate] = {}
    digit_hits: dict[str, str] = {}
    for digits in parsed.digits:
        digit_hits.update(_digit_hits(store, digits))
    for pid, row in _by_ids(store, list(digit_hits)).items():
        results[pid] = _candidate(row, -1.0, 0, (digit_hits[pid],))
    if parsed.tokens:
        for row in rank_by_name(store, parsed, limit + len(results)):
            if row["id"] in results:
                continue
            reasons = ("name",) if not _agreement(row, parsed) else ("name", "birth_mismatch")
            results[row["id"]] = _candidate(row, row["score"], row["matched"], reasons)
            if len(results) >= limit:
                break
    elif parsed.year is not None and not parsed.digits:
        y0, y1 = _year_range(parsed)
        for row in store.query(
            f"SELECT {_COLUMNS} FROM patients p WHERE p.birth_date >= ? AND p.birth_date < ? "
            "AND p.merged_into IS NULL ORDER BY p.birth_date, p.id LIMIT ?",
            (y0, y1, limit),
        ):
            results[row["id"]] = _candidate(row, 0.0, 0, ("birth_year",))
    ordered = sorted(results.values(), key=lambda c: c.score)
    return ordered[:limit]


#: What a search reads, each as one sequential pass over its b-tree.
_WARM_READS = (
    "SELECT count(search_tokens) FROM patients INDEXED BY patients_search_card WHERE id >= ''",
    "SELECT count(weight) FROM patient_pairs NOT INDEXED",
    "SELECT count(field) FROM patient_tokens WHERE token >= ''",
    "SELECT count(deletions) FROM name_vocab_deletes NOT INDEXED",
    "SELECT count(token) FROM name_vocab NOT INDEXED",
    "SELECT count(*) FROM name_vocab WHERE token >= ''",
)


def warm_search_index(store: Store) -> int:
    """Read the search's indexes once, in order, into this connection's page cache, so the
    first searches of the day do not pay a random (and, encrypted, decrypted) page read per
    candidate. Returns the entries read. Costs one sequential pass (about 0.2 s for 100,000
    patients on the bench machine); the kiosk runs it on the reader thread at start."""
    return sum(int(store.conn.execute(sql).fetchone()[0]) for sql in _WARM_READS)
