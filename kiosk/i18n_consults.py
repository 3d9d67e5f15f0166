# ruff: noqa: E501  (translated sentences stay on one line each, as in kiosk/i18n.py)
"""Messages and labels of teleconsultation requests (kiosk/consults.py), merged into
:data:`kiosk.i18n.MESSAGES`; the same completeness test covers them. key -> (kk, ru, en).

The specialist's own words (answer, status reason) are never translated; these are the
kiosk's labels, states and messages around them."""

from __future__ import annotations

CONSULT_MESSAGES: dict[str, tuple[str, str, str]] = {
    # errors
    "consult.bad_specialty": (
        "Белгісіз мамандық: {specialty}. Тізімнен таңдаңыз.",
        "Неизвестная специальность: {specialty}. Выберите из списка.",
        "Unknown specialty: {specialty}. Pick one from the list.",
    ),
    "consult.bad_urgency": (
        "Белгісіз шұғылдық: {urgency}. Жоспарлы, шұғыл немесе шұғыл көмек таңдаңыз.",
        "Неизвестная срочность: {urgency}. Выберите плановая, срочная или экстренная.",
        "Unknown urgency: {urgency}. Pick routine, urgent or emergency.",
    ),
    "consult.empty_question": (
        "Маманға сұрақты жазыңыз.",
        "Напишите вопрос специалисту.",
        "Write the question for the specialist.",
    ),
    "consult.question_too_long": (
        "Сұрақ тым ұзын: ең көбі {limit} таңба.",
        "Вопрос слишком длинный: не более {limit} символов.",
        "The question is too long: at most {limit} characters.",
    ),
    "consult.encounter_not_found": (
        "Қабылдау табылмады: {encounter_id}",
        "Приём не найден: {encounter_id}",
        "No such visit: {encounter_id}",
    ),
    "consult.encounter_not_saved": (
        "Қабылдау әлі сақталмаған ({encounter_id}): алдымен қабылдауды сақтаңыз.",
        "Приём ещё не сохранён ({encounter_id}): сначала сохраните приём.",
        "The visit is not saved yet ({encounter_id}): save the visit first.",
    ),
    "consult.attachment_not_in_visit": (
        "Бұл қабылдауда мұндай тіркеме жоқ ({ref}).",
        "В этом приёме нет такого вложения ({ref}).",
        "This visit has no such attachment ({ref}).",
    ),
    "consult.not_found": (
        "Кеңес сұрауы табылмады: {consult_id}",
        "Запрос консультации не найден: {consult_id}",
        "No such consultation request: {consult_id}",
    ),
    "consult.same_specialty": (
        "Сұрау қазірдің өзінде осы мамандыққа жіберілген ({specialty}). Басқасын таңдаңыз.",
        "Запрос уже направлен этой специальности ({specialty}). Выберите другую.",
        "The request already goes to this specialty ({specialty}). Pick another one.",
    ),
    "consult.cannot_escalate": (
        "Сұрау ең жоғары шұғылдықта тұр. Маманға басқа жолмен хабарласыңыз немесе басқа мамандыққа жіберіңіз.",
        "У запроса уже высшая срочность. Свяжитесь со специалистом иначе или направьте другой специальности.",
        "The request already has the highest urgency. Reach the specialist another way or re-route it.",
    ),
    "consult.already_answered": (
        "Бұл сұрауға жауап келді: оны ауыстыруға болмайды. Қажет болса, жаңа сұрау жасаңыз.",
        "На этот запрос уже пришёл ответ: его нельзя заменить. При необходимости создайте новый запрос.",
        "This request has been answered: it cannot be replaced. Make a new request if needed.",
    ),
    "consult.already_replaced": (
        "Бұл сұрау ауыстырылған: {consult_id}",
        "Этот запрос уже заменён: {consult_id}",
        "This request was already replaced: {consult_id}",
    ),
    # CLI
    "consult.requested": (
        "Кеңес сұралды: {consult_id} (мерзімі {deadline})",
        "Консультация запрошена: {consult_id} (срок {deadline})",
        "Consultation requested: {consult_id} (due {deadline})",
    ),
    "consult.none": (
        "Кеңес сұраулары жоқ.",
        "Запросов консультаций нет.",
        "No consultation requests.",
    ),
    "consult.overdue_flag": ("МЕРЗІМІ ӨТТІ", "ПРОСРОЧЕН", "OVERDUE"),
    "consult.answer_label": ("Жауап", "Ответ", "Answer"),
    "consult.notify_answered": (
        "Маманның жауабы келді ({specialty}).",
        "Пришёл ответ специалиста ({specialty}).",
        "The specialist has answered ({specialty}).",
    ),
    "demo.bad_consults": (
        "Кеңес сұраулары ({consults}) 0 мен қабылдаулар санының ({encounters}) арасында болуы керек.",
        "Число запросов консультаций ({consults}) должно быть от 0 до числа приёмов ({encounters}).",
        "The number of consultations ({consults}) must be between 0 and the number of encounters ({encounters}).",
    ),
    # notes the kiosk adds when the hospital gave no reason
    "consult.note.rerouted": (
        "Басқа мамандыққа жіберілді: {consult_id}",
        "Перенаправлен другой специальности: {consult_id}",
        "Re-routed to another specialty: {consult_id}",
    ),
    "consult.note.escalated": (
        "Шұғылдығы арттырылып қайта жіберілді: {consult_id}",
        "Отправлен повторно с повышенной срочностью: {consult_id}",
        "Sent again with a higher urgency: {consult_id}",
    ),
    "consult.note.cancel_conflict": (
        "Бас тарту орындалмады: маман сұрауды одан бұрын өзгертті (қазір: {state}).",
        "Отмена не выполнена: специалист изменил запрос раньше (сейчас: {state}).",
        "Not cancelled: the specialist changed the request first (now: {state}).",
    ),
    # states
    "consult.state.queued": ("жіберуді күтуде", "ожидает отправки", "waiting to be sent"),
    "consult.state.requested": (
        "маманды күтуде",
        "ожидает специалиста",
        "waiting for a specialist",
    ),
    "consult.state.accepted": (
        "маман қабылдады",
        "принят специалистом",
        "accepted by a specialist",
    ),
    "consult.state.in-progress": (
        "маман қарап жатыр",
        "специалист изучает запрос",
        "specialist is looking at it",
    ),
    "consult.state.on-hold": ("маман сұрайды", "специалист спрашивает", "specialist asks"),
    "consult.state.answered": ("жауап келді", "ответ получен", "reply received"),
    "consult.state.rejected": ("қабылданбады", "отклонён", "declined"),
    "consult.state.cancelled": ("тоқтатылды", "отменён", "cancelled"),
    "consult.state.failed": ("орындалмады", "не выполнен", "failed"),
    # urgencies
    "consult.urgency.routine": ("жоспарлы (24 сағ)", "плановая (24 ч)", "routine (24 h)"),
    "consult.urgency.urgent": ("шұғыл (4 сағ)", "срочная (4 ч)", "urgent (4 h)"),
    "consult.urgency.emergency": ("шұғыл көмек (1 сағ)", "экстренная (1 ч)", "emergency (1 h)"),
    # specialties
    "consult.specialty.therapist": ("терапевт", "терапевт", "therapist (internal medicine)"),
    "consult.specialty.paediatrician": ("педиатр", "педиатр", "paediatrician"),
    "consult.specialty.cardiologist": ("кардиолог", "кардиолог", "cardiologist"),
    "consult.specialty.dermatologist": ("дерматолог", "дерматолог", "dermatologist"),
    "consult.specialty.obstetrician": ("акушер-гинеколог", "акушер-гинеколог", "obstetrician"),
    "consult.specialty.neurologist": ("невролог", "невролог", "neurologist"),
    "consult.specialty.surgeon": ("хирург", "хирург", "surgeon"),
    "consult.specialty.ophthalmologist": ("офтальмолог", "офтальмолог", "ophthalmologist"),
    # decisions
    "consult.decision.manage-locally": ("орнында емдеу", "лечить на месте", "manage locally"),
    "consult.decision.refer-district": (
        "аудандық ауруханаға жіберу",
        "направить в районную больницу",
        "refer to the district hospital",
    ),
    "consult.decision.urgent-transport": (
        "шұғыл тасымалдау",
        "срочная транспортировка",
        "urgent transport",
    ),
    # the specialist's question and the nurse's reply (docs/consults.md "A question from the specialist")
    "consult.ask.empty": (
        "Медбикеге сұрақты жазыңыз.",
        "Напишите вопрос для медсестры.",
        "Write the question for the nurse.",
    ),
    "consult.ask.too_long": (
        "Сұрақ тым ұзын: ең көбі {limit} таңба.",
        "Вопрос слишком длинный: не более {limit} символов.",
        "The question is too long: at most {limit} characters.",
    ),
    "consult.photos_not_sent": (
        "Киоскіде таңдалған фотосуреттердің {count} жіберілмеді (файл жоқ немесе бүлінген).",
        "Выбранных на киоске фото не отправлено: {count} (файл отсутствует или повреждён).",
        "{count} photo(s) chosen at the kiosk could not be sent (file missing or damaged).",
    ),
    "consult.cli.asked": ("{who} сұрады ({at})", "{who} спрашивает ({at})", "{who} asked ({at})"),
    "consult.cli.replied": (
        "Мейірбике жауап берді ({at})",
        "Медсестра ответила ({at})",
        "The nurse replied ({at})",
    ),
    "consult.reply.empty": (
        "Маманға жауапты жазыңыз.",
        "Напишите ответ специалисту.",
        "Write the reply to the specialist.",
    ),
    "consult.reply.too_long": (
        "Жауап тым ұзын: ең көбі {limit} таңба.",
        "Ответ слишком длинный: не более {limit} символов.",
        "The reply is too long: at most {limit} characters.",
    ),
    "consult.reply.no_question": (
        "Маманның жауап күтіп тұрған сұрағы жоқ.",
        "У специалиста нет вопроса, ожидающего ответа.",
        "The specialist has no question waiting for a reply.",
    ),
    "consult.reply.attachment_unknown": (
        "Жауапқа тіркелетін жазба табылмады ({ref}).",
        "Прикрепляемая к ответу запись не найдена ({ref}).",
        "The record to attach to the reply was not found ({ref}).",
    ),
    "consult.reply.attachment_other_patient": (
        "Жауапқа тек осы пациенттің өлшемдері мен фотосуреттерін тіркеуге болады.",
        "К ответу можно прикрепить только измерения и фото этого пациента.",
        "Only this patient's readings and photos can be attached to the reply.",
    ),
    "consult.reply.attachment_not_new": (
        "Тек маманның сұрағынан кейін жасалған сақталған қабылдаудың өлшемдері мен "
        "фотосуреттерін тіркеуге болады.",
        "Прикрепить можно только измерения и фото сохранённого приёма, проведённого после "
        "вопроса специалиста.",
        "Only readings and photos of a saved visit recorded after the specialist's question "
        "can be attached.",
    ),
    "consult.reply.sent_with": (
        "Жауаппен бірге жіберілді: өлшемдер — {readings}, фотосуреттер — {photos}.",
        "Отправлено вместе с ответом: измерений — {readings}, фото — {photos}.",
        "Sent with the reply: readings {readings}, photos {photos}.",
    ),
    "consult.alert.question": (
        "Маман ({specialty}) сұрақ қойды: жауап беріңіз.",
        "Специалист ({specialty}) задал вопрос: ответьте.",
        "The specialist ({specialty}) asks a question: please reply.",
    ),
}
