<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>LeaveKioskButton</name>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <source>Leave kiosk mode (technicians)</source>
        <translation>Leave kiosk mode (technicians)</translation>
    </message>
</context>
<context>
    <name>LeaveKioskConfirmation</name>
    <message>
        <source>Leave kiosk mode?</source>
        <translation>Leave kiosk mode?</translation>
    </message>
    <message>
        <source>Dala Kiosk closes. It starts again when the computer restarts.</source>
        <translation>Dala Kiosk closes. It starts again when the computer restarts.</translation>
    </message>
    <message>
        <source>Leave and close</source>
        <translation>Leave and close</translation>
    </message>
    <message>
        <source>Leave kiosk mode and close Dala Kiosk</source>
        <translation>Leave kiosk mode and close Dala Kiosk</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>Stay in kiosk mode</source>
        <translation>Stay in kiosk mode</translation>
    </message>
</context>
</TS>
