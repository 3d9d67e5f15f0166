<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>BloodPressureTile</name>
    <message>
        <source>Cuff pressure</source>
        <translation>Cuff pressure</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Measuring…</translation>
    </message>
    <message>
        <source>Blood pressure</source>
        <translation>Blood pressure</translation>
    </message>
    <message>
        <source>Pulse {pulse} beats/min</source>
        <translation>Pulse {pulse} beats/min</translation>
    </message>
    <message>
        <source>Blood pressure monitor</source>
        <translation>Blood pressure monitor</translation>
    </message>
    <message>
        <source>mmHg</source>
        <translation>mmHg</translation>
    </message>
    <message>
        <source>Blood pressure, systolic over diastolic, mmHg</source>
        <translation>Blood pressure, systolic over diastolic, mmHg</translation>
    </message>
    <message>
        <source>Pulse, beats per minute</source>
        <translation>Pulse, beats per minute</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Take photo</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>Keep anyway</source>
        <translation>Keep anyway</translation>
    </message>
    <message>
        <source>Why keep this photo?</source>
        <translation>Why keep this photo?</translation>
    </message>
    <message>
        <source>Body site</source>
        <translation>Body site</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Save photo</source>
        <translation>Save photo</translation>
    </message>
    <message>
        <source>Camera is off</source>
        <translation>Camera is off</translation>
    </message>
</context>
<context>
    <name>DeviceTile</name>
    <message>
        <source>Device connection</source>
        <translation>Device connection</translation>
    </message>
    <message>
        <source>No device connected</source>
        <translation>No device connected</translation>
    </message>
    <message>
        <source>Waiting for the next measurement</source>
        <translation>Waiting for the next measurement</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>Pulse oximeter</source>
        <translation>Pulse oximeter</translation>
    </message>
    <message>
        <source>SpO₂</source>
        <translation>SpO₂</translation>
    </message>
    <message>
        <source>Pulse</source>
        <translation>Pulse</translation>
    </message>
    <message>
        <source>beats/min</source>
        <translation>beats/min</translation>
    </message>
    <message>
        <source>Oxygen saturation, percent</source>
        <translation>Oxygen saturation, percent</translation>
    </message>
    <message>
        <source>Pulse, beats per minute</source>
        <translation>Pulse, beats per minute</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Kazakh</source>
        <translation>Kazakh</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russian</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>Switch language</source>
        <translation>Switch language</translation>
    </message>
    <message>
        <source>Caps lock</source>
        <translation>Caps lock</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save</source>
        <extracomment>The camera preview inside the window (16:9, leaving room for the site picker). Typing stops this long before the visit's form is written to the drafts table.</extracomment>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Save the visit</translation>
    </message>
    <message>
        <source>Back to the visit</source>
        <translation>Back to the visit</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Find or register the patient</source>
        <translation>Find or register the patient</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>Check the visit, then save</source>
        <translation>Check the visit, then save</translation>
    </message>
    <message>
        <source>Photos of this visit: {count}</source>
        <translation>Photos of this visit: {count}</translation>
    </message>
    <message>
        <source>Unfinished visit</source>
        <translation>Unfinished visit</translation>
    </message>
    <message>
        <source>Patient history</source>
        <translation>Patient history</translation>
    </message>
    <message>
        <source>Request consultation</source>
        <translation>Request consultation</translation>
    </message>
    <message>
        <source>Visit {number} is saved. It will be sent to the hospital.</source>
        <translation>Visit {number} is saved. It will be sent to the hospital.</translation>
    </message>
    <message>
        <source>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</source>
        <translation>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>Who is working?</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Decimal separator</source>
        <extracomment>Qt locale names of the screen's languages.</extracomment>
        <translation>Decimal separator</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Done, next field</source>
        <translation>Done, next field</translation>
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
        <translation>Switch to Kazakh</translation>
    </message>
    <message>
        <source>Switch to Russian</source>
        <translation>Switch to Russian</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Switch to English</translation>
    </message>
    <message>
        <source>Visits not yet sent</source>
        <translation>Visits not yet sent</translation>
    </message>
    <message>
        <source>Sending to the hospital</source>
        <translation>Sending to the hospital</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <source>Visits not yet sent: {count}</source>
        <translation>Visits not yet sent: {count}</translation>
    </message>
    <message>
        <source>no server set</source>
        <translation>no server set</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Waiting: {pending} · Held back: {quarantined} · Last sync: {last}</source>
        <translation>Waiting: {pending} · Held back: {quarantined} · Last sync: {last}</translation>
    </message>
</context>
<context>
    <name>ThermometerTile</name>
    <message>
        <source>Measuring…</source>
        <translation>Measuring…</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>Thermometer</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Body temperature, degrees Celsius</source>
        <translation>Body temperature, degrees Celsius</translation>
    </message>
</context>
</TS>