<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
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
        <translation>уд./мин</translation>
    </message>
    <message>
        <source>Oxygen saturation, percent</source>
        <translation>Насыщение крови кислородом, процент</translation>
    </message>
    <message>
        <source>Pulse, beats per minute</source>
        <translation>Пульс, ударов в минуту</translation>
    </message>
    <message>
        <source>Device connection</source>
        <translation>Подключение устройства</translation>
    </message>
    <message>
        <source>No device connected</source>
        <translation>Устройство не подключено</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Отключено</translation>
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
        <translation>Новый приём</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Сохранить приём</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>Visits not yet sent</source>
        <translation>Ещё не отправленные приёмы</translation>
    </message>
    <message>
        <source>Switch to Kazakh</source>
        <translation>Переключить на казахский</translation>
    </message>
    <message>
        <source>Switch to Russian</source>
        <translation>Переключить на русский</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Переключить на английский</translation>
    </message>
    <message>
        <source>Visit {number} is saved. It will be sent to the hospital.</source>
        <translation>Приём {number} сохранён. Он будет отправлен в больницу.</translation>
    </message>
    <message>
        <source>The visit could not be saved because of an unexpected error. Nothing was stored; please try again.</source>
        <translation>Из-за непредвиденной ошибки приём не сохранён. Ничего не записано; попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>Visits not yet sent: {count}</source>
        <translation>Ещё не отправлено приёмов: {count}</translation>
    </message>
</context>
</TS>
