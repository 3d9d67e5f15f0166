<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>LeaveKioskButton</name>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Киоск режимінен шығу</translation>
    </message>
    <message>
        <source>Leave kiosk mode (technicians)</source>
        <translation>Киоск режимінен шығу (техниктерге)</translation>
    </message>
</context>
<context>
    <name>LeaveKioskConfirmation</name>
    <message>
        <source>Leave kiosk mode?</source>
        <translation>Киоск режимінен шығасыз ба?</translation>
    </message>
    <message>
        <source>Dala Kiosk closes. It starts again when the computer restarts.</source>
        <translation>Dala Kiosk жабылады. Компьютер қайта қосылғанда ол қайта іске қосылады.</translation>
    </message>
    <message>
        <source>Leave and close</source>
        <translation>Шығу және жабу</translation>
    </message>
    <message>
        <source>Leave kiosk mode and close Dala Kiosk</source>
        <translation>Киоск режимінен шығып, Dala Kiosk бағдарламасын жабу</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Қалу</translation>
    </message>
    <message>
        <source>Stay in kiosk mode</source>
        <translation>Киоск режимінде қалу</translation>
    </message>
</context>
</TS>
