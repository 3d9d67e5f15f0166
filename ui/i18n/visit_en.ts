<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>Complaints</name>
    <message>
        <source>Other complaints, in the patient's words</source>
        <translation>Other complaints, in the patient's words</translation>
    </message>
</context>
<context>
    <name>ConsultPage</name>
    <message>
        <source>Specialist</source>
        <translation>Specialist</translation>
    </message>
    <message>
        <source>How urgent</source>
        <translation>How urgent</translation>
    </message>
    <message>
        <source>Send with the question</source>
        <translation>Send with the question</translation>
    </message>
    <message>
        <source>Question for the specialist</source>
        <translation>Question for the specialist</translation>
    </message>
    <message>
        <source>Photos: {count}</source>
        <translation>Photos: {count}</translation>
    </message>
    <message>
        <source>Add to the visit</source>
        <translation>Add to the visit</translation>
    </message>
    <message>
        <source>Send this request with the visit</source>
        <translation>Send this request with the visit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Back to the review without a request</source>
        <translation>Back to the review without a request</translation>
    </message>
</context>
<context>
    <name>ImciSigns</name>
    <message>
        <source>Danger signs: touch each sign the child has</source>
        <translation>Danger signs: touch each sign the child has</translation>
    </message>
    <message>
        <source>Not able to drink or breastfeed</source>
        <translation>Not able to drink or breastfeed</translation>
    </message>
    <message>
        <source>Vomits everything</source>
        <translation>Vomits everything</translation>
    </message>
    <message>
        <source>Convulsions during this illness</source>
        <translation>Convulsions during this illness</translation>
    </message>
    <message>
        <source>Lethargic or unconscious</source>
        <translation>Lethargic or unconscious</translation>
    </message>
    <message>
        <source>Convulsing now</source>
        <translation>Convulsing now</translation>
    </message>
    <message>
        <source>Chest indrawing (calm child)</source>
        <translation>Chest indrawing (calm child)</translation>
    </message>
    <message>
        <source>Stridor (calm child)</source>
        <translation>Stridor (calm child)</translation>
    </message>
    <message>
        <source>Infant: not feeding well</source>
        <translation>Infant: not feeding well</translation>
    </message>
    <message>
        <source>Infant: convulsions</source>
        <translation>Infant: convulsions</translation>
    </message>
    <message>
        <source>Infant: severe chest indrawing</source>
        <translation>Infant: severe chest indrawing</translation>
    </message>
    <message>
        <source>Infant: moves only when stimulated, or not at all</source>
        <translation>Infant: moves only when stimulated, or not at all</translation>
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
        <translation>Pulse, /min</translation>
    </message>
    <message>
        <source>Breaths, /min</source>
        <translation>Breaths, /min</translation>
    </message>
    <message>
        <source>BP systolic, mmHg</source>
        <translation>BP systolic, mmHg</translation>
    </message>
    <message>
        <source>BP diastolic, mmHg</source>
        <translation>BP diastolic, mmHg</translation>
    </message>
    <message>
        <source>Temperature, °C</source>
        <translation>Temperature, °C</translation>
    </message>
    <message>
        <source>Weight, kg</source>
        <translation>Weight, kg</translation>
    </message>
    <message>
        <source>Height, cm</source>
        <translation>Height, cm</translation>
    </message>
    <message>
        <source>Glucose, mmol/L</source>
        <translation>Glucose, mmol/L</translation>
    </message>
    <message>
        <source>BP mean, mmHg</source>
        <translation>BP mean, mmHg</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>New confusion</source>
        <translation>New confusion</translation>
    </message>
    <message>
        <source>Confusion, not new</source>
        <translation>Confusion, not new</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voice</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Pain</translation>
    </message>
    <message>
        <source>Unresponsive</source>
        <translation>Unresponsive</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Keep this unusual value: {field}</source>
        <translation>Keep this unusual value: {field}</translation>
    </message>
    <message>
        <source>Consciousness (ACVPU)</source>
        <translation>Consciousness (ACVPU)</translation>
    </message>
    <message>
        <source>Consciousness: {level}</source>
        <translation>Consciousness: {level}</translation>
    </message>
    <message>
        <source>Breathing</source>
        <translation>Breathing</translation>
    </message>
    <message>
        <source>Room air</source>
        <translation>Room air</translation>
    </message>
    <message>
        <source>Supplemental oxygen</source>
        <translation>Supplemental oxygen</translation>
    </message>
    <message>
        <source>Not a number</source>
        <translation>Not a number</translation>
    </message>
    <message>
        <source>Not possible: check it and type again</source>
        <translation>Not possible: check it and type again</translation>
    </message>
    <message>
        <source>Unusual, confirmed</source>
        <translation>Unusual, confirmed</translation>
    </message>
    <message>
        <source>Unusual: confirm or measure again</source>
        <translation>Unusual: confirm or measure again</translation>
    </message>
