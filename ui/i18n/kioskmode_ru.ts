<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>LeaveKioskButton</name>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Выйти из режима киоска</translation>
    </message>
    <message>
        <source>Leave kiosk mode (technicians)</source>
        <translation>Выйти из режима киоска (для техников)</translation>
    </message>
</context>
<context>
    <name>LeaveKioskConfirmation</name>
    <message>
        <source>Leave kiosk mode?</source>
        <translation>Выйти из режима киоска?</translation>
    </message>
    <message>
        <source>Dala Kiosk closes. It starts again when the computer restarts.</source>
        <translation>Dala Kiosk закроется. Он снова запустится после перезагрузки компьютера.</translation>
    </message>
    <message>
        <source>Leave and close</source>
        <translation>Выйти и закрыть</translation>
    </message>
    <message>
        <source>Leave kiosk mode and close Dala Kiosk</source>
        <translation>Выйти из режима киоска и закрыть Dala Kiosk</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Остаться</translation>
    </message>
    <message>
        <source>Stay in kiosk mode</source>
        <translation>Остаться в режиме киоска</translation>
    </message>
</context>
</TS>
