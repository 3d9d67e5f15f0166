<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk" sourcelanguage="en">
<context>
    <name>DeviceTile</name>
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
    <message>
        <source>Device connection</source>
        <translation>Құрылғы байланысы</translation>
    </message>
    <message>
        <source>No device connected</source>
        <translation>Құрылғы қосылмаған</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dala Kiosk</source>
        <translation>Dala Kiosk</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Жаңа қабылдау</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Тегі</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Аты</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Туған күні</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ЖЖЖЖ-АА-КК</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сақтау</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Қабылдауды сақтау</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Хабарламалар</translation>
    </message>
    <message>
        <source>Visits not yet sent</source>
        <translation>Әлі жіберілмеген қабылдаулар</translation>
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
        <source>Visit {number} is saved. It will be sent to the hospital.</source>
        <translation>{number} қабылдауы сақталды. Ол ауруханаға жіберіледі.</translation>
    </message>
    <message>
        <source>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</source>
        <translation>Күтпеген қатеге байланысты қабылдау сақталмады. Ештеңе жазылған жоқ; қайталап көріңіз.</translation>
    </message>
    <message>
        <source>Visits not yet sent: {count}</source>
        <translation>Әлі жіберілмеген қабылдаулар: {count}</translation>
    </message>
</context>
</TS>
