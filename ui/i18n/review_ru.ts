<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
  <context>
    <name>ReviewAnswerForm</name>
    <message>
      <source>Advice</source>
      <translation>Совет</translation>
    </message>
    <message>
      <source>Diagnosis (ICD-10)</source>
      <translation>Диагноз (МКБ-10)</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>План</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Решение</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Повторный осмотр</translation>
    </message>
    <message>
      <source>Advice for the nurse, in plain words</source>
      <translation>Совет медсестре простыми словами</translation>
    </message>
    <message>
      <source>Type a code or words, e.g. J18 or pneumonia</source>
      <translation>Введите код или слова, например J18 или pneumonia</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Добавить</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Убрать</translation>
    </message>
    <message>
      <source>Chosen diagnoses</source>
      <translation>Выбранные диагнозы</translation>
    </message>
    <message>
      <source>Plan: medicines, tests, what to watch</source>
      <translation>План: лекарства, анализы, за чем следить</translation>
    </message>
    <message>
      <source>Manage locally</source>
      <translation>Лечить на месте</translation>
    </message>
    <message>
      <source>Refer to the district hospital</source>
      <translation>Направить в районную больницу</translation>
    </message>
    <message>
      <source>Urgent transport</source>
      <translation>Срочная транспортировка</translation>
    </message>
    <message>
      <source>Ask for a follow-up visit on</source>
      <translation>Назначить повторный осмотр на</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Дата повторного осмотра</translation>
    </message>
    <message>
      <source>Send answer</source>
      <translation>Отправить ответ</translation>
    </message>
    <message>
      <source>Unknown ICD-10 code: {0}</source>
      <translation>Неизвестный код МКБ-10: {0}</translation>
    </message>
    <message>
      <source>Write the advice for the nurse first.</source>
      <translation>Сначала напишите совет медсестре.</translation>
    </message>
    <message>
      <source>Choose a decision: manage locally, refer, or urgent transport.</source>
      <translation>Выберите решение: лечить на месте, направить или срочно транспортировать.</translation>
    </message>
  </context>
  <context>
    <name>ReviewAskPanel</name>
    <message>
      <source>Your question for the nurse (for example: measure the temperature again, send a photo). The request waits until she replies.</source>
      <translation>Ваш вопрос медсестре (например: измерить температуру ещё раз, прислать фото). Запрос ждёт её ответа.</translation>
    </message>
    <message>
      <source>The question for the nurse</source>
      <translation>Вопрос медсестре</translation>
    </message>
    <message>
      <source>Send the question</source>
      <translation>Отправить вопрос</translation>
    </message>
    <message>
      <source>Send the question to the nurse</source>
      <translation>Отправить вопрос медсестре</translation>
    </message>
  </context>
  <context>
    <name>ReviewCaseView</name>
    <message>
      <source>Summary</source>
      <translation>Сводка</translation>
    </message>
    <message>
      <source>Complaints and labs</source>
      <translation>Жалобы и анализы</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>Фото</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>Показатель</translation>
    </message>
    <message>
      <source>This visit</source>
      <translation>Этот визит</translation>
    </message>
    <message>
      <source>Earlier visits</source>
      <translation>Прежние визиты</translation>
    </message>
    <message>
      <source>Measured</source>
      <translation>Время измерения</translation>
    </message>
    <message>
      <source>Complaints</source>
      <translation>Жалобы</translation>
    </message>
    <message>
      <source>Lab results</source>
      <translation>Результаты анализов</translation>
    </message>
    <message>
      <source>Question from the nurse: {0}</source>
      <translation>Вопрос медсестры: {0}</translation>
    </message>
    <message>
      <source>No complaint form was sent.</source>
      <translation>Анкета жалоб не отправлялась.</translation>
    </message>
    <message>
      <source>No lab results.</source>
      <translation>Нет результатов анализов.</translation>
    </message>
    <message>
      <source>The nurse replied ({0}): {1}</source>
      <translation>Медсестра ответила ({0}): {1}</translation>
    </message>
    <message>
      <source>{0} asked ({1}): {2}</source>
      <translation>{0} спросил(а) ({1}): {2}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>да</translation>
    </message>
    <message>
      <source>no</source>
      <translation>нет</translation>
    </message>
    <message>
      <source>male</source>
      <translation>мужчина</translation>
    </message>
    <message>
      <source>female</source>
      <translation>женщина</translation>
    </message>
    <message>
      <source>{0}, {1}, born {2}. Visit {3}. Complaint: {4}</source>
      <translation>{0}, {1}, дата рождения {2}. Визит {3}. Жалоба: {4}</translation>
    </message>
    <message>
      <source>NEWS2: not sent (incomplete vital signs)</source>
      <translation>NEWS2: не отправлен (неполные жизненные показатели)</translation>
    </message>
    <message>
      <source>NEWS2: {0} — {1}</source>
      <translation>NEWS2: {0} — {1}</translation>
    </message>
  </context>
  <context>
    <name>ReviewLabels</name>
    <message>
      <source>Emergency</source>
      <translation>Экстренно</translation>
    </message>
    <message>
      <source>As soon as possible</source>
      <translation>Как можно скорее</translation>
    </message>
    <message>
      <source>Urgent</source>
      <translation>Срочно</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Планово</translation>
    </message>
    <message>
      <source>Therapist</source>
      <translation>Терапевт</translation>
    </message>
    <message>
      <source>Paediatrician</source>
      <translation>Педиатр</translation>
    </message>
    <message>
      <source>Cardiologist</source>
      <translation>Кардиолог</translation>
    </message>
    <message>
      <source>Dermatologist</source>
      <translation>Дерматолог</translation>
    </message>
    <message>
      <source>Obstetrician</source>
      <translation>Акушер-гинеколог</translation>
    </message>
    <message>
      <source>Neurologist</source>
      <translation>Невролог</translation>
    </message>
    <message>
      <source>Surgeon</source>
      <translation>Хирург</translation>
    </message>
    <message>
      <source>Ophthalmologist</source>
      <translation>Офтальмолог</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>Ожидает</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Получен</translation>
    </message>
    <message>
      <source>Claimed by you</source>
      <translation>Взят вами</translation>
    </message>
    <message>
      <source>In review</source>
      <translation>На рассмотрении</translation>
    </message>
    <message>
      <source>Waiting for the nurse's reply</source>
      <translation>Ожидает ответа медсестры</translation>
    </message>
    <message>
      <source>Answered</source>
      <translation>Отвечен</translation>
    </message>
    <message>
      <source>low risk</source>
      <translation>низкий риск</translation>
    </message>
    <message>
      <source>low-medium risk</source>
      <translation>низко-средний риск</translation>
    </message>
    <message>
      <source>medium risk</source>
      <translation>средний риск</translation>
    </message>
    <message>
      <source>high risk</source>
      <translation>высокий риск</translation>
    </message>
    <message>
      <source>{0} (overdue)</source>
      <translation>{0} (просрочено)</translation>
    </message>
    <message>
      <source>SpO2</source>
      <translation>SpO2</translation>
    </message>
    <message>
      <source>Pulse</source>
      <translation>Пульс</translation>
    </message>
    <message>
      <source>Blood pressure</source>
      <translation>Артериальное давление</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Температура</translation>
    </message>
    <message>
      <source>Respiratory rate</source>
      <translation>Частота дыхания</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Вес</translation>
    </message>
    <message>
      <source>Height</source>
      <translation>Рост</translation>
    </message>
    <message>
      <source>BMI</source>
      <translation>ИМТ</translation>
    </message>
    <message>
      <source>Glucose</source>
      <translation>Глюкоза</translation>
    </message>
    <message>
      <source>HbA1c</source>
      <translation>HbA1c</translation>
    </message>
    <message>
      <source>Haemoglobin</source>
      <translation>Гемоглобин</translation>
    </message>
  </context>
  <context>
    <name>ReviewPhotoPanel</name>
    <message>
      <source>Photos of this visit</source>
      <translation>Фото этого визита</translation>
    </message>
    <message>
      <source>Earlier photos</source>
      <translation>Прежние фото</translation>
    </message>
    <message>
      <source>Compare with an earlier photo</source>
      <translation>Сравнить с прежним фото</translation>
    </message>
    <message>
      <source>No photos were sent with this request.</source>
      <translation>С этим запросом фото не отправлялись.</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Увеличить</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Уменьшить</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>По размеру окна</translation>
    </message>
    <message>
      <source>Actual size</source>
      <translation>Реальный размер</translation>
    </message>
  </context>
  <context>
    <name>ReviewPhotoView</name>
    <message>
      <source>Photo</source>
      <translation>Фото</translation>
    </message>
  </context>
  <context>
    <name>ReviewWindow</name>
    <message>
      <source>Dala Kiosk — specialist console — {0}</source>
      <translation>Dala Kiosk — консоль специалиста — {0}</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Обновить</translation>
    </message>
    <message>
      <source>Refresh the list</source>
      <translation>Обновить список</translation>
    </message>
    <message>
      <source>Claim this request</source>
      <translation>Взять запрос</translation>
    </message>
    <message>
      <source>Ask the nurse</source>
      <translation>Спросить медсестру</translation>
    </message>
    <message>
      <source>Ask the nurse a question instead of answering</source>
      <translation>Задать медсестре вопрос вместо ответа</translation>
    </message>
    <message>
      <source>Updated {0}</source>
      <translation>Обновлено {0}</translation>
    </message>
    <message>
      <source>Loading the case…</source>
      <translation>Загрузка случая…</translation>
    </message>
    <message>
      <source>Choose a request from the list.</source>
      <translation>Выберите запрос из списка.</translation>
    </message>
    <message>
      <source>You have claimed this request. Write your answer below.</source>
      <translation>Вы взяли этот запрос. Напишите ответ ниже.</translation>
    </message>
    <message>
      <source>Claimed by {0}</source>
      <translation>Взял: {0}</translation>
    </message>
    <message>
      <source>Nobody has claimed this request yet.</source>
      <translation>Этот запрос ещё никто не взял.</translation>
    </message>
    <message>
      <source>Claiming…</source>
      <translation>Берём запрос…</translation>
    </message>
    <message>
      <source>Claimed. The request is yours.</source>
      <translation>Готово. Запрос ваш.</translation>
    </message>
    <message>
      <source>Sending the answer…</source>
      <translation>Отправка ответа…</translation>
    </message>
    <message>
      <source>Answer sent. The kiosk will receive it on its next sync.</source>
      <translation>Ответ отправлен. Киоск получит его при следующей синхронизации.</translation>
    </message>
    <message>
      <source>Write the question for the nurse first.</source>
      <translation>Сначала напишите вопрос для медсестры.</translation>
    </message>
    <message>
      <source>Sending the question…</source>
      <translation>Вопрос отправляется…</translation>
    </message>
    <message>
      <source>Question sent. The nurse will see it on the kiosk's next sync.</source>
      <translation>Вопрос отправлен. Медсестра увидит его при следующей синхронизации киоска.</translation>
    </message>
    <message>
      <source>Something went wrong: {0}</source>
      <translation>Что-то пошло не так: {0}</translation>
    </message>
  </context>
  <context>
    <name>ReviewWorklist</name>
    <message>
      <source>Open consultation requests</source>
      <translation>Открытые запросы на консультацию</translation>
    </message>
    <message>
      <source>Urgency</source>
      <translation>Срочность</translation>
    </message>
    <message>
      <source>Specialty</source>
      <translation>Специальность</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Срок</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Статус</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Вопрос</translation>
    </message>
  </context>
</TS>
