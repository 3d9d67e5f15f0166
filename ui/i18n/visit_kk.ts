<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="kk_KZ">
<context>
    <name>Complaints</name>
    <message>
        <source>Other complaints, in the patient's words</source>
        <translation>Басқа шағымдар, пациенттің сөзімен</translation>
    </message>
</context>
<context>
    <name>ConsultPage</name>
    <message>
        <source>Specialist</source>
        <translation>Маман</translation>
    </message>
    <message>
        <source>How urgent</source>
        <translation>Қаншалықты шұғыл</translation>
    </message>
    <message>
        <source>Send with the question</source>
        <translation>Сұрақпен бірге жіберу</translation>
    </message>
    <message>
        <source>Question for the specialist</source>
        <translation>Маманға сұрақ</translation>
    </message>
    <message>
        <source>Photos: {count}</source>
        <translation>Суреттер: {count}</translation>
    </message>
    <message>
        <source>Add to the visit</source>
        <translation>Қабылдауға қосу</translation>
    </message>
    <message>
        <source>Send this request with the visit</source>
        <translation>Бұл сұрауды қабылдаумен бірге жіберу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
    <message>
        <source>Back to the review without a request</source>
        <translation>Сұраусыз тексеруге оралу</translation>
    </message>
</context>
<context>
    <name>ImciSigns</name>
    <message>
        <source>Danger signs: touch each sign the child has</source>
        <translation>Қауіп белгілері: баладағы әр белгіні басыңыз</translation>
    </message>
    <message>
        <source>Not able to drink or breastfeed</source>
        <translation>Іше алмайды немесе емшек ембейді</translation>
    </message>
    <message>
        <source>Vomits everything</source>
        <translation>Бәрін құсып тастайды</translation>
    </message>
    <message>
        <source>Convulsions during this illness</source>
        <translation>Осы ауру кезінде құрысу болды</translation>
    </message>
    <message>
        <source>Lethargic or unconscious</source>
        <translation>Селқос немесе есінен танған</translation>
    </message>
    <message>
        <source>Convulsing now</source>
        <translation>Қазір құрысып жатыр</translation>
    </message>
    <message>
        <source>Chest indrawing (calm child)</source>
        <translation>Кеуде қуысының ішке тартылуы (бала тыныш)</translation>
    </message>
    <message>
        <source>Stridor (calm child)</source>
        <translation>Стридор (бала тыныш)</translation>
    </message>
    <message>
        <source>Infant: not feeding well</source>
        <translation>Нәресте: нашар емеді</translation>
    </message>
    <message>
        <source>Infant: convulsions</source>
        <translation>Нәресте: құрысу</translation>
    </message>
    <message>
        <source>Infant: severe chest indrawing</source>
        <translation>Нәресте: кеуденің қатты ішке тартылуы</translation>
    </message>
    <message>
        <source>Infant: moves only when stimulated, or not at all</source>
        <translation>Нәресте: тек тітіркендіргенде қозғалады немесе мүлде қозғалмайды</translation>
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
        <translation>Тыныс, /мин</translation>
    </message>
    <message>
        <source>BP systolic, mmHg</source>
        <translation>Систолалық ҚҚ, мм с.б.</translation>
    </message>
    <message>
        <source>BP diastolic, mmHg</source>
        <translation>Диастолалық ҚҚ, мм с.б.</translation>
    </message>
    <message>
        <source>Temperature, °C</source>
        <translation>Дене қызуы, °C</translation>
    </message>
    <message>
        <source>Weight, kg</source>
        <translation>Салмақ, кг</translation>
    </message>
    <message>
        <source>Height, cm</source>
        <translation>Бой, см</translation>
    </message>
    <message>
        <source>Glucose, mmol/L</source>
        <translation>Глюкоза, ммоль/л</translation>
    </message>
    <message>
        <source>BP mean, mmHg</source>
        <translation>Орташа ҚҚ, мм с.б.</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Сергек (A)</translation>
    </message>
    <message>
        <source>New confusion</source>
        <translation>Жаңа сананың шатасуы (C)</translation>
    </message>
    <message>
        <source>Confusion, not new</source>
        <translation>Бұрыннан бар шатасу</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Дауысқа жауап (V)</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Ауырсынуға жауап (P)</translation>
    </message>
    <message>
        <source>Unresponsive</source>
        <translation>Жауап жоқ (U)</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Растау</translation>
    </message>
    <message>
        <source>Keep this unusual value: {field}</source>
        <translation>Осы әдеттен тыс мәнді сақтау: {field}</translation>
    </message>
    <message>
        <source>Consciousness (ACVPU)</source>
        <translation>Сана деңгейі (ACVPU)</translation>
    </message>
    <message>
        <source>Consciousness: {level}</source>
        <translation>Сана деңгейі: {level}</translation>
    </message>
    <message>
        <source>Breathing</source>
        <translation>Тыныс алу</translation>
    </message>
    <message>
        <source>Room air</source>
        <translation>Бөлме ауасы</translation>
    </message>
    <message>
        <source>Supplemental oxygen</source>
        <translation>Қосымша оттегі</translation>
    </message>
    <message>
        <source>Not a number</source>
        <translation>Сан емес</translation>
    </message>
    <message>
        <source>Not possible: check it and type again</source>
        <translation>Мүмкін емес: тексеріп, қайта теріңіз</translation>
    </message>
    <message>
        <source>Unusual, confirmed</source>
        <translation>Әдеттен тыс, расталды</translation>
    </message>
    <message>
        <source>Unusual: confirm or measure again</source>
        <translation>Әдеттен тыс: растаңыз немесе қайта өлшеңіз</translation>
    </message>
