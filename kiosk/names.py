"""Names across Kazakh Cyrillic, Russian Cyrillic and Latin: transliteration and search keys.

Pure functions, no I/O. The tables and the search-key steps come from ``reference/clinical.md``
§7: ICAO Doc 9303 (with the Kazakh letters folded to plain Latin as Kazakh documents do), GOST
7.79-2000 system B, the Kazakh Latin alphabet of 2021 (with the kiosk's choices for the
Russian-only letters), and the kiosk's search key of §7.2.

Decisions of this module (not spelled out in clinical.md):

- Capitalisation: an upper-case Cyrillic letter gives an all-capitals Latin group when its word
  is written in capitals (the next letter, or else the previous one, is upper case), otherwise
  only the first Latin letter is a capital (Щукин -> Shchukin, ЩУКИН -> SHCHUKIN). In Kazakh
  Latin the capital of ``i`` is ``İ`` and of ``ı`` is ``I``.
- GOST 7.79 B as given in §7 covers Russian only; Kazakh letters pass through it unchanged.
- Search key: steps 5-6 are repeated until nothing changes, so that a key is its own key
  (one pass can create a new digraph: ``kkh`` -> ``kh``). Whitespace and
  punctuation other than apostrophes separate words (so hyphenated parts become words); other
  accented Latin letters lose their marks (é -> e); any other character is dropped.
- Patronymics (§7.2 "Also"): see :func:`name_tokens`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from rapidfuzz.distance import OSA

#: ICAO Doc 9303 for Russian (ь dropped), clinical.md §7.1.
ICAO: dict[str, str] = {
    **dict(zip("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf", strict=True)),
    **{"ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
    **{"ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"},
}
#: How Kazakh documents fold the Kazakh letters to plain Latin (§7.1).
KAZAKH_PLAIN: dict[str, str] = dict(zip("әғқңөұүһі", "agknouuhi", strict=True))
#: GOST 7.79-2000 system B (ц is handled separately: c before е и ы й, else cz).
GOST_B: dict[str, str] = {
    **ICAO,
    **{"ё": "yo", "й": "j", "х": "x", "щ": "shh", "ъ": "``", "ы": "y`", "ь": "`"},
    **{"э": "e`", "ю": "yu", "я": "ya"},
}
#: Kazakh Latin 2021 plus the kiosk's choice for the Russian-only letters (§7.1).
KAZAKH_LATIN: dict[str, str] = {
    **{c: c_latin for c, c_latin in ICAO.items() if len(c_latin) == 1},
    **dict(zip("әғқңөұүһхіийшжыу", "äğqñöūüh" + "hıiişjyu", strict=True)),
    **{"ё": "io", "ц": "ts", "ч": "ch", "щ": "şş", "ъ": "", "ь": "", "э": "e"},
    **{"ю": "iu", "я": "ia"},
}

_Lookup = Callable[[str, str], str | None]


def _transliterate(text: str, lookup: _Lookup, upper: Callable[[str], str]) -> str:
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else ""
        latin = lookup(ch.lower(), following.lower())
        if latin is None:
            out.append(ch)
            continue
        if ch.isupper():
            prev = text[i - 1] if i > 0 else ""
            neighbour = following if following.isalpha() else prev
            all_caps = neighbour.isalpha() and neighbour.isupper()
            latin = upper(latin) if all_caps else upper(latin[:1]) + latin[1:]
        out.append(latin)
    return "".join(out)


def transliterate_icao(text: str) -> str:
    """ICAO Doc 9303 (Russian passports), Kazakh letters folded to plain Latin (§7.1)."""
    table = {**ICAO, **KAZAKH_PLAIN}
    return _transliterate(text, lambda c, _next: table.get(c), str.upper)


def _gost_lookup(c: str, following: str) -> str | None:
    if c == "ц":
        return "c" if following in ("е", "и", "ы", "й") else "cz"
    return GOST_B.get(c)


def transliterate_gost_b(text: str) -> str:
    """GOST 7.79-2000 system B (ASCII only), Russian letters (§7.1)."""
    return _transliterate(text, _gost_lookup, str.upper)


def _kazakh_upper(text: str) -> str:
    return "".join("İ" if c == "i" else c.upper() for c in text)


def transliterate_kazakh_latin(text: str) -> str:
    """Kazakh Latin alphabet of 2021 (§7.1); ``и``/``й`` -> ``i`` (capital ``İ``),
    ``і`` -> ``ı`` (capital ``I``)."""
    return _transliterate(text, lambda c, _next: KAZAKH_LATIN.get(c), _kazakh_upper)


# --- Search key (clinical.md §7.2) ----------------------------------------------------------

#: Step 2: ICAO plus the Kazakh letters, and ъ dropped.
_KEY_CYRILLIC: dict[str, str] = {**ICAO, **KAZAKH_PLAIN, "ъ": ""}
#: Step 3: Latin letters with diacritics.
_KEY_LATIN: dict[str, str] = {
    **dict(zip("äğqñöūüıëè", "agknouuiee", strict=True)),
    **{"ş": "sh", "ç": "ch", "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shch", "û": "iu", "â": "ia"},
}
_APOSTROPHES = frozenset("'`\u2018\u2019\u02bc\u02b9\u02bb\u00b4")
#: Step 5, in this order, then y -> i.
_DIGRAPHS = (
    ("shch", "sh"),
    ("shh", "sh"),
    ("sch", "sh"),
    ("zh", "j"),
    ("kh", "h"),
    ("x", "h"),
    ("cz", "c"),
    ("ts", "c"),
    ("y", "i"),
)


def _fold_char(ch: str) -> str:
    """Steps 2-3 for one lower-case character: Latin letters, or " " between words."""
    if ch in _KEY_CYRILLIC:
        return _KEY_CYRILLIC[ch]
    if ch in _KEY_LATIN:
        return _KEY_LATIN[ch]
    if "a" <= ch <= "z":
        return ch
    if ch in _APOSTROPHES:
        return ""
    if ch.isspace() or unicodedata.category(ch).startswith("P"):
        return " "
    plain = unicodedata.normalize("NFKD", ch).lower()
    return "".join(_KEY_LATIN.get(c, c) for c in plain if "a" <= c <= "z")  # 𝚚 -> q -> k


def _collapse(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or word[i - 1] != c)


def _fold_word(word: str) -> str:
    """Steps 4-6 for one word of plain Latin letters."""
    if word.startswith("ye"):
        word = "e" + word[2:]
    while True:
        folded = word
        for digraph, letter in _DIGRAPHS:
            folded = folded.replace(digraph, letter)
        folded = _collapse(folded)
        if folded == word:
            return word
        word = folded


def _folded_words(text: str) -> list[str]:
    """Steps 1-3: the words of ``text`` in plain lower-case Latin letters."""
    lowered = unicodedata.normalize("NFC", text).lower().replace("i\u0307", "i")
    return "".join(_fold_char(ch) for ch in lowered).split()


def search_key(text: str) -> str:
    """The §7.2 search key of a name: lower-case ASCII words separated by single spaces.

    Cyrillic (Russian and Kazakh), ICAO, Kazakh Latin and most informal Latin spellings of a
    name give the same key (Жанна, Zhanna, Janna -> ``jana``). Known limit (§7.2): GOST B's
    ``j`` for й and ``yo`` for ё do not fold to ``i`` and ``e``.
    """
    return " ".join(_fold_word(word) for word in _folded_words(text))


#: Patronymic suffixes as keys: -ұлы, -қызы (-uly, -kyzy), -ович, -овна, -евич, -евна.
PATRONYMIC_SUFFIXES: tuple[str, ...] = ("uli", "kizi", "ovich", "ovna", "evich", "evna")
#: A suffix is split off only when at least this many letters remain before it.
MIN_ROOT = 2
#: The longest spelling of a suffix that is looked at (``yevich``, ``kkyzy``...).
_MAX_SUFFIX_SPELLING = 7


def name_tokens(text: str) -> list[str]:
    """The search keys of each word of a name, for matching regardless of word order.

    Hyphenated parts are separate words. A word splits into root and patronymic suffix at the
    shortest ending (after steps 1-3, so in any script) whose key is a suffix key, when the
    root's key keeps at least ``MIN_ROOT`` letters: Нұрсұлтанұлы, Nursultan uly and
    Нұрсұлтан-ұлы all give ``["nursultan", "uli"]``, Серікқызы ``["serik", "kizi"]``,
    Иванович ``["ivan", "ovich"]``. Splitting before step 6 keeps a doubled letter at the
    seam (кқ) from being collapsed away. The -евич/-евна forms are an addition to §7.2.
    """
    tokens: list[str] = []
    for word in _folded_words(text):
        tokens += _split_patronymic(word)
    return tokens


def _split_patronymic(word: str) -> list[str]:
    for n in range(3, min(len(word), _MAX_SUFFIX_SPELLING) + 1):
        suffix = _fold_word(word[-n:])
        if suffix in PATRONYMIC_SUFFIXES:
            # "ye" spells е (Sergeyevich = Сергеевич): the y belongs to the suffix.
            cut = n + 1 if suffix[0] == "e" and word[-n - 1 : -n] == "y" else n
            root = _fold_word(word[:-cut])
            if len(root) >= MIN_ROOT:
                return [root, suffix]
    return [_fold_word(word)]


# --- Ranking --------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Damerau-Levenshtein distance, optimal string alignment variant (adjacent transpositions
    cost 1; no substring is edited twice, so it is *not* a metric: the triangle inequality can
    fail). With ``limit``, returns ``min(distance, limit + 1)`` and stops early.

    RapidFuzz's C++ OSA (bit-parallel), ~200× the pure-Python table it replaced: the search
    verifies a few fuzzy candidates per query word with it."""
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    return int(OSA.distance(a, b, score_cutoff=limit))
