<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
    <context>
        <name>HistoryScreen</name>
        <message>
            <source>The history could not be read.</source>
            <extracomment>The visits are painted before pyqtgraph is first imported (about 1.5 s on the dev box).</extracomment>
            <translation>Тарихты оқу мүмкін болмады.</translation>
        </message>
        <message>
            <source>Preparing the summary…</source>
            <translation>Қорытынды дайындалуда…</translation>
        </message>
        <message>
            <source>The summary is ready: {path}</source>
            <translation>Қорытынды дайын: {path}</translation>
        </message>
        <message>
            <source>The summary could not be written; please try again.</source>
            <translation>Қорытындыны жазу мүмкін болмады; қайталаңыз.</translation>
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
            <source>Print summary</source>
            <translation>Қорытындыны басу</translation>
        </message>
        <message>
            <source>Print the summary of the chosen visit</source>
            <translation>Таңдалған қабылдаудың қорытындысын басу</translation>
        </message>
        <message>
            <source>The chosen visit</source>
            <translation>Таңдалған қабылдау</translation>
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
            <source>No saved visits yet.</source>
            <translation>Сақталған қабылдаулар әлі жоқ.</translation>
        </message>
        <message>
            <source>{years} years</source>
            <translation>{years} жас</translation>
        </message>
        <message>
            <source>Show the visit of {when}</source>
            <translation>{when} қабылдауын көрсету</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>New visit</source>
            <translation>Жаңа қабылдау</translation>
        </message>
        <message>
            <source>Start a new visit</source>
            <translation>Жаңа қабылдауды бастау</translation>
        </message>
        <message>
            <source>Today's visits</source>
            <translation>Бүгінгі қабылдаулар</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Ескертулер</translation>
        </message>
        <message>
            <source>Sending to the hospital</source>
            <translation>Ауруханаға жіберу</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Бүгін</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Жүктелуде…</translation>
        </message>
        <message>
            <source>Today, {date}</source>
            <translation>Бүгін, {date}</translation>
        </message>
        <message>
            <source>No visits yet today.</source>
            <translation>Бүгін әлі қабылдау болған жоқ.</translation>
        </message>
        <message>
            <source>never</source>
            <translation>ешқашан</translation>
        </message>
        <message>
            <source>Last sync: {last} · Waiting: {pending} · Held back: {held}</source>
            <translation>Соңғы синхрондау: {last} · Күтуде: {pending} · Тоқтатылған: {held}</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Жіберілді</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Жіберуді күтуде</translation>
        </message>
        <message>
            <source>Held back</source>
            <translation>Тоқтатылды</translation>
        </message>
        <message>
            <source>Not finished</source>
            <translation>Аяқталмаған</translation>
        </message>
        <message>
            <source>Visit: {text}</source>
            <translation>Қабылдау: {text}</translation>
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation>Назар аударатын ештеңе жоқ.</translation>
        </message>
        <message>
            <source>Open the consultation: {text}</source>
            <translation>Кеңесті ашу: {text}</translation>
        </message>
    </context>
    <context>
        <name>PatientFinder</name>
        <message>
            <source>Searching…</source>
            <translation>Ізделуде…</translation>
        </message>
        <message>
            <source>The search failed; please try again.</source>
            <translation>Іздеу сәтсіз; қайталаңыз.</translation>
        </message>
        <message>
            <source>No patient found. Register a new one?</source>
            <translation>Пациент табылмады. Жаңасын тіркейсіз бе?</translation>
        </message>
        <message>
            <source>Patients found: {count}</source>
            <translation>Табылған пациенттер: {count}</translation>
        </message>
        <message>
            <source>{years} years</source>
            <translation>{years} жас</translation>
        </message>
        <message>
            <source>last visit {date}</source>
            <translation>соңғы қабылдау {date}</translation>
        </message>
        <message>
            <source>no visits yet</source>
            <translation>қабылдау әлі болмаған</translation>
        </message>
        <message>
            <source>Choose {patient}</source>
            <translation>Таңдау: {patient}</translation>
        </message>
        <message>
            <source>The patient could not be registered. Nothing was stored; please try again.</source>
            <translation>Пациентті тіркеу мүмкін болмады. Ештеңе сақталмады; қайталаңыз.</translation>
        </message>
        <message>
            <source>Name, IIN, phone or birth year</source>
            <translation>Аты, ЖСН, телефон немесе туған жылы</translation>
        </message>
        <message>
            <source>Search for a patient</source>
            <translation>Пациентті іздеу</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Бас тарту</translation>
        </message>
        <message>
            <source>Cancel and go back</source>
            <translation>Бас тартып, артқа оралу</translation>
        </message>
        <message>
            <source>Register a new patient</source>
            <translation>Жаңа пациентті тіркеу</translation>
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
            <source>Patronymic</source>
            <translation>Әкесінің аты</translation>
        </message>
        <message>
            <source>Birth date (DD.MM.YYYY)</source>
            <translation>Туған күні (КК.АА.ЖЖЖЖ)</translation>
        </message>
        <message>
            <source>…or age, e.g. about 45</source>
            <translation>…немесе жасы, мысалы шамамен 45</translation>
        </message>
        <message>
            <source>IIN</source>
            <translation>ЖСН</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Ауыл</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Ер</translation>
        </message>
        <message>
            <source>Sex: male</source>
            <translation>Жынысы: ер</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Әйел</translation>
        </message>
        <message>
            <source>Sex: female</source>
            <translation>Жынысы: әйел</translation>
        </message>
        <message>
            <source>Back to search</source>
            <translation>Іздеуге оралу</translation>
        </message>
        <message>
            <source>Back to the search</source>
            <translation>Іздеуге қайта оралу</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Тіркеу</translation>
        </message>
        <message>
            <source>Register this patient</source>
            <translation>Осы пациентті тіркеу</translation>
        </message>
        <message>
            <source>Register anyway</source>
            <translation>Бәрібір тіркеу</translation>
        </message>
        <message>
            <source>Register as a new patient despite the warnings</source>
            <translation>Ескертулерге қарамастан жаңа пациент ретінде тіркеу</translation>
        </message>
        <message>
            <source>Checks of the form</source>
            <translation>Пішінді тексеру</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Хабарламалар</translation>
        </message>
    </context>
    <context>
        <name>PatientLanguageChoice</name>
        <message>
            <source>Patient's language</source>
            <translation>Пациенттің тілі</translation>
        </message>
        <message>
            <source>Patient's language: Kazakh</source>
            <translation>Пациенттің тілі: қазақ тілі</translation>
        </message>
        <message>
            <source>Patient's language: Russian</source>
            <translation>Пациенттің тілі: орыс тілі</translation>
        </message>
        <message>
            <source>Patient's language: English</source>
            <translation>Пациенттің тілі: ағылшын тілі</translation>
        </message>
    </context>
    <context>
        <name>ScreenLanguage</name>
        <message>
            <source>en</source>
            <extracomment>Height of a two-line list row.</extracomment>
            <translation>kk</translation>
        </message>
    </context>
</TS>
