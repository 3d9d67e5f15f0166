<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="kk_KZ">
<context>
    <name>BloodPressureTile</name>
    <message>
        <source>Cuff pressure</source>
        <translation>Манжета қысымы</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Өлшеп жатыр…</translation>
    </message>
    <message>
        <source>Blood pressure</source>
        <translation>Қан қысымы</translation>
    </message>
    <message>
        <source>Pulse {pulse} beats/min</source>
        <translation>Пульс {pulse} соққы/мин</translation>
    </message>
    <message>
        <source>Blood pressure monitor</source>
        <translation>Тонометр</translation>
    </message>
    <message>
        <source>mmHg</source>
        <translation>мм сын. бағ.</translation>
    </message>
    <message>
        <source>Blood pressure, systolic over diastolic, mmHg</source>
        <translation>Қан қысымы, систолалық пен диастолалық, мм сын. бағ.</translation>
    </message>
    <message>
        <source>Pulse, beats per minute</source>
        <translation>Пульс, минутына соққы саны</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Take photo</source>
        <translation>Суретке түсіру</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Қайта түсіру</translation>
    </message>
    <message>
        <source>Keep anyway</source>
        <translation>Бәрібір сақтау</translation>
    </message>
    <message>
        <source>Why keep this photo?</source>
        <translation>Бұл суретті неге сақтайсыз?</translation>
    </message>
    <message>
        <source>Body site</source>
        <translation>Дене аймағы</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Ескертпе (міндетті емес)</translation>
    </message>
    <message>
        <source>Save photo</source>
        <translation>Суретті сақтау</translation>
    </message>
    <message>
        <source>Camera is off</source>
        <translation>Камера өшірулі</translation>
    </message>
</context>
<context>
    <name>DeviceTile</name>
    <message>
        <source>Device connection</source>
        <translation>Құрылғы байланысы</translation>
    </message>
    <message>
        <source>No device connected</source>
        <translation>Құрылғы қосылмаған</translation>
    </message>
    <message>
        <source>Waiting for the next measurement</source>
        <translation>Келесі өлшеуді күтуде</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Қосылуда…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Қосылды</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Ажыратылды</translation>
    </message>
    <message>
        <source>Pulse oximeter</source>
        <translation>Пульсоксиметр</translation>
    </message>
    <message>
        <source>SpO₂</source>
        <translation>SpO₂</translation>
    </message>
    <message>
        <source>Pulse</source>
        <translation>Пульс</translation>
    </message>
    <message>
        <source>beats/min</source>
        <translation>соққы/мин</translation>
    </message>
    <message>
        <source>Oxygen saturation, percent</source>
        <translation>Қандағы оттегі қанығуы, пайыз</translation>
    </message>
    <message>
        <source>Pulse, beats per minute</source>
        <translation>Пульс, минутына соққы саны</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Kazakh</source>
        <translation>Қазақша</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Орысша</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Ағылшынша</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Бос орын</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Енгізу</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Өшіру</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Сандар</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>АӘБ</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Әріптер</translation>
    </message>
    <message>
        <source>Switch language</source>
        <translation>Тілді ауыстыру</translation>
    </message>
    <message>
        <source>Caps lock</source>
        <translation>Бас әріптерді бекіту</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Бас әріп</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save</source>
        <extracomment>The camera preview inside the window (16:9, leaving room for the site picker). Typing stops this long before the visit's form is written to the drafts table.</extracomment>
        <translation>Сақтау</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Қабылдауды сақтау</translation>
    </message>
    <message>
        <source>Back to the visit</source>
        <translation>Қабылдауға оралу</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Басты бет</translation>
    </message>
    <message>
        <source>Find or register the patient</source>
        <translation>Пациентті табу немесе тіркеу</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Жаңа қабылдау</translation>
    </message>
    <message>
        <source>Check the visit, then save</source>
        <translation>Қабылдауды тексеріп, сақтаңыз</translation>
    </message>
    <message>
        <source>Photos of this visit: {count}</source>
        <translation>Осы қабылдаудың суреттері: {count}</translation>
    </message>
    <message>
        <source>Unfinished visit</source>
        <translation>Аяқталмаған қабылдау</translation>
    </message>
    <message>
        <source>Patient history</source>
        <translation>Пациенттің тарихы</translation>
    </message>
    <message>
        <source>Request consultation</source>
        <translation>Кеңес сұрау</translation>
    </message>
    <message>
        <source>Visit {number} is saved. It will be sent to the hospital.</source>
        <translation>{number} қабылдауы сақталды. Ол ауруханаға жіберіледі.</translation>
    </message>
    <message>
        <source>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</source>
        <translation>Күтпеген қатеге байланысты қабылдау сақталмады. Ештеңе жазылған жоқ; қайталап көріңіз.</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>Кеңестер</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>Кім жұмыс істейді?</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Decimal separator</source>
        <extracomment>Qt locale names of the screen's languages.</extracomment>
        <translation>Ондық бөлгіш</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Өшіру</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Done, next field</source>
        <translation>Дайын, келесі өріс</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Dala Kiosk</source>
        <translation>Dala Kiosk</translation>
    </message>
    <message>
        <source>Switch to Kazakh</source>
        <translation>Қазақ тіліне ауысу</translation>
    </message>
    <message>
        <source>Switch to Russian</source>
        <translation>Орыс тіліне ауысу</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Ағылшын тіліне ауысу</translation>
    </message>
    <message>
        <source>Visits not yet sent</source>
        <translation>Әлі жіберілмеген қабылдаулар</translation>
    </message>
    <message>
        <source>Sending to the hospital</source>
        <translation>Ауруханаға жіберу</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Жүйеде: {name}</translation>
    </message>
    <message>
        <source>Visits not yet sent: {count}</source>
        <translation>Әлі жіберілмеген қабылдаулар: {count}</translation>
    </message>
    <message>
        <source>no server set</source>
        <translation>сервер жоқ</translation>
    </message>
    <message>
        <source>never</source>
        <translation>болмаған</translation>
    </message>
    <message>
        <source>Waiting: {pending} · Held back: {quarantined} · Last sync: {last}</source>
        <translation>Кезек: {pending} · Тоқтатылған: {quarantined} · Жіберу: {last}</translation>
    </message>
</context>
<context>
    <name>ThermometerTile</name>
    <message>
        <source>Measuring…</source>
        <translation>Өлшеп жатыр…</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>Термометр</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Дене температурасы</translation>
    </message>
    <message>
        <source>Body temperature, degrees Celsius</source>
        <translation>Дене температурасы, Цельсий градусы</translation>
    </message>
</context>
</TS>