</context>
<context>
    <name>News2Panel</name>
    <message>
        <source>Early warning score</source>
        <translation>Early warning score</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>No score</translation>
    </message>
    <message>
        <source>IMCI (child under 5)</source>
        <translation>IMCI (child under 5)</translation>
    </message>
    <message>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <source>Score total</source>
        <translation>Score total</translation>
    </message>
    <message>
        <source>Risk band</source>
        <translation>Risk band</translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation>Low risk</translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation>Medium risk</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>High risk</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>Urgent referral</source>
        <translation>Urgent referral</translation>
    </message>
    <message>
        <source>Fast breathing</source>
        <translation>Fast breathing</translation>
    </message>
    <message>
        <source>No danger signs</source>
        <translation>No danger signs</translation>
    </message>
    <message>
        <source>Low–medium risk</source>
        <translation>Low–medium risk</translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message>
        <source>Continue the visit</source>
        <translation>Continue the visit</translation>
    </message>
    <message>
        <source>Continue the unfinished visit</source>
        <translation>Continue the unfinished visit</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>Discard it</translation>
    </message>
    <message>
        <source>Discard the unfinished visit</source>
        <translation>Discard the unfinished visit</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Measurements</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Change: {part}</source>
        <translation>Change: {part}</translation>
    </message>
    <message>
        <source>{count} photo(s)</source>
        <translation>{count} photo(s)</translation>
    </message>
    <message>
        <source>Request consultation</source>
        <translation>Request consultation</translation>
    </message>
    <message>
        <source>Ask a specialist about this visit</source>
        <translation>Ask a specialist about this visit</translation>
    </message>
    <message>
        <source>{name}, born {birth}</source>
        <translation>{name}, born {birth}</translation>
    </message>
    <message>
        <source> (unusual, confirmed)</source>
        <translation> (unusual, confirmed)</translation>
    </message>
    <message>
        <source> (unusual!)</source>
        <translation> (unusual!)</translation>
    </message>
    <message>
        <source> (not possible!)</source>
        <translation> (not possible!)</translation>
    </message>
    <message>
        <source>{field}: {value} typed{mark}</source>
        <translation>{field}: {value} typed{mark}</translation>
    </message>
    <message>
        <source>{field}: {value} from the device</source>
        <translation>{field}: {value} from the device</translation>
    </message>
    <message>
        <source>Nothing measured yet</source>
        <translation>Nothing measured yet</translation>
    </message>
    <message>
        <source>room air</source>
        <translation>room air</translation>
    </message>
    <message>
        <source>supplemental oxygen</source>
        <translation>supplemental oxygen</translation>
    </message>
    <message>
        <source>Consciousness: {level}; breathing: {oxygen}</source>
        <translation>Consciousness: {level}; breathing: {oxygen}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>New visit</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>Start a new visit</source>
        <translation>Start a new visit</translation>
    </message>
</context>
<context>
    <name>ValueTile</name>
    <message>
        <source>Scale</source>
        <extracomment>Tiles shown only once their device reports.</extracomment>
        <translation>Scale</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <source>Glucose meter</source>
        <translation>Glucose meter</translation>
    </message>
    <message>
        <source>Glucose</source>
        <translation>Glucose</translation>
    </message>
    <message>
        <source>mmol/L</source>
        <translation>mmol/L</translation>
    </message>
</context>
<context>
    <name>VisitFooter</name>
    <message>
        <source>◂ Back</source>
        <extracomment>Pages with a bar of their own (the camera's buttons, the resume question).</extracomment>
        <translation>◂ Back</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Go back</translation>
    </message>
    <message>
        <source>Touch again to discard</source>
        <translation>Touch again to discard</translation>
    </message>
    <message>
        <source>Cancel visit</source>
        <translation>Cancel visit</translation>
    </message>
    <message>
        <source>Discard this visit</source>
        <translation>Discard this visit</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>Add photo</translation>
    </message>
    <message>
        <source>Take a photo for this visit</source>
        <translation>Take a photo for this visit</translation>
    </message>
    <message>
        <source>Review ▸</source>
        <translation>Review ▸</translation>
    </message>
    <message>
        <source>Check everything before saving</source>
        <translation>Check everything before saving</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Photos: {count}</source>
        <translation>Photos: {count}</translation>
    </message>
</context>
<context>
    <name>VisitPatient</name>
    <message>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Patient: {name}, born {birth}</source>
        <translation>Patient: {name}, born {birth}</translation>
    </message>
</context>
<context>
    <name>VisitScreen</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Vitals by hand</source>
        <translation>Vitals by hand</translation>
    </message>
    <message>
        <source>Consciousness, oxygen</source>
        <translation>Consciousness, oxygen</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>Danger signs</source>
        <translation>Danger signs</translation>
    </message>
    <message>
        <source>Show: {section}</source>
        <translation>Show: {section}</translation>
    </message>
</context>
</TS>