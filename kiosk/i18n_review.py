"""Messages of the specialist console and its FHIR client (merged into
:data:`kiosk.i18n.MESSAGES`; the same completeness test covers them). key -> (kk, ru, en)."""

from __future__ import annotations

REVIEW_MESSAGES: dict[str, tuple[str, str, str]] = {
    "review.unreachable": (
        "Сервер жауап бермейді ({server}). Желіні тексеріп, қайталап көріңіз.",
        "Сервер не отвечает ({server}). Проверьте сеть и повторите.",
        "The server does not answer ({server}). Check the network and try again.",
    ),
    "review.auth_failed": (
        "Серверге кіру сәтсіз (HTTP {status}). Токенді тексеріңіз.",
        "Не удалось войти на сервер (HTTP {status}). Проверьте токен.",
        "Sign-in to the server failed (HTTP {status}). Check the token.",
    ),
    "review.not_found": (
        "Серверде табылмады: {what}.",
        "Не найдено на сервере: {what}.",
        "Not found on the server: {what}.",
    ),
    "review.server_error": (
        "Сервер сұрауды қабылдамады (HTTP {status}).",
        "Сервер отклонил запрос (HTTP {status}).",
        "The server refused the request (HTTP {status}).",
    ),
    "review.bad_answer": (
        "Сервер түсініксіз жауап берді.",
        "Сервер прислал непонятный ответ.",
        "The server sent an answer that cannot be read.",
    ),
    "review.already_claimed": (
        "Бұл сұрауды басқа маман алып қойған: {owner}.",
        "Этот запрос уже взял другой специалист: {owner}.",
        "This request has already been claimed by {owner}.",
    ),
    "review.not_open": (
        "Бұл сұрау енді ашық емес (күйі: {status}).",
        "Этот запрос больше не открыт (статус: {status}).",
        "This request is no longer open (status: {status}).",
    ),
    "review.claim_first": (
        "Жауап беру үшін алдымен сұрауды алыңыз.",
        "Чтобы ответить, сначала возьмите запрос.",
        "Claim the request before answering it.",
    ),
    "review.changed_meanwhile": (
        "Сұрау осы уақытта өзгерді. Тізімді жаңартып, қайта тексеріңіз; кеңес сақталды.",
        "Запрос за это время изменился. Обновите список и проверьте снова; совет сохранён.",
        "The request changed meanwhile. Refresh the list and check again; the advice was kept.",
    ),
    "review.no_token": (
        "Токен жоқ: --token-file немесе KIOSK_REVIEW_TOKEN орнатыңыз.",
        "Нет токена: укажите --token-file или KIOSK_REVIEW_TOKEN.",
        "No token: give --token-file or set KIOSK_REVIEW_TOKEN.",
    ),
    "review.token_unreadable": (
        "Токен файлын оқу мүмкін емес: {path}.",
        "Не удаётся прочитать файл токена: {path}.",
        "The token file cannot be read: {path}.",
    ),
    "review.bad_specialty": (
        "Белгісіз мамандық: {value}. Мүмкін: {allowed}.",
        "Неизвестная специальность: {value}. Возможные: {allowed}.",
        "Unknown specialty: {value}. Allowed: {allowed}.",
    ),
    "review.bad_practitioner": (
        "Маман сілтемесі Practitioner/<id> түрінде болуы керек: {value}.",
        "Ссылка на специалиста должна иметь вид Practitioner/<id>: {value}.",
        "The specialist reference must look like Practitioner/<id>: {value}.",
    ),
    "icd10.unknown_code": (
        "АХЖ-10 коды табылмады: {code}.",
        "Код МКБ-10 не найден: {code}.",
        "ICD-10 code not found: {code}.",
    ),
}
