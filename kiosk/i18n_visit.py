"""Messages of the visit workflow (kk, ru, en): typed values, the score panel's escalation
advice (clinical.md §1.2 and §2), the NEWS2 parameters' names and unfinished visits."""

from __future__ import annotations

VISIT_MESSAGES: dict[str, tuple[str, str, str]] = {
    "visit.not_a_number": (
        "«{value}» сан емес. Пернетақтамен санды теріңіз.",
        "«{value}» — не число. Наберите число на клавиатуре.",
        "“{value}” is not a number. Type a number on the keypad.",
    ),
    "visit.value_impossible": (
        "{field}: {value} мүмкін емес мән. Бұл теру немесе құрылғы қатесі: қайта өлшеп, "
        "дұрыс мәнді теріңіз. Мән сақталмады.",
        "{field}: значение {value} невозможно. Это ошибка ввода или прибора: измерьте "
        "снова и введите верное значение. Значение не сохранено.",
        "{field}: {value} is not possible. It is a typing or device error: measure again "
        "and type the right value. The value was not kept.",
    ),
    "visit.value_implausible": (
        "{field}: {value} әдеттен тыс мән. Қайта өлшеңіз немесе мәнді растаңыз.",
        "{field}: значение {value} необычно. Измерьте снова или подтвердите значение.",
        "{field}: {value} is unusual. Measure again, or confirm the value.",
    ),
    "visit.unconfirmed": (
        "Сақтау алдында әдеттен тыс мәндерді растаңыз немесе түзетіңіз: {fields}.",
        "Перед сохранением подтвердите или исправьте необычные значения: {fields}.",
        "Confirm or correct the unusual values before saving: {fields}.",
    ),
    "visit.patient_required": (
        "Алдымен пациентті табыңыз немесе тіркеңіз.",
        "Сначала найдите или зарегистрируйте пациента.",
        "Find or register the patient first.",
    ),
    "news2.advice.zero": (
        "Қауіп төмен. Кемінде 12 сағат сайын бақылаңыз.",
        "Низкий риск. Наблюдение не реже чем каждые 12 часов.",
        "Low risk. Monitor at least every 12 hours.",
    ),
    "news2.advice.low": (
        "Қауіп төмен. Кемінде 4–6 сағат сайын бақылаңыз; жиілігін мейіргер шешеді.",
        "Низкий риск. Наблюдение не реже чем каждые 4–6 часов; частоту решает медсестра.",
        "Low risk. Monitor at least every 4–6 hours; the nurse decides how often.",
    ),
    "news2.advice.single_three": (
        "Бір көрсеткіш 3 балл: қауіп төмен–орташа. Кемінде сағат сайын бақылаңыз; "
        "шұғыл қарап шығу қажет. Кеңес басымдығы: шұғыл.",
        "Один параметр на 3 балла: риск низкий–средний. Наблюдение не реже раза в час; "
        "нужен срочный осмотр. Приоритет консультации: срочно.",
        "A single parameter scores 3: low–medium risk. Monitor at least hourly; an urgent "
        "review is needed. Consultation priority: urgent.",
    ),
    "news2.advice.medium": (
        "Орташа қауіп (негізгі шек). Кемінде сағат сайын бақылаңыз; дәрігердің шұғыл "
        "қарауы қажет. Кеңес басымдығы: шұғыл.",
        "Средний риск (ключевой порог). Наблюдение не реже раза в час; нужен срочный "
        "осмотр врача. Приоритет консультации: срочно.",
        "Medium risk (key threshold). Monitor at least hourly; urgent review by a "
        "clinician. Consultation priority: urgent.",
    ),
    "news2.advice.high": (
        "ЖОҒАРЫ ҚАУІП. Үздіксіз бақылау және жедел бағалау қажет. Ауруханаға жеткізуді "
        "шақырыңыз. Кеңес басымдығы: кезек күттірмейтін.",
        "ВЫСОКИЙ РИСК. Нужны постоянное наблюдение и экстренная оценка. Вызовите "
        "транспорт для перевода в больницу. Приоритет консультации: экстренно.",
        "HIGH RISK. Continuous monitoring and an emergency assessment are needed. Call for "
        "transfer to hospital. Consultation priority: stat.",
    ),
    "news2.advice.incomplete": (
        "Толық емес: жетіспейді — {missing}.",
        "Неполно: не хватает — {missing}.",
        "Incomplete: missing {missing}.",
    ),
    "imci.advice.referral": (
        "Қауіп белгісі бар: шұғыл жолдама. Кеңес басымдығы: кезек күттірмейтін.",
        "Есть признак опасности: срочное направление. Приоритет консультации: экстренно.",
        "A danger sign is present: urgent referral. Consultation priority: stat.",
    ),
    "imci.advice.fast_breathing": (
        "Жиі тыныс алу. Кеңес басымдығы: шұғыл.",
        "Учащённое дыхание. Приоритет консультации: срочно.",
        "Fast breathing. Consultation priority: urgent.",
    ),
    "imci.advice.none": (
        "Жалпы қауіп белгілері жоқ.",
        "Общих признаков опасности нет.",
        "No general danger signs.",
    ),
    "score.age_unknown": (
        "Жасы белгісіз: балл есептелмейді.",
        "Возраст неизвестен: балл не рассчитывается.",
        "Age unknown: no score is computed.",
    ),
    "score.age_5_to_15": (
        "5–15 жас: NEWS2 қолданылмайды. Көрсеткіштерді жас нормаларымен салыстырыңыз.",
        "5–15 лет: NEWS2 не применяется. Сравните показатели с возрастными нормами.",
        "Ages 5–15: NEWS2 does not apply. Compare the vitals with the age ranges.",
    ),
    "news2.param.resp_rate": ("тыныс жиілігі", "частота дыхания", "respiration rate"),
    "news2.param.spo2": ("қандағы оттегі (SpO₂)", "сатурация (SpO₂)", "SpO₂"),
    "news2.param.air_or_oxygen": ("ауа немесе оттегі", "воздух или кислород", "air or oxygen"),
    "news2.param.systolic_bp": ("систолалық қысым", "систолическое давление", "systolic BP"),
    "news2.param.pulse": ("пульс", "пульс", "pulse"),
    "news2.param.consciousness": ("сана деңгейі", "уровень сознания", "consciousness"),
    "news2.param.temperature": ("дене қызуы", "температура", "temperature"),
    "visit.consult_no_specialty": (
        "Кеңес беретін маманды таңдаңыз.",
        "Выберите специалиста для консультации.",
        "Choose the specialist to ask.",
    ),
    "visit.consult_added": (
        "Қабылдаумен бірге кеңес сұралады: {specialty}, {urgency}.",
        "С приёмом будет отправлен запрос консультации: {specialty}, {urgency}.",
        "A consultation request goes with the visit: {specialty}, {urgency}.",
    ),
    "draft.resume_question": (
        "{name} пациентінің аяқталмаған қабылдауын жалғастырасыз ба?",
        "Продолжить незавершённый приём пациента {name}?",
        "Continue the unfinished visit of {name}?",
    ),
}
