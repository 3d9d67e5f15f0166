<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DeviceTile</name>
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
    <message>
        <source>Device connection</source>
        <translation>Device connection</translation>
    </message>
    <message>
        <source>No device connected</source>
        <translation>No device connected</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dala Kiosk</source>
        <translation>Dala Kiosk</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>New visit</translation>
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
        <source>Birth date</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Save the visit</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Visits not yet sent</source>
        <translation>Visits not yet sent</translation>
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
        <source>Visit {number} is saved. It will be sent to the hospital.</source>
        <translation>Visit {number} is saved. It will be sent to the hospital.</translation>
    </message>
    <message>
        <source>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</source>
        <translation>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</translation>
    </message>
    <message>
        <source>Visits not yet sent: {count}</source>
        <translation>Visits not yet sent: {count}</translation>
    </message>
</context>
</TS>
