<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
    <context>
        <name>ConsultDetail</name>
        <message>
            <source>Send to another specialty</source>
            <translation>Басқа мамандыққа жіберу</translation>
        </message>
        <message>
            <source>Send this request to another specialty instead</source>
            <translation>Бұл сұрауды басқа мамандыққа жіберу</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>Шұғылдығын арттыру</translation>
        </message>
        <message>
            <source>Ask again with a higher urgency</source>
            <translation>Жоғарырақ шұғылдықпен қайта сұрау</translation>
        </message>
        <message>
            <source>No, keep it</source>
            <translation>Жоқ, қалдыру</translation>
        </message>
        <message>
            <source>Do not change the request</source>
            <translation>Сұрауды өзгертпеу</translation>
        </message>
        <message>
            <source>The consultation</source>
            <translation>Кеңес</translation>
        </message>
        <message>
            <source>The request and its state</source>
            <translation>Сұрау және оның күйі</translation>
        </message>
        <message>
            <source>The specialist's answer</source>
            <translation>Маманның жауабы</translation>
        </message>
        <message>
            <source>Send to: {specialty}</source>
            <translation>Жіберу: {specialty}</translation>
        </message>
        <message>
            <source>State: {state}</source>
            <translation>Күйі: {state}</translation>
        </message>
        <message>
            <source>Question: {question}</source>
            <translation>Сұрақ: {question}</translation>
        </message>
        <message>
            <source>Overdue: the answer was due {time}</source>
            <translation>Мерзімі өтті: жауап {time} дейін күтілген</translation>
        </message>
        <message>
            <source>Answer due by {time}</source>
            <translation>Жауап мерзімі: {time}</translation>
        </message>
        <message>
            <source>Specialist: {name}</source>
            <translation>Маман: {name}</translation>
        </message>
        <message>
            <source>Reason: {reason}</source>
            <translation>Себебі: {reason}</translation>
        </message>
        <message>
            <source>The specialist asked: {text}</source>
            <translation>Маман сұрады: {text}</translation>
        </message>
        <message>
            <source>Your reply (waiting to be sent): {text}</source>
            <translation>Сіздің жауабыңыз (жіберуді күтуде): {text}</translation>
        </message>
        <message>
            <source>Your reply (sent): {text}</source>
            <translation>Сіздің жауабыңыз (жіберілді): {text}</translation>
        </message>
        <message>
            <source>No answer yet.</source>
            <translation>Әзірге жауап жоқ.</translation>
        </message>
        <message>
            <source>Answer:</source>
            <translation>Жауап:</translation>
        </message>
        <message>
            <source>Decision: {decision}</source>
            <translation>Шешім: {decision}</translation>
        </message>
        <message>
            <source>ICD-10: {codes}</source>
            <translation>АХЖ-10: {codes}</translation>
        </message>
        <message>
            <source>Follow-up: {date}</source>
            <translation>Қайта қарау: {date}</translation>
        </message>
        <message>
            <source>Send this question to {specialty} instead? The current request will be cancelled and a new one sent.</source>
            <translation>Сұрақты орнына {specialty} маманына жіберу керек пе? Қазіргі сұрау тоқтатылып, жаңасы жіберіледі.</translation>
        </message>
        <message>
            <source>Yes, send</source>
            <translation>Иә, жіберу</translation>
        </message>
        <message>
            <source>Confirm: send to another specialty</source>
            <translation>Растау: басқа мамандыққа жіберу</translation>
        </message>
        <message>
            <source>Ask again as {urgency}? The current request will be cancelled and a new one sent.</source>
            <translation>«{urgency}» ретінде қайта сұрау керек пе? Қазіргі сұрау тоқтатылып, жаңасы жіберіледі.</translation>
        </message>
        <message>
            <source>Yes, escalate</source>
            <translation>Иә, арттыру</translation>
        </message>
        <message>
            <source>Confirm: escalate the request</source>
            <translation>Растау: сұраудың шұғылдығын арттыру</translation>
        </message>
    </context>
    <context>
        <name>ConsultReplyPanel</name>
        <message>
            <source>Your reply to the specialist:</source>
            <translation>Маманға жауабыңыз:</translation>
        </message>
        <message>
            <source>Your reply to the specialist</source>
            <translation>Маманға жауабыңыз</translation>
        </message>
        <message>
            <source>Send the reply</source>
            <translation>Жауапты жіберу</translation>
        </message>
        <message>
            <source>Send the reply to the specialist</source>
            <translation>Жауапты маманға жіберу</translation>
        </message>
        <message>
            <source>The specialist</source>
            <translation>Маман</translation>
        </message>
        <message>
            <source>{name} asks ({time}):
{question}</source>
            <translation>{name} сұрайды ({time}):
{question}</translation>
        </message>
    </context>
    <context>
        <name>ConsultsButton</name>
        <message>
            <source>Consultations</source>
            <translation>Кеңестер</translation>
        </message>
        <message>
            <source>Open the consultations and their answers</source>
            <translation>Кеңестер мен олардың жауаптарын ашу</translation>
        </message>
    </context>
    <context>
        <name>ConsultsScreen</name>
        <message>
            <source>Reply saved. It goes to the specialist with the next sync.</source>
            <translation>Жауап сақталды. Ол келесі синхрондауда маманға жіберіледі.</translation>
        </message>
        <message>
            <source>A new request is queued; it goes out on the next sync.</source>
            <translation>Жаңа сұрау кезекке қойылды; келесі синхрондауда жіберіледі.</translation>
        </message>
        <message>
            <source>Something went wrong. Please try again.</source>
            <translation>Бірдеңе дұрыс болмады. Қайталап көріңіз.</translation>
        </message>
        <message>
            <source>Consultations</source>
            <translation>Кеңестер</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Артқа</translation>
        </message>
        <message>
            <source>Back to the previous screen</source>
            <translation>Алдыңғы экранға оралу</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Хабарламалар</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Жүктелуде…</translation>
        </message>
        <message>
            <source>No consultation requests yet.</source>
            <translation>Кеңес сұраулары әлі жоқ.</translation>
        </message>
        <message>
            <source>Overdue since {time}</source>
            <translation>Мерзімі {time} өтті</translation>
        </message>
        <message>
            <source>Due by {time}</source>
            <translation>Мерзімі: {time}</translation>
        </message>
        <message>
            <source>Answer received</source>
            <translation>Жауап келді</translation>
        </message>
        <message>
            <source>Your reply is needed</source>
            <translation>Сіздің жауабыңыз керек</translation>
        </message>
        <message>
            <source>Open the consultation: {text}</source>
            <translation>Кеңесті ашу: {text}</translation>
        </message>
    </context>
</TS>
