<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>HistoryScreen</name>
        <message>
            <source>The history could not be read.</source>
            <extracomment>The visits are painted before pyqtgraph is first imported (about 1.5 s on the dev box).</extracomment>
            <translation>Не удалось прочитать историю.</translation>
        </message>
        <message>
            <source>Preparing the summary…</source>
            <translation>Сводка готовится…</translation>
        </message>
        <message>
            <source>The summary is ready: {path}</source>
            <translation>Сводка готова: {path}</translation>
        </message>
        <message>
            <source>The summary could not be written; please try again.</source>
            <translation>Не удалось записать сводку; повторите.</translation>
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
            <source>Print summary</source>
            <translation>Печать сводки</translation>
        </message>
        <message>
            <source>Print the summary of the chosen visit</source>
            <translation>Напечатать сводку выбранного приёма</translation>
        </message>
        <message>
            <source>The chosen visit</source>
            <translation>Выбранный приём</translation>
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
            <source>No saved visits yet.</source>
            <translation>Сохранённых приёмов пока нет.</translation>
        </message>
        <message>
            <source>{years} years</source>
            <translation>возраст {years}</translation>
        </message>
        <message>
            <source>Show the visit of {when}</source>
            <translation>Показать приём {when}</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>New visit</source>
            <translation>Новый приём</translation>
        </message>
        <message>
            <source>Start a new visit</source>
            <translation>Начать новый приём</translation>
        </message>
        <message>
            <source>Today's visits</source>
            <translation>Приёмы сегодня</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Предупреждения</translation>
        </message>
        <message>
            <source>Sending to the hospital</source>
            <translation>Отправка в больницу</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Сегодня</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Загрузка…</translation>
        </message>
        <message>
            <source>Today, {date}</source>
            <translation>Сегодня, {date}</translation>
        </message>
        <message>
            <source>No visits yet today.</source>
            <translation>Сегодня приёмов ещё не было.</translation>
        </message>
        <message>
            <source>never</source>
            <translation>никогда</translation>
        </message>
        <message>
            <source>Last sync: {last} · Waiting: {pending} · Held back: {held}</source>
            <translation>Последняя синхронизация: {last} · Ожидают: {pending} · Задержано: {held}</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Отправлено</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Ждёт отправки</translation>
        </message>
        <message>
            <source>Held back</source>
            <translation>Задержано</translation>
        </message>
        <message>
            <source>Not finished</source>
            <translation>Не завершён</translation>
        </message>
        <message>
            <source>Visit: {text}</source>
            <translation>Приём: {text}</translation>
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation>Ничего не требует внимания.</translation>
        </message>
        <message>
            <source>Open the consultation: {text}</source>
            <translation>Открыть консультацию: {text}</translation>
        </message>
    </context>
    <context>
        <name>PatientFinder</name>
        <message>
            <source>Searching…</source>
            <translation>Поиск…</translation>
        </message>
        <message>
            <source>The search failed; please try again.</source>
            <translation>Поиск не удался; повторите.</translation>
        </message>
        <message>
            <source>No patient found. Register a new one?</source>
            <translation>Пациент не найден. Зарегистрировать нового?</translation>
        </message>
        <message>
            <source>Patients found: {count}</source>
            <translation>Найдено пациентов: {count}</translation>
        </message>
        <message>
            <source>{years} years</source>
            <translation>возраст {years}</translation>
        </message>
        <message>
            <source>last visit {date}</source>
            <translation>последний приём {date}</translation>
        </message>
        <message>
            <source>no visits yet</source>
            <translation>приёмов ещё не было</translation>
        </message>
        <message>
            <source>Choose {patient}</source>
            <translation>Выбрать: {patient}</translation>
        </message>
        <message>
            <source>The patient could not be registered. Nothing was stored; please try again.</source>
            <translation>Не удалось зарегистрировать пациента. Ничего не сохранено; повторите.</translation>
        </message>
        <message>
            <source>Name, IIN, phone or birth year</source>
            <translation>Имя, ИИН, телефон или год рождения</translation>
        </message>
        <message>
            <source>Search for a patient</source>
            <translation>Поиск пациента</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>Cancel and go back</source>
            <translation>Отменить и вернуться</translation>
        </message>
        <message>
            <source>Register a new patient</source>
            <translation>Зарегистрировать нового пациента</translation>
        </message>
        <message>
            <source>Family name</source>
            <translation>Фамилия</translation>
        </message>
        <message>
            <source>Given name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <source>Patronymic</source>
            <translation>Отчество</translation>
        </message>
        <message>
            <source>Birth date (DD.MM.YYYY)</source>
            <translation>Дата рождения (ДД.ММ.ГГГГ)</translation>
        </message>
        <message>
            <source>…or age, e.g. about 45</source>
            <translation>…или возраст, например примерно 45</translation>
        </message>
        <message>
            <source>IIN</source>
            <translation>ИИН</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Село</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Мужской</translation>
        </message>
        <message>
            <source>Sex: male</source>
            <translation>Пол: мужской</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Женский</translation>
        </message>
        <message>
            <source>Sex: female</source>
            <translation>Пол: женский</translation>
        </message>
        <message>
            <source>Back to search</source>
            <translation>К поиску</translation>
        </message>
        <message>
            <source>Back to the search</source>
            <translation>Вернуться к поиску</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Зарегистрировать</translation>
        </message>
        <message>
            <source>Register this patient</source>
            <translation>Зарегистрировать этого пациента</translation>
        </message>
        <message>
            <source>Register anyway</source>
            <translation>Всё равно зарегистрировать</translation>
        </message>
        <message>
            <source>Register as a new patient despite the warnings</source>
            <translation>Зарегистрировать как нового пациента, несмотря на предупреждения</translation>
        </message>
        <message>
            <source>Checks of the form</source>
            <translation>Проверка формы</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Сообщения</translation>
        </message>
    </context>
    <context>
        <name>PatientLanguageChoice</name>
        <message>
            <source>Patient's language</source>
            <translation>Язык пациента</translation>
        </message>
        <message>
            <source>Patient's language: Kazakh</source>
            <translation>Язык пациента: казахский</translation>
        </message>
        <message>
            <source>Patient's language: Russian</source>
            <translation>Язык пациента: русский</translation>
        </message>
        <message>
            <source>Patient's language: English</source>
            <translation>Язык пациента: английский</translation>
        </message>
    </context>
    <context>
        <name>ScreenLanguage</name>
        <message>
            <source>en</source>
            <extracomment>Height of a two-line list row.</extracomment>
            <translation>ru</translation>
        </message>
    </context>
</TS>
