<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>HistoryScreen</name>
        <message>
            <source>The history could not be read.</source>
            <extracomment>The visits are painted before pyqtgraph is first imported (about 1.5 s on the dev box).</extracomment>
            <translation>The history could not be read.</translation>
        </message>
        <message>
            <source>Preparing the summary…</source>
            <translation>Preparing the summary…</translation>
        </message>
        <message>
            <source>The summary is ready: {path}</source>
            <translation>The summary is ready: {path}</translation>
        </message>
        <message>
            <source>The summary could not be written; please try again.</source>
            <translation>The summary could not be written; please try again.</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Back to the previous screen</source>
            <translation>Back to the previous screen</translation>
        </message>
        <message>
            <source>Print summary</source>
            <translation>Print summary</translation>
        </message>
        <message>
            <source>Print the summary of the chosen visit</source>
            <translation>Print the summary of the chosen visit</translation>
        </message>
        <message>
            <source>The chosen visit</source>
            <translation>The chosen visit</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>No saved visits yet.</source>
            <translation>No saved visits yet.</translation>
        </message>
        <message>
            <source>{years} years</source>
            <translation>{years} years</translation>
        </message>
        <message>
            <source>Show the visit of {when}</source>
            <translation>Show the visit of {when}</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>New visit</source>
            <translation>New visit</translation>
        </message>
        <message>
            <source>Start a new visit</source>
            <translation>Start a new visit</translation>
        </message>
        <message>
            <source>Today's visits</source>
            <translation>Today's visits</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>Sending to the hospital</source>
            <translation>Sending to the hospital</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>Today, {date}</source>
            <translation>Today, {date}</translation>
        </message>
        <message>
            <source>No visits yet today.</source>
            <translation>No visits yet today.</translation>
        </message>
        <message>
            <source>never</source>
            <translation>never</translation>
        </message>
        <message>
            <source>Last sync: {last} · Waiting: {pending} · Held back: {held}</source>
            <translation>Last sync: {last} · Waiting: {pending} · Held back: {held}</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Waiting to send</translation>
        </message>
        <message>
            <source>Held back</source>
            <translation>Held back</translation>
        </message>
        <message>
            <source>Not finished</source>
            <translation>Not finished</translation>
        </message>
        <message>
            <source>Visit: {text}</source>
            <translation>Visit: {text}</translation>
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation>Nothing needs your attention.</translation>
        </message>
        <message>
            <source>Open the consultation: {text}</source>
            <translation>Open the consultation: {text}</translation>
        </message>
    </context>
    <context>
        <name>PatientFinder</name>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>The search failed; please try again.</source>
            <translation>The search failed; please try again.</translation>
        </message>
        <message>
            <source>No patient found. Register a new one?</source>
            <translation>No patient found. Register a new one?</translation>
        </message>
        <message>
            <source>Patients found: {count}</source>
            <translation>Patients found: {count}</translation>
        </message>
        <message>
            <source>{years} years</source>
            <translation>{years} years</translation>
        </message>
        <message>
            <source>last visit {date}</source>
            <translation>last visit {date}</translation>
        </message>
        <message>
            <source>no visits yet</source>
            <translation>no visits yet</translation>
        </message>
        <message>
            <source>Choose {patient}</source>
            <translation>Choose {patient}</translation>
        </message>
        <message>
            <source>The patient could not be registered. Nothing was stored; please try again.</source>
            <translation>The patient could not be registered. Nothing was stored; please try again.</translation>
        </message>
        <message>
            <source>Name, IIN, phone or birth year</source>
            <translation>Name, IIN, phone or birth year</translation>
        </message>
        <message>
            <source>Search for a patient</source>
            <translation>Search for a patient</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Cancel and go back</source>
            <translation>Cancel and go back</translation>
        </message>
        <message>
            <source>Register a new patient</source>
            <translation>Register a new patient</translation>
        </message>
        <message>
            <source>Family name</source>
            <translation>Family name</translation>
        </message>
        <message>
            <source>Given name</source>
            <translation>Given name</translation>
        </message>
        <message>
            <source>Patronymic</source>
            <translation>Patronymic</translation>
        </message>
        <message>
            <source>Birth date (DD.MM.YYYY)</source>
            <translation>Birth date (DD.MM.YYYY)</translation>
        </message>
        <message>
            <source>…or age, e.g. about 45</source>
            <translation>…or age, e.g. about 45</translation>
        </message>
        <message>
            <source>IIN</source>
            <translation>IIN</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Sex: male</source>
            <translation>Sex: male</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Sex: female</source>
            <translation>Sex: female</translation>
        </message>
        <message>
            <source>Back to search</source>
            <translation>Back to search</translation>
        </message>
        <message>
            <source>Back to the search</source>
            <translation>Back to the search</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Register</translation>
        </message>
        <message>
            <source>Register this patient</source>
            <translation>Register this patient</translation>
        </message>
        <message>
            <source>Register anyway</source>
            <translation>Register anyway</translation>
        </message>
        <message>
            <source>Register as a new patient despite the warnings</source>
            <translation>Register as a new patient despite the warnings</translation>
        </message>
        <message>
            <source>Checks of the form</source>
            <translation>Checks of the form</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
    </context>
    <context>
        <name>PatientLanguageChoice</name>
        <message>
            <source>Patient's language</source>
            <translation>Patient's language</translation>
        </message>
        <message>
            <source>Patient's language: Kazakh</source>
            <translation>Patient's language: Kazakh</translation>
        </message>
        <message>
            <source>Patient's language: Russian</source>
            <translation>Patient's language: Russian</translation>
        </message>
        <message>
            <source>Patient's language: English</source>
            <translation>Patient's language: English</translation>
        </message>
    </context>
    <context>
        <name>ScreenLanguage</name>
        <message>
            <source>en</source>
            <extracomment>Height of a two-line list row.</extracomment>
            <translation>en</translation>
        </message>
    </context>
</TS>
