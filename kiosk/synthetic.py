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
