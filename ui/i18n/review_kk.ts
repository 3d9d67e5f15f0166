<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk" sourcelanguage="en">
  <context>
    <name>ReviewAnswerForm</name>
    <message>
      <source>Advice</source>
      <translation>Кеңес</translation>
    </message>
    <message>
      <source>Diagnosis (ICD-10)</source>
      <translation>Диагноз (АХЖ-10)</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>Жоспар</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Шешім</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Қайта тексеру</translation>
    </message>
    <message>
      <source>Advice for the nurse, in plain words</source>
      <translation>Мейірбикеге қарапайым сөзбен кеңес</translation>
    </message>
    <message>
      <source>Type a code or words, e.g. J18 or pneumonia</source>
      <translation>Код немесе сөз жазыңыз, мысалы J18 немесе pneumonia</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Қосу</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Алып тастау</translation>
    </message>
    <message>
      <source>Chosen diagnoses</source>
      <translation>Таңдалған диагноздар</translation>
    </message>
    <message>
      <source>Plan: medicines, tests, what to watch</source>
      <translation>Жоспар: дәрілер, талдаулар, неге назар аудару керек</translation>
    </message>
    <message>
      <source>Manage locally</source>
      <translation>Орнында емдеу</translation>
    </message>
    <message>
      <source>Refer to the district hospital</source>
      <translation>Аудандық ауруханаға жіберу</translation>
    </message>
    <message>
      <source>Urgent transport</source>
      <translation>Шұғыл тасымалдау</translation>
    </message>
    <message>
      <source>Ask for a follow-up visit on</source>
      <translation>Қайта келу күні</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Қайта тексеру күні</translation>
    </message>
    <message>
      <source>Send answer</source>
      <translation>Жауапты жіберу</translation>
    </message>
    <message>
      <source>Unknown ICD-10 code: {0}</source>
      <translation>Белгісіз АХЖ-10 коды: {0}</translation>
    </message>
    <message>
      <source>Write the advice for the nurse first.</source>
      <translation>Алдымен мейірбикеге кеңес жазыңыз.</translation>
    </message>
    <message>
      <source>Choose a decision: manage locally, refer, or urgent transport.</source>
      <translation>Шешім таңдаңыз: орнында емдеу, жіберу немесе шұғыл тасымалдау.</translation>
    </message>
  </context>
  <context>
    <name>ReviewAskPanel</name>
    <message>
      <source>Your question for the nurse (for example: measure the temperature again, send a photo). The request waits until she replies.</source>
      <translation>Медбикеге сұрағыңыз (мысалы: температураны қайта өлшеу, фото жіберу). Сұраныс ол жауап бергенше күтеді.</translation>
    </message>
    <message>
      <source>The question for the nurse</source>
      <translation>Медбикеге сұрақ</translation>
    </message>
    <message>
      <source>Send the question</source>
      <translation>Сұрақты жіберу</translation>
    </message>
    <message>
      <source>Send the question to the nurse</source>
      <translation>Сұрақты медбикеге жіберу</translation>
    </message>
  </context>
  <context>
    <name>ReviewCaseView</name>
    <message>
      <source>Summary</source>
      <translation>Жалпы</translation>
    </message>
    <message>
      <source>Complaints and labs</source>
      <translation>Шағымдар мен талдаулар</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>Суреттер</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>Көрсеткіш</translation>
    </message>
    <message>
      <source>This visit</source>
      <translation>Осы келу</translation>
    </message>
    <message>
      <source>Earlier visits</source>
      <translation>Бұрынғы келулер</translation>
    </message>
    <message>
      <source>Measured</source>
      <translation>Өлшенген уақыт</translation>
    </message>
    <message>
      <source>Complaints</source>
      <translation>Шағымдар</translation>
    </message>
    <message>
      <source>Lab results</source>
      <translation>Зертхана нәтижелері</translation>
    </message>
    <message>
      <source>Question from the nurse: {0}</source>
      <translation>Мейірбикенің сұрағы: {0}</translation>
    </message>
    <message>
      <source>No complaint form was sent.</source>
      <translation>Шағым сауалнамасы жіберілмеген.</translation>
    </message>
    <message>
      <source>No lab results.</source>
      <translation>Зертхана нәтижелері жоқ.</translation>
    </message>
    <message>
      <source>The nurse replied ({0}): {1}</source>
      <translation>Медбике жауап берді ({0}): {1}</translation>
    </message>
    <message>
      <source>{0} asked ({1}): {2}</source>
      <translation>{0} сұрады ({1}): {2}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>иә</translation>
    </message>
    <message>
      <source>no</source>
      <translation>жоқ</translation>
    </message>
    <message>
      <source>male</source>
      <translation>ер</translation>
    </message>
    <message>
      <source>female</source>
      <translation>әйел</translation>
    </message>
    <message>
      <source>{0}, {1}, born {2}. Visit {3}. Complaint: {4}</source>
      <translation>{0}, {1}, туған күні {2}. Келу {3}. Шағымы: {4}</translation>
    </message>
    <message>
      <source>NEWS2: not sent (incomplete vital signs)</source>
      <translation>NEWS2: жіберілмеген (өмірлік көрсеткіштер толық емес)</translation>
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
      <translation>Шұғыл</translation>
    </message>
    <message>
      <source>As soon as possible</source>
      <translation>Мүмкіндігінше тез</translation>
    </message>
    <message>
      <source>Urgent</source>
      <translation>Жедел</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Жоспарлы</translation>
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
      <translation>Күтуде</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Қабылданды</translation>
    </message>
    <message>
      <source>Claimed by you</source>
      <translation>Сіз алдыңыз</translation>
    </message>
    <message>
      <source>In review</source>
      <translation>Қаралуда</translation>
    </message>
    <message>
      <source>Waiting for the nurse's reply</source>
      <translation>Медбикенің жауабын күтуде</translation>
    </message>
    <message>
      <source>Answered</source>
      <translation>Жауап берілді</translation>
    </message>
    <message>
      <source>low risk</source>
      <translation>төмен қауіп</translation>
    </message>
    <message>
      <source>low-medium risk</source>
      <translation>төмен-орташа қауіп</translation>
    </message>
    <message>
      <source>medium risk</source>
      <translation>орташа қауіп</translation>
    </message>
    <message>
      <source>high risk</source>
      <translation>жоғары қауіп</translation>
    </message>
    <message>
      <source>{0} (overdue)</source>
      <translation>{0} (мерзімі өтті)</translation>
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
      <translation>Қан қысымы</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Температура</translation>
    </message>
    <message>
      <source>Respiratory rate</source>
      <translation>Тыныс алу жиілігі</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Салмақ</translation>
    </message>
    <message>
      <source>Height</source>
      <translation>Бой</translation>
    </message>
    <message>
      <source>BMI</source>
      <translation>ДСИ</translation>
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
      <translation>Осы келудің суреттері</translation>
    </message>
    <message>
      <source>Earlier photos</source>
      <translation>Бұрынғы суреттер</translation>
    </message>
    <message>
      <source>Compare with an earlier photo</source>
      <translation>Бұрынғы суретпен салыстыру</translation>
    </message>
    <message>
      <source>No photos were sent with this request.</source>
      <translation>Бұл сұраумен сурет жіберілмеген.</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Үлкейту</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Кішірейту</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>Толық көрсету</translation>
    </message>
    <message>
      <source>Actual size</source>
      <translation>Нақты өлшем</translation>
    </message>
  </context>
  <context>
    <name>ReviewPhotoView</name>
    <message>
      <source>Photo</source>
      <translation>Сурет</translation>
    </message>
  </context>
  <context>
    <name>ReviewWindow</name>
    <message>
      <source>Dala Kiosk — specialist console — {0}</source>
      <translation>Dala Kiosk — маман консолі — {0}</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Жаңарту</translation>
    </message>
    <message>
      <source>Refresh the list</source>
      <translation>Тізімді жаңарту</translation>
    </message>
    <message>
      <source>Claim this request</source>
      <translation>Сұрауды алу</translation>
    </message>
    <message>
      <source>Ask the nurse</source>
      <translation>Медбикеден сұрау</translation>
    </message>
    <message>
      <source>Ask the nurse a question instead of answering</source>
      <translation>Жауап берудің орнына медбикеге сұрақ қою</translation>
    </message>
    <message>
      <source>Updated {0}</source>
      <translation>Жаңартылды {0}</translation>
    </message>
    <message>
      <source>Loading the case…</source>
      <translation>Жағдай жүктелуде…</translation>
    </message>
    <message>
      <source>Choose a request from the list.</source>
      <translation>Тізімнен сұрауды таңдаңыз.</translation>
    </message>
    <message>
      <source>You have claimed this request. Write your answer below.</source>
      <translation>Сіз бұл сұрауды алдыңыз. Жауабыңызды төменде жазыңыз.</translation>
    </message>
    <message>
      <source>Claimed by {0}</source>
      <translation>Алған: {0}</translation>
    </message>
    <message>
      <source>Nobody has claimed this request yet.</source>
      <translation>Бұл сұрауды әлі ешкім алған жоқ.</translation>
    </message>
    <message>
      <source>Claiming…</source>
      <translation>Алынуда…</translation>
    </message>
    <message>
      <source>Claimed. The request is yours.</source>
      <translation>Алынды. Сұрау сіздікі.</translation>
    </message>
    <message>
      <source>Sending the answer…</source>
      <translation>Жауап жіберілуде…</translation>
    </message>
    <message>
      <source>Answer sent. The kiosk will receive it on its next sync.</source>
      <translation>Жауап жіберілді. Киоск оны келесі синхрондауда алады.</translation>
    </message>
    <message>
      <source>Write the question for the nurse first.</source>
      <translation>Алдымен медбикеге сұрақты жазыңыз.</translation>
    </message>
    <message>
      <source>Sending the question…</source>
      <translation>Сұрақ жіберілуде…</translation>
    </message>
    <message>
      <source>Question sent. The nurse will see it on the kiosk's next sync.</source>
      <translation>Сұрақ жіберілді. Медбике оны киоск келесі синхрондағанда көреді.</translation>
    </message>
    <message>
      <source>Something went wrong: {0}</source>
      <translation>Бірдеңе дұрыс болмады: {0}</translation>
    </message>
  </context>
  <context>
    <name>ReviewWorklist</name>
    <message>
      <source>Open consultation requests</source>
      <translation>Ашық кеңес сұраулары</translation>
    </message>
    <message>
      <source>Urgency</source>
      <translation>Шұғылдығы</translation>
    </message>
    <message>
      <source>Specialty</source>
      <translation>Мамандық</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Мерзімі</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Күйі</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Сұрақ</translation>
    </message>
  </context>
</TS>
