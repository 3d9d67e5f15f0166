"""Transliteration, search keys and edit distance: every table of clinical.md §7 plus properties.

What the properties found (and the tests below pin down):

- key(key(x)) == key(x) holds because steps 5-6 are repeated until stable (one pass alone is
  not idempotent: кх -> kkh -> kh, whose own key is h).
- key(Cyrillic) == key(ICAO transliteration) holds for every Cyrillic text without ъ (ICAO
  writes ъ as "ie", the key drops it: Подъячев -> podiachev vs podieiachev).
- key(Cyrillic) == key(GOST B) needs й and ё left out (the "known limit": Czoj -> coj), and
  Russian letters only (GOST B passes Kazakh letters through: ЦҺ -> czҺ -> cj, not ch).
- key(Cyrillic) == key(Kazakh Latin) needs щ and ё left out (şş -> shsh, ё -> io), and х
  too: kh and h meet only through step 5, whose replacements depend on their neighbours in
  consonant clusters no real name has (ЗХҺ: zkhh -> j but zhh -> jh; ЦХЧ: chch but ch).
- The optimal-string-alignment distance is not a metric: the triangle inequality fails.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.names import (
    edit_distance,
    name_tokens,
    search_key,
    transliterate_gost_b,
    transliterate_icao,
    transliterate_kazakh_latin,
)

# --- The checked transliterations of §7.1 ---------------------------------------------------

RUSSIAN_TABLE = [
    ("Щукин", "Shchukin", "Shhukin"),
    ("Юрьев", "Iurev", "Yur`ev"),
    ("Королёв", "Korolev", "Korolyov"),
    ("Подъячев", "Podieiachev", "Pod``yachev"),
    ("Сергей", "Sergei", "Sergej"),
    ("Хабибуллин", "Khabibullin", "Xabibullin"),
    ("Цой / Цибулько", "Tsoi / Tsibulko", "Czoj / Cibul`ko"),
    ("Наталья", "Natalia", "Natal`ya"),
]
KAZAKH_TABLE = [
    ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
    ("Жаңаөзен", "Jañaözen"),
    ("Өскемен / Ұлы / Үкілі", "Öskemen / Ūly / Ükılı"),
    ("Ғалым / Шаһар / Ақжол", "Ğalym / Şahar / Aqjol"),
    ("Иван / Ізбасар / Әлия", "İvan / Izbasar / Äliia"),
]


@pytest.mark.parametrize(("cyrillic", "icao", "gost"), RUSSIAN_TABLE)
def test_russian_table(cyrillic: str, icao: str, gost: str) -> None:
    assert transliterate_icao(cyrillic) == icao
    assert transliterate_gost_b(cyrillic) == gost
    assert transliterate_gost_b(cyrillic).isascii()


@pytest.mark.parametrize(("cyrillic", "latin"), KAZAKH_TABLE)
def test_kazakh_latin_table(cyrillic: str, latin: str) -> None:
    assert transliterate_kazakh_latin(cyrillic) == latin


def test_capitals() -> None:
    assert transliterate_icao("ЩУКИН Юрий") == "SHCHUKIN Iurii"
    assert transliterate_gost_b("ЦОЙ") == "CZOJ"
    assert transliterate_kazakh_latin("ИВАН ІЗБАСАР") == "İVAN IZBASAR"
    assert transliterate_kazakh_latin("Ёлка") == "İolka"
    assert transliterate_icao("Ә. Қасымов") == "A. Kasymov"  # Kazakh letters folded (§7.1)


def test_decomposed_input_is_composed_first() -> None:
    assert transliterate_icao("Сергеи\u0306") == "Sergei"
    assert transliterate_gost_b("Сергеи\u0306") == "Sergej"
    assert transliterate_gost_b("Короле\u0308в") == "Korolyov"


# --- Search key (§7.2) ----------------------------------------------------------------------

KEY_SETS = [
    ("jana", ["Жанна", "Zhanna", "Janna"]),
    ("kasimov", ["Қасымов", "Kasymov", "Qasymov", "Kassymov"]),
    ("iulia", ["Юлия", "Iuliia", "Yuliya", "Yulia"]),
    ("habibulin", ["Хабибуллин", "Khabibullin", "Habibullin"]),
    ("coi", ["Цой", "Tsoi", "Tsoy"]),
    ("alia", ["Әлия", "Aliya", "Älia", "Alia"]),
    ("erlan", ["Ерлан", "Yerlan", "Erlan"]),
    ("nursultan", ["Нұрсұлтан", "Nursultan", "Nūrsūltan"]),
    ("galia", ["Ғалия", "Galiya", "Ğalia"]),
    ("shahar", ["Шаһар", "Shahar", "Şahar"]),
    ("shukin", ["Щукин", "Shchukin", "Shhukin", "Šukin"]),
    ("janaozen", ["Жаңаөзен", "Zhanaozen", "Jañaözen"]),
    ("kazakstan respublikasi", ["Қазақстан Республикасы", "Qazaqstan Respublikasy"]),
]


@pytest.mark.parametrize(
    ("key", "spelling"), [(key, s) for key, spellings in KEY_SETS for s in spellings]
)
def test_key_sets(key: str, spelling: str) -> None:
    assert search_key(spelling) == key
    assert search_key(spelling.upper()) == key


@pytest.mark.parametrize(
    ("a", "b", "key_a", "key_b"),
    [("Сергей", "Sergeev", "sergei", "sergev"), ("Алия", "Алина", "alia", "alina")],
)
def test_must_not_match(a: str, b: str, key_a: str, key_b: str) -> None:
    assert (search_key(a), search_key(b)) == (key_a, key_b)


def test_known_limit_and_notes() -> None:
    assert search_key("Czoj") == "coj"
    assert edit_distance(search_key("Czoj"), search_key("Цой")) == 1
    assert search_key("Ёлкин") == search_key("Елкин")  # е/ё equal
    assert search_key("Сергеи") == search_key("Сергей")  # и/й equal
    assert search_key("Иванов-Петров") == "ivanov petrov"
    assert search_key("İvan") == "ivan" == search_key("İVAN")  # İ lowers to i + U+0307
    assert search_key("Pod``yachev") == search_key("Подъячев") == "podiachev"
    assert search_key("Natal`ya") == search_key("Наталья") == search_key("Natalya")
    assert search_key("  Yelena,  d'Artagnan ") == "elena dartagnan"
    assert search_key("Renée Søren 42") == "rene sren"  # other marks dropped, ø unknown
    assert search_key("") == ""
    assert search_key("𝚚ｕｌｙ ﬁ") == "kuli fi"  # compatibility forms, then step 3 (q -> k)


def test_one_pass_would_not_be_idempotent() -> None:
    assert search_key("кх") == "h" == search_key("kh")


# --- Tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Нұрсұлтанұлы", ["nursultan", "uli"]),
        ("Nursultan uly", ["nursultan", "uli"]),
        ("Нұрсұлтан-ұлы", ["nursultan", "uli"]),
        ("Айгүл Серікқызы", ["aigul", "serik", "kizi"]),
        ("Serikqyzy Aigul", ["serik", "kizi", "aigul"]),
        ("Иванович", ["ivan", "ovich"]),
        ("Ивановна", ["ivan", "ovna"]),
        ("Сергеевич", ["serge", "evich"]),
        ("Sergeyevich", ["serge", "evich"]),
        ("Абрамович", ["abram", "ovich"]),  # a surname splits too: harmless for matching
        ("Қасымов-Ахметов Ерлан", ["kasimov", "ahmetov", "erlan"]),
        ("Ұлы", ["uli"]),  # nothing left before the suffix: not split
        ("Kyzy", ["kizi"]),
        ("Аулы", ["auli"]),  # one letter before the suffix: not split
    ],
)
def test_name_tokens(name: str, tokens: list[str]) -> None:
    assert name_tokens(name) == tokens


def test_word_order_does_not_matter() -> None:
    forms = [
        "Қасымов Ерлан Нұрсұлтанұлы",
        "Kassymov Yerlan Nursultan uly",
        "Нұрсұлтан-ұлы Ерлан Қасымов",
        "Erlan Nursultanuly Qasymov",
    ]
    assert len({tuple(sorted(name_tokens(f))) for f in forms}) == 1
    assert "nursultan" in name_tokens("Нурсултанович")  # the root meets the Russian form


# --- Properties -----------------------------------------------------------------------------

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH = "әғқңөұүһі"
LETTERS = RUSSIAN + KAZAKH


def cyrillic(exclude: str = "", letters: str = LETTERS) -> st.SearchStrategy[str]:
    alphabet = [c for c in letters + letters.upper() if c.lower() not in exclude]
    return st.text(st.sampled_from([*alphabet, " ", "-"]), max_size=20)


@given(st.text(max_size=30))
def test_key_is_ascii_words_and_idempotent(text: str) -> None:
    key = search_key(text)
    assert re.fullmatch(r"([a-z]+( [a-z]+)*)?", key)
    assert search_key(key) == key


@given(cyrillic())
def test_key_of_cyrillic_is_nonempty_and_stable(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert bool(key) == any(c.lower() not in "ъь" and c.isalpha() for c in text)


@given(cyrillic(exclude="ъ"))
def test_cyrillic_and_icao_give_one_key(text: str) -> None:
    assert search_key(text) == search_key(transliterate_icao(text))


@given(cyrillic(exclude="йё", letters=RUSSIAN))
def test_cyrillic_and_gost_give_one_key(text: str) -> None:
    assert search_key(text) == search_key(transliterate_gost_b(text))


@given(cyrillic(exclude="щёх"))
def test_cyrillic_and_kazakh_latin_give_one_key(text: str) -> None:
    assert search_key(text) == search_key(transliterate_kazakh_latin(text))


def test_excluded_letters_really_differ() -> None:
    assert search_key("Подъячев") != search_key(transliterate_icao("Подъячев"))
    assert search_key("Цой") != search_key(transliterate_gost_b("Цой"))
    assert search_key("Щукин") != search_key(transliterate_kazakh_latin("Щукин"))
    assert search_key("ЦҺ") != search_key(transliterate_gost_b("ЦҺ"))
    assert search_key("ЗХҺ") != search_key(transliterate_kazakh_latin("ЗХҺ"))
    assert search_key("ЦХЧ") != search_key(transliterate_kazakh_latin("ЦХЧ"))
    assert search_key("Хабибуллин") == search_key(transliterate_kazakh_latin("Хабибуллин"))


@given(cyrillic(), st.sampled_from([("ё", "е"), ("й", "и"), ("Ё", "Е"), ("Й", "И")]))
def test_e_yo_and_i_short_i_are_equal(text: str, pair: tuple[str, str]) -> None:
    assert search_key(text.replace(*pair)) == search_key(text)


@given(cyrillic())
def test_tokens_are_keys(text: str) -> None:
    for token in name_tokens(text):
        assert search_key(token) == token


# --- Edit distance --------------------------------------------------------------------------

SHORT = st.text(st.sampled_from("abcd"), max_size=8)


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("", "abc", 3),
        ("kasimov", "kasymov", 1),
        ("alia", "aila", 1),
        ("sergei", "sergev", 1),
        ("coj", "coi", 1),
        ("ca", "abc", 3),
        ("abcdef", "badcfe", 3),
    ],
)
def test_edit_distance_examples(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


@given(SHORT, SHORT)
def test_edit_distance_basic_properties(a: str, b: str) -> None:
    d = edit_distance(a, b)
    assert d == edit_distance(b, a)
    assert (d == 0) == (a == b)
    assert abs(len(a) - len(b)) <= d <= levenshtein(a, b) <= max(len(a), len(b))


def osa_reference(a: str, b: str) -> int:
    """The optimal-string-alignment table, written out (the library is checked against it)."""
    table = [
        [max(i, j) if not (i and j) else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)
    ]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = int(a[i - 1] != b[j - 1])
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@given(SHORT, SHORT)
def test_edit_distance_is_the_optimal_string_alignment(a: str, b: str) -> None:
    assert edit_distance(a, b) == osa_reference(a, b)


@given(SHORT, SHORT, st.integers(0, 9))
def test_edit_distance_limit(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == min(edit_distance(a, b), limit + 1)


@given(SHORT, st.integers(0, 6))
def test_adjacent_transposition_costs_one(a: str, i: int) -> None:
    if i + 1 < len(a) and a[i] != a[i + 1]:
        swapped = a[:i] + a[i + 1] + a[i] + a[i + 2 :]
        assert edit_distance(a, swapped) == 1


def test_triangle_inequality_fails() -> None:
    # Optimal string alignment edits no substring twice: CA -> AC -> ABC costs 1 + 1,
    # but CA -> ABC directly costs 3.
    assert edit_distance("ca", "ac") + edit_distance("ac", "abc") < edit_distance("ca", "abc")


def test_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        edit_distance("a", "b", -1)
