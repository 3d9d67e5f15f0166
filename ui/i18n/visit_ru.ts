<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>Complaints</name>
    <message>
        <source>Other complaints, in the patient's words</source>
        <translation>Другие жалобы, словами пациента</translation>
    </message>
</context>
<context>
    <name>ConsultPage</name>
    <message>
        <source>Specialist</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>How urgent</source>
        <translation>Насколько срочно</translation>
    </message>
    <message>
        <source>Send with the question</source>
        <translation>Отправить вместе с вопросом</translation>
    </message>
    <message>
        <source>Question for the specialist</source>
        <translation>Вопрос специалисту</translation>
    </message>
    <message>
        <source>Photos: {count}</source>
        <translation>Фото: {count}</translation>
    </message>
    <message>
        <source>Add to the visit</source>
        <translation>Добавить к приёму</translation>
    </message>
    <message>
        <source>Send this request with the visit</source>
        <translation>Отправить этот запрос вместе с приёмом</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Back to the review without a request</source>
        <translation>Вернуться к проверке без запроса</translation>
    </message>
</context>
<context>
    <name>ImciSigns</name>
    <message>
        <source>Danger signs: touch each sign the child has</source>
        <translation>Признаки опасности: нажмите каждый признак, который есть у ребёнка</translation>
    </message>
    <message>
        <source>Not able to drink or breastfeed</source>
        <translation>Не может пить или сосать грудь</translation>
    </message>
    <message>
        <source>Vomits everything</source>
        <translation>Рвота после всего</translation>
    </message>
    <message>
        <source>Convulsions during this illness</source>
        <translation>Судороги во время этой болезни</translation>
    </message>
    <message>
        <source>Lethargic or unconscious</source>
        <translation>Вялый или без сознания</translation>
    </message>
    <message>
        <source>Convulsing now</source>
        <translation>Судороги сейчас</translation>
    </message>
    <message>
        <source>Chest indrawing (calm child)</source>
        <translation>Втяжение грудной клетки (ребёнок спокоен)</translation>
    </message>
    <message>
        <source>Stridor (calm child)</source>
        <translation>Стридор (ребёнок спокоен)</translation>
    </message>
    <message>
        <source>Infant: not feeding well</source>
        <translation>Младенец: плохо сосёт</translation>
    </message>
    <message>
        <source>Infant: convulsions</source>
        <translation>Младенец: судороги</translation>
    </message>
    <message>
        <source>Infant: severe chest indrawing</source>
        <translation>Младенец: сильное втяжение грудной клетки</translation>
    </message>
    <message>
        <source>Infant: moves only when stimulated, or not at all</source>
        <translation>Младенец: двигается только при стимуляции или не двигается</translation>
    </message>
</context>
<context>
    <name>ManualEntry</name>
    <message>
        <source>SpO₂, %</source>
        <translation>SpO₂, %</translation>
    </message>
    <message>
        <source>Pulse, /min</source>
        <translation>Пульс, /мин</translation>
    </message>
    <message>
        <source>Breaths, /min</source>
        <translation>Дыхание, /мин</translation>
    </message>
    <message>
        <source>BP systolic, mmHg</source>
        <translation>АД систолическое, мм рт. ст.</translation>
    </message>
    <message>
        <source>BP diastolic, mmHg</source>
        <translation>АД диастолическое, мм рт. ст.</translation>
    </message>
    <message>
        <source>Temperature, °C</source>
        <translation>Температура, °C</translation>
    </message>
    <message>
        <source>Weight, kg</source>
        <translation>Вес, кг</translation>
    </message>
    <message>
        <source>Height, cm</source>
        <translation>Рост, см</translation>
    </message>
    <message>
        <source>Glucose, mmol/L</source>
        <translation>Глюкоза, ммоль/л</translation>
    </message>
    <message>
        <source>BP mean, mmHg</source>
        <translation>Среднее АД, мм рт. ст.</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>В сознании (A)</translation>
    </message>
    <message>
        <source>New confusion</source>
        <translation>Новая спутанность (C)</translation>
    </message>
    <message>
        <source>Confusion, not new</source>
        <translation>Давняя спутанность</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Реакция на голос (V)</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Реакция на боль (P)</translation>
    </message>
    <message>
        <source>Unresponsive</source>
        <translation>Нет реакции (U)</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Keep this unusual value: {field}</source>
        <translation>Оставить это необычное значение: {field}</translation>
    </message>
    <message>
        <source>Consciousness (ACVPU)</source>
        <translation>Уровень сознания (ACVPU)</translation>
    </message>
    <message>
        <source>Consciousness: {level}</source>
        <translation>Уровень сознания: {level}</translation>
    </message>
    <message>
        <source>Breathing</source>
        <translation>Дыхание</translation>
    </message>
    <message>
        <source>Room air</source>
        <translation>Комнатный воздух</translation>
    </message>
    <message>
        <source>Supplemental oxygen</source>
        <translation>Дополнительный кислород</translation>
    </message>
    <message>
        <source>Not a number</source>
        <translation>Не число</translation>
    </message>
    <message>
        <source>Not possible: check it and type again</source>
        <translation>Невозможно: проверьте и введите снова</translation>
    </message>
    <message>
        <source>Unusual, confirmed</source>
        <translation>Необычно, подтверждено</translation>
    </message>
    <message>
        <source>Unusual: confirm or measure again</source>
        <translation>Необычно: подтвердите или измерьте снова</translation>
    </message>