</context>
<context>
    <name>News2Panel</name>
    <message>
        <source>Early warning score</source>
        <translation>Ерте ескерту шкаласы</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Балл</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Балл жоқ</translation>
    </message>
    <message>
        <source>IMCI (child under 5)</source>
        <translation>IMCI (5 жасқа дейінгі бала)</translation>
    </message>
    <message>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <source>Score total</source>
        <translation>Жалпы балл</translation>
    </message>
    <message>
        <source>Risk band</source>
        <translation>Қауіп деңгейі</translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation>Қауіп төмен</translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation>Орташа қауіп</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>Жоғары қауіп</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Толық емес</translation>
    </message>
    <message>
        <source>Urgent referral</source>
        <translation>Шұғыл жолдама</translation>
    </message>
    <message>
        <source>Fast breathing</source>
        <translation>Жиі тыныс алу</translation>
    </message>
    <message>
        <source>No danger signs</source>
        <translation>Қауіп белгілері жоқ</translation>
    </message>
    <message>
        <source>Low–medium risk</source>
        <translation>Қауіп төмен–орташа</translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message>
        <source>Continue the visit</source>
        <translation>Қабылдауды жалғастыру</translation>
    </message>
    <message>
        <source>Continue the unfinished visit</source>
        <translation>Аяқталмаған қабылдауды жалғастыру</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>Жою</translation>
    </message>
    <message>
        <source>Discard the unfinished visit</source>
        <translation>Аяқталмаған қабылдауды жою</translation>
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
        <translation>Өлшемдер</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Бағалау</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Шағымдар</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фотосуреттер</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Өзгерту</translation>
    </message>
    <message>
        <source>Change: {part}</source>
        <translation>Өзгерту: {part}</translation>
    </message>
    <message>
        <source>{count} photo(s)</source>
        <translation>{count} фотосурет</translation>
    </message>
    <message>
        <source>Request consultation</source>
        <translation>Кеңес сұрау</translation>
    </message>
    <message>
        <source>Ask a specialist about this visit</source>
        <translation>Осы қабылдау бойынша маманнан сұрау</translation>
    </message>
    <message>
        <source>{name}, born {birth}</source>
        <translation>{name}, туған күні {birth}</translation>
    </message>
    <message>
        <source> (unusual, confirmed)</source>
        <translation> (әдеттен тыс, расталды)</translation>
    </message>
    <message>
        <source> (unusual!)</source>
        <translation> (әдеттен тыс!)</translation>
    </message>
    <message>
        <source> (not possible!)</source>
        <translation> (мүмкін емес!)</translation>
    </message>
    <message>
        <source>{field}: {value} typed{mark}</source>
        <translation>{field}: {value}, қолмен{mark}</translation>
    </message>
    <message>
        <source>{field}: {value} from the device</source>
        <translation>{field}: {value}, құрылғыдан</translation>
    </message>
    <message>
        <source>Nothing measured yet</source>
        <translation>Әлі ештеңе өлшенген жоқ</translation>
    </message>
    <message>
        <source>room air</source>
        <translation>бөлме ауасы</translation>
    </message>
    <message>
        <source>supplemental oxygen</source>
        <translation>қосымша оттегі</translation>
    </message>
    <message>
        <source>Consciousness: {level}; breathing: {oxygen}</source>
        <translation>Сана деңгейі: {level}; тыныс: {oxygen}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Жоқ</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>New visit</source>
        <translation>Жаңа қабылдау</translation>
    </message>
    <message>
        <source>Start a new visit</source>
        <translation>Жаңа қабылдауды бастау</translation>
    </message>
</context>
<context>
    <name>ValueTile</name>
    <message>
        <source>Scale</source>
        <extracomment>Tiles shown only once their device reports.</extracomment>
        <translation>Таразы</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Салмақ</translation>
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
        <translation>◂ Артқа</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Артқа оралу</translation>
    </message>
    <message>
        <source>Touch again to discard</source>
        <translation>Жою үшін қайта басыңыз</translation>
    </message>
    <message>
        <source>Cancel visit</source>
        <translation>Қабылдаудан бас тарту</translation>
    </message>
    <message>
        <source>Discard this visit</source>
        <translation>Осы қабылдауды жою</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>Сурет қосу</translation>
    </message>
    <message>
        <source>Take a photo for this visit</source>
        <translation>Осы қабылдауға сурет түсіру</translation>
    </message>
    <message>
        <source>Review ▸</source>
        <translation>Тексеру ▸</translation>
    </message>
    <message>
        <source>Check everything before saving</source>
        <translation>Сақтау алдында бәрін тексеру</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Хабарламалар</translation>
    </message>
    <message>
        <source>Photos: {count}</source>
        <translation>Суреттер: {count}</translation>
    </message>
</context>
<context>
    <name>VisitPatient</name>
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
        <source>Patient: {name}, born {birth}</source>
        <translation>Пациент: {name}, туған күні {birth}</translation>
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
        <translation>Құрылғылар</translation>
    </message>
    <message>
        <source>Vitals by hand</source>
        <translation>Көрсеткіштерді қолмен енгізу</translation>
    </message>
    <message>
        <source>Consciousness, oxygen</source>
        <translation>Сана, оттегі</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Шағымдар</translation>
    </message>
    <message>
        <source>Danger signs</source>
        <translation>Қауіп белгілері</translation>
    </message>
    <message>
        <source>Show: {section}</source>
        <translation>Көрсету: {section}</translation>
    </message>
</context>
</TS>