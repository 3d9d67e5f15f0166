<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>ConsultDetail</name>
        <message>
            <source>Send to another specialty</source>
            <translation>Направить другой специальности</translation>
        </message>
        <message>
            <source>Send this request to another specialty instead</source>
            <translation>Направить этот запрос другой специальности</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>Повысить срочность</translation>
        </message>
        <message>
            <source>Ask again with a higher urgency</source>
            <translation>Запросить снова с более высокой срочностью</translation>
        </message>
        <message>
            <source>No, keep it</source>
            <translation>Нет, оставить</translation>
        </message>
        <message>
            <source>Do not change the request</source>
            <translation>Не менять запрос</translation>
        </message>
        <message>
            <source>The consultation</source>
            <translation>Консультация</translation>
        </message>
        <message>
            <source>The request and its state</source>
            <translation>Запрос и его состояние</translation>
        </message>
        <message>
            <source>The specialist's answer</source>
            <translation>Ответ специалиста</translation>
        </message>
        <message>
            <source>Send to: {specialty}</source>
            <translation>Направить: {specialty}</translation>
        </message>
        <message>
            <source>State: {state}</source>
            <translation>Состояние: {state}</translation>
        </message>
        <message>
            <source>Question: {question}</source>
            <translation>Вопрос: {question}</translation>
        </message>
        <message>
            <source>Overdue: the answer was due {time}</source>
            <translation>Просрочено: ответ ожидался до {time}</translation>
        </message>
        <message>
            <source>Answer due by {time}</source>
            <translation>Срок ответа: {time}</translation>
        </message>
        <message>
            <source>Specialist: {name}</source>
            <translation>Специалист: {name}</translation>
        </message>
        <message>
            <source>Reason: {reason}</source>
            <translation>Причина: {reason}</translation>
        </message>
        <message>
            <source>The specialist asked: {text}</source>
            <translation>Специалист спросил: {text}</translation>
        </message>
        <message>
            <source>Your reply (waiting to be sent): {text}</source>
            <translation>Ваш ответ (ожидает отправки): {text}</translation>
        </message>
        <message>
            <source>Your reply (sent): {text}</source>
            <translation>Ваш ответ (отправлен): {text}</translation>
        </message>
        <message>
            <source>No answer yet.</source>
            <translation>Ответа пока нет.</translation>
        </message>
        <message>
            <source>Answer:</source>
            <translation>Ответ:</translation>
        </message>
        <message>
            <source>Decision: {decision}</source>
            <translation>Решение: {decision}</translation>
        </message>
        <message>
            <source>ICD-10: {codes}</source>
            <translation>МКБ-10: {codes}</translation>
        </message>
        <message>
            <source>Follow-up: {date}</source>
            <translation>Повторный осмотр: {date}</translation>
        </message>
        <message>
            <source>Send this question to {specialty} instead? The current request will be cancelled and a new one sent.</source>
            <translation>Направить вопрос специальности «{specialty}»? Текущий запрос будет отменён и отправлен новый.</translation>
        </message>
        <message>
            <source>Yes, send</source>
            <translation>Да, направить</translation>
        </message>
        <message>
            <source>Confirm: send to another specialty</source>
            <translation>Подтвердить: направить другой специальности</translation>
        </message>
        <message>
            <source>Ask again as {urgency}? The current request will be cancelled and a new one sent.</source>
            <translation>Запросить снова как «{urgency}»? Текущий запрос будет отменён и отправлен новый.</translation>
        </message>
        <message>
            <source>Yes, escalate</source>
            <translation>Да, повысить</translation>
        </message>
        <message>
            <source>Confirm: escalate the request</source>
            <translation>Подтвердить: повысить срочность запроса</translation>
        </message>
    </context>
    <context>
        <name>ConsultReplyPanel</name>
        <message>
            <source>Your reply to the specialist:</source>
            <translation>Ваш ответ специалисту:</translation>
        </message>
        <message>
            <source>Your reply to the specialist</source>
            <translation>Ваш ответ специалисту</translation>
        </message>
        <message>
            <source>Send the reply</source>
            <translation>Отправить ответ</translation>
        </message>
        <message>
            <source>Send the reply to the specialist</source>
            <translation>Отправить ответ специалисту</translation>
        </message>
        <message>
            <source>The specialist</source>
            <translation>Специалист</translation>
        </message>
        <message>
            <source>{name} asks ({time}):
{question}</source>
            <translation>{name} спрашивает ({time}):
{question}</translation>
        </message>
    </context>
    <context>
        <name>ConsultsButton</name>
        <message>
            <source>Consultations</source>
            <translation>Консультации</translation>
        </message>
        <message>
            <source>Open the consultations and their answers</source>
            <translation>Открыть консультации и ответы на них</translation>
        </message>
    </context>
    <context>
        <name>ConsultsScreen</name>
        <message>
            <source>Reply saved. It goes to the specialist with the next sync.</source>
            <translation>Ответ сохранён. Он уйдёт специалисту при следующей синхронизации.</translation>
        </message>
        <message>
            <source>A new request is queued; it goes out on the next sync.</source>
            <translation>Новый запрос поставлен в очередь; он уйдёт при следующей синхронизации.</translation>
        </message>
        <message>
            <source>Something went wrong. Please try again.</source>
            <translation>Что-то пошло не так. Попробуйте ещё раз.</translation>
        </message>
        <message>
            <source>Consultations</source>
            <translation>Консультации</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Назад</translation>
        </message>
        <message>
            <source>Back to the previous screen</source>
            <translation>Вернуться на предыдущий экран</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Сообщения</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Загрузка…</translation>
        </message>
        <message>
            <source>No consultation requests yet.</source>
            <translation>Запросов консультаций пока нет.</translation>
        </message>
        <message>
            <source>Overdue since {time}</source>
            <translation>Просрочено с {time}</translation>
        </message>
        <message>
            <source>Due by {time}</source>
            <translation>Срок: {time}</translation>
        </message>
        <message>
            <source>Answer received</source>
            <translation>Получен ответ</translation>
        </message>
        <message>
            <source>Your reply is needed</source>
            <translation>Нужен ваш ответ</translation>
        </message>
        <message>
            <source>Open the consultation: {text}</source>
            <translation>Открыть консультацию: {text}</translation>
        </message>
    </context>
</TS>