</context>
<context>
    <name>News2Panel</name>
    <message>
        <source>Early warning score</source>
        <translation>Шкала раннего предупреждения</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Балл</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Балла нет</translation>
    </message>
    <message>
        <source>IMCI (child under 5)</source>
        <translation>ИВБДВ (ребёнок до 5 лет)</translation>
    </message>
    <message>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <source>Score total</source>
        <translation>Сумма баллов</translation>
    </message>
    <message>
        <source>Risk band</source>
        <translation>Уровень риска</translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation>Низкий риск</translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation>Средний риск</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>Высокий риск</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Неполно</translation>
    </message>
    <message>
        <source>Urgent referral</source>
        <translation>Срочное направление</translation>
    </message>
    <message>
        <source>Fast breathing</source>
        <translation>Учащённое дыхание</translation>
    </message>
    <message>
        <source>No danger signs</source>
        <translation>Признаков опасности нет</translation>
    </message>
    <message>
        <source>Low–medium risk</source>
        <translation>Риск низкий–средний</translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message>
        <source>Continue the visit</source>
        <translation>Продолжить приём</translation>
    </message>
    <message>
        <source>Continue the unfinished visit</source>
        <translation>Продолжить незавершённый приём</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Discard the unfinished visit</source>
        <translation>Удалить незавершённый приём</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Измерения</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Жалобы</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фотографии</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Change: {part}</source>
        <translation>Изменить: {part}</translation>
    </message>
    <message>
        <source>{count} photo(s)</source>
        <translation>Фото: {count}</translation>
    </message>
    <message>
        <source>Request consultation</source>
        <translation>Запросить консультацию</translation>
    </message>
    <message>
        <source>Ask a specialist about this visit</source>
        <translation>Спросить специалиста об этом приёме</translation>
    </message>
    <message>
        <source>{name}, born {birth}</source>
        <translation>{name}, дата рождения {birth}</translation>
    </message>
    <message>
        <source> (unusual, confirmed)</source>
        <translation> (необычно, подтверждено)</translation>
    </message>
    <message>
        <source> (unusual!)</source>
        <translation> (необычно!)</translation>
    </message>
    <message>
        <source> (not possible!)</source>
        <translation> (невозможно!)</translation>
    </message>
    <message>
        <source>{field}: {value} typed{mark}</source>
        <translation>{field}: {value}, вручную{mark}</translation>
    </message>
    <message>
        <source>{field}: {value} from the device</source>
        <translation>{field}: {value}, с прибора</translation>
    </message>
    <message>
        <source>Nothing measured yet</source>
        <translation>Пока ничего не измерено</translation>
    </message>
    <message>
        <source>room air</source>
        <translation>комнатный воздух</translation>
    </message>
    <message>
        <source>supplemental oxygen</source>
        <translation>дополнительный кислород</translation>
    </message>
    <message>
        <source>Consciousness: {level}; breathing: {oxygen}</source>
        <translation>Сознание: {level}; дыхание: {oxygen}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>New visit</source>
        <translation>Новый приём</translation>
    </message>
    <message>
        <source>Start a new visit</source>
        <translation>Начать новый приём</translation>
    </message>
</context>
<context>
    <name>ValueTile</name>
    <message>
        <source>Scale</source>
        <extracomment>Tiles shown only once their device reports.</extracomment>
        <translation>Весы</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Вес</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <source>Glucose meter</source>
        <translation>Глюкометр</translation>
    </message>
    <message>
        <source>Glucose</source>
        <translation>Глюкоза</translation>
    </message>
    <message>
        <source>mmol/L</source>
        <translation>ммоль/л</translation>
    </message>
</context>
<context>
    <name>VisitFooter</name>
    <message>
        <source>◂ Back</source>
        <extracomment>Pages with a bar of their own (the camera's buttons, the resume question).</extracomment>
        <translation>◂ Назад</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Вернуться назад</translation>
    </message>
    <message>
        <source>Touch again to discard</source>
        <translation>Нажмите ещё раз, чтобы удалить</translation>
    </message>
    <message>
        <source>Cancel visit</source>
        <translation>Отменить приём</translation>
    </message>
    <message>
        <source>Discard this visit</source>
        <translation>Удалить этот приём</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>Добавить фото</translation>
    </message>
    <message>
        <source>Take a photo for this visit</source>
        <translation>Сделать фото для этого приёма</translation>
    </message>
    <message>
        <source>Review ▸</source>
        <translation>Проверить ▸</translation>
    </message>
    <message>
        <source>Check everything before saving</source>
        <translation>Проверить всё перед сохранением</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>Photos: {count}</source>
        <translation>Фото: {count}</translation>
    </message>
</context>
<context>
    <name>VisitPatient</name>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>Patient: {name}, born {birth}</source>
        <translation>Пациент: {name}, дата рождения {birth}</translation>
    </message>
</context>
<context>
    <name>VisitScreen</name>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Приборы</translation>
    </message>
    <message>
        <source>Vitals by hand</source>
        <translation>Показатели вручную</translation>
    </message>
    <message>
        <source>Consciousness, oxygen</source>
        <translation>Сознание, кислород</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Жалобы</translation>
    </message>
    <message>
        <source>Danger signs</source>
        <translation>Признаки опасности</translation>
    </message>
    <message>
        <source>Show: {section}</source>
        <translation>Показать: {section}</translation>
    </message>
</context>
</TS>