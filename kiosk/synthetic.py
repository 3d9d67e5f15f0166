"""Synthetic patients for demos, tests and benchmarks (seeded, never real people).

Names mix Kazakh Cyrillic, Russian Cyrillic and Latin spellings as a health post sees them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from kiosk.domain import Sex

_FAMILY_MALE = (
    "Қасымов",
    "Әбенов",
    "Нұрғалиев",
    "Жұмабеков",
    "Серікбаев",
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Ахметов",
    "Оспанов",
    "Kassymov",
    "Nurgaliyev",
    "Tokayev",
)
_FAMILY_FEMALE = (
    "Қасымова",
    "Әбенова",
    "Нұрғалиева",
    "Жұмабекова",
    "Серікбаева",
    "Иванова",
    "Петрова",
    "Смирнова",
    "Кузнецова",
    "Ахметова",
    "Оспанова",
    "Kassymova",
    "Nurgaliyeva",
)
_GIVEN_MALE = (
    "Ерлан",
    "Нұрсұлтан",
    "Ғалым",
    "Данияр",
    "Әлихан",
    "Сергей",
    "Алексей",
    "Дмитрий",
    "Yerlan",
    "Arman",
    "Қайрат",
    "Бауыржан",
)
_GIVEN_FEMALE = (
    "Әлия",
    "Жанна",
    "Ғалия",
    "Айгерим",
    "Гүлнар",
    "Наталья",
    "Юлия",
    "Ольга",
    "Aliya",
    "Dana",
    "Сәуле",
    "Мадина",
)


@dataclasses.dataclass(frozen=True)
class SyntheticPatient:
    family: str
    given: str
    sex: Sex
    birth_date: dt.date


def synthetic_patient(rng: random.Random, today: dt.date) -> SyntheticPatient:
    sex = rng.choice((Sex.FEMALE, Sex.MALE))
    if sex is Sex.MALE:
        family, given = rng.choice(_FAMILY_MALE), rng.choice(_GIVEN_MALE)
    else:
        family, given = rng.choice(_FAMILY_FEMALE), rng.choice(_GIVEN_FEMALE)
    age_days = rng.randint(18 * 365, 90 * 365)
    return SyntheticPatient(family, given, sex, today - dt.timedelta(days=age_days))


# --- A large registry for the search benchmark ------------------------------------------------

#: Kazakh given names (also the roots of family names and patronymics).
_KZ_NAMES = [
    "Абай",
    "Абылай",
    "Әбен",
    "Әділ",
    "Әлихан",
    "Әмір",
    "Айдос",
    "Айбек",
    "Айдар",
    "Ақжол",
    "Алмас",
    "Арман",
    "Асқар",
    "Асылан",
    "Аян",
    "Бағдат",
    "Бақыт",
    "Бауыржан",
    "Бекзат",
    "Болат",
    "Ғалым",
    "Ғани",
    "Дәулет",
    "Данияр",
    "Ербол",
    "Ерлан",
    "Ерғали",
    "Жандос",
    "Жақсылық",
    "Жұмабек",
    "Жомарт",
    "Қайрат",
    "Қанат",
    "Қасым",
    "Құдайберген",
    "Мағжан",
    "Мақсат",
    "Мейрам",
    "Мұрат",
    "Мұхтар",
    "Нұрлан",
    "Нұрсұлтан",
    "Нұрғали",
    "Олжас",
    "Оспан",
    "Рахат",
    "Рүстем",
    "Сәкен",
    "Серік",
    "Серікбай",
    "Сұлтан",
    "Талғат",
    "Тимур",
    "Төлеген",
    "Ұлан",
    "Үмбет",
    "Шыңғыс",
    "Ілияс",
    "Іңкәр",
    "Есен",
    "Жанибек",
    "Құрманғазы",
]
_KZ_FEMALE = [
    "Әлия",
    "Айгерим",
    "Айгүл",
    "Айжан",
    "Айнұр",
    "Ақбота",
    "Әсел",
    "Ботагөз",
    "Балжан",
    "Гүлнар",
    "Гүлмира",
    "Дана",
    "Динара",
    "Жанна",
    "Жұлдыз",
    "Ғалия",
    "Қарлығаш",
    "Ләззат",
    "Мадина",
    "Мөлдір",
    "Назерке",
    "Нұргүл",
    "Сәуле",
    "Сандуғаш",
    "Толқын",
    "Ұлжан",
    "Үміт",
    "Шынар",
    "Іңкәр",
    "Перизат",
]
_RU_MALE = [
    "Александр",
    "Алексей",
    "Андрей",
    "Виктор",
    "Владимир",
    "Дмитрий",
    "Евгений",
    "Иван",
    "Игорь",
    "Константин",
    "Михаил",
    "Николай",
    "Олег",
    "Павел",
    "Пётр",
    "Сергей",
    "Юрий",
    "Яков",
    "Фёдор",
    "Григорий",
]
_RU_FEMALE = [
    "Анна",
    "Валентина",
    "Галина",
    "Екатерина",
    "Елена",
    "Ирина",
    "Людмила",
    "Мария",
    "Наталья",
    "Ольга",
    "Светлана",
    "Татьяна",
    "Юлия",
    "Ксения",
    "Дарья",
    "Жанна",
]
_RU_FAMILY = [
    "Иван",
    "Петр",
    "Смирн",
    "Кузнец",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Зайцев",
    "Павлов",
    "Семёнов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьёв",
    "Фёдоров",
    "Михайлов",
    "Беляев",
    "Тарасов",
    "Белов",
    "Комаров",
    "Орлов",
    "Киселёв",
    "Макаров",
    "Андреев",
    "Ковалёв",
    "Ильин",
    "Гусев",
    "Титов",
    "Кузьмин",
    "Щукин",
    "Юрьев",
    "Цветков",
    "Хабибуллин",
    "Шевчук",
    "Ефимов",
]
#: Kazakh letters written with their nearest Russian ones (Әбенов → Абенов).
RUSSIFY = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноууhиАГКНОУУХИ".replace("h", "х"))
_SYLLABLES = ("ба", "ке", "ты", "жа", "нұ", "мы", "са", "рә", "ду", "қо", "ле", "ғи", "ше", "тө")


def _family_from(root: str, female: bool) -> str:
    if root.endswith(("ов", "ев", "ёв", "ин")):
        base = root
    elif root[-1] in "аеиоуыэюяәөұүі":
        base = root + "ев"
    elif root.endswith("й"):
        base = root[:-1] + "ев"
    else:
        base = root + "ов"
    return base + "а" if female else base


@dataclasses.dataclass(frozen=True, slots=True)
class SyntheticRecord:
    """One synthetic registry entry (names in the script a post would have typed)."""

    family: str
    given: str
    patronymic: str
    sex: Sex
    birth_date: dt.date
    iin: str | None


def _spelling(text: str, script: str) -> str:
    from kiosk.names import transliterate_icao

    if script == "ru":
        return text.translate(RUSSIFY)
    if script == "latin":
        return transliterate_icao(text)
    return text


def synthetic_iin(birth_date: dt.date, sex: Sex, serial: int) -> str | None:
    """A checksum-valid IIN for the date, sex and serial (None when no check digit exists)."""
    from kiosk.identifiers import iin_check_digit

    century = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100]
    first = f"{birth_date:%y%m%d}{century + (sex is Sex.FEMALE)}{serial % 10_000:04d}"
    check = iin_check_digit(first)
    return None if check is None else f"{first}{check}"


def synthetic_registry(
    rng: random.Random, count: int, today: dt.date, *, iin_share: float = 0.3
) -> list[SyntheticRecord]:
    """``count`` patients: about 55 % Kazakh names in Kazakh Cyrillic, 25 % in Russian
    Cyrillic, 10 % in Latin (ICAO) and 10 % Russian names; one in six has a rare family
    name made of syllables (a long tail for the index); ``iin_share`` carry a valid IIN."""
    records: list[SyntheticRecord] = []
    used: set[str] = set()
    for index in range(count):
        female = rng.random() < 0.5
        sex = Sex.FEMALE if female else Sex.MALE
        roll = rng.random()
        father = rng.choice(_KZ_NAMES)
        if roll < 0.9:
            script = "kk" if roll < 0.55 else ("ru" if roll < 0.8 else "latin")
            given = rng.choice(_KZ_FEMALE if female else _KZ_NAMES)
            if rng.random() < 1 / 6:
                root = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
                family = _family_from(root.capitalize(), female)
            else:
                family = _family_from(rng.choice(_KZ_NAMES), female)
            patronymic = father + ("қызы" if female else "ұлы")
        else:
            script = "ru"
            given = rng.choice(_RU_FEMALE if female else _RU_MALE)
            family = _family_from(rng.choice(_RU_FAMILY), female)
            patronymic = rng.choice(_RU_MALE).rstrip("й") + ("овна" if female else "ович")
        birth = today - dt.timedelta(days=rng.randint(0, 90 * 365))
        iin = synthetic_iin(birth, sex, index) if rng.random() < iin_share else None
        if iin in used:
            iin = None
        if iin is not None:
            used.add(iin)
        records.append(
            SyntheticRecord(
                _spelling(family, script),
                _spelling(given, script),
                _spelling(patronymic, script) if rng.random() < 0.7 else "",
                sex,
                birth,
                iin,
            )
        )
    return records
