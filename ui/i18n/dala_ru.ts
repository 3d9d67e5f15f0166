<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>BloodPressureTile</name>
    <message>
        <source>Cuff pressure</source>
        <translation>Давление в манжете</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Идёт измерение…</translation>
    </message>
    <message>
        <source>Blood pressure</source>
        <translation>Артериальное давление</translation>
    </message>
    <message>
        <source>Pulse {pulse} beats/min</source>
        <translation>Пульс {pulse} уд/мин</translation>
    </message>
    <message>
        <source>Blood pressure monitor</source>
        <translation>Тонометр</translation>
    </message>
    <message>
        <source>mmHg</source>
        <translation>мм рт. ст.</translation>
    </message>
    <message>
        <source>Blood pressure, systolic over diastolic, mmHg</source>
        <translation>Артериальное давление, систолическое и диастолическое, мм рт. ст.</translation>
    </message>
    <message>
        <source>Pulse, beats per minute</source>
        <translation>Пульс, ударов в минуту</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Take photo</source>
        <translation>Сфотографировать</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>Переснять</translation>
    </message>
    <message>
        <source>Keep anyway</source>
        <translation>Всё равно сохранить</translation>
    </message>
    <message>
        <source>Why keep this photo?</source>
        <translation>Почему сохранить этот снимок?</translation>
    </message>
    <message>
        <source>Body site</source>
        <translation>Область тела</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Примечание (необязательно)</translation>
    </message>
    <message>
        <source>Save photo</source>
        <translation>Сохранить снимок</translation>
    </message>
    <message>
        <source>Camera is off</source>
        <translation>Камера выключена</translation>
    </message>
</context>
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
        <source>Waiting for the next measurement</source>
        <translation>Ожидание следующего измерения</translation>
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
    <name>Keyboard</name>
    <message>
        <source>Kazakh</source>
        <translation>Казахский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Пробел</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Ввод</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Стереть</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Цифры</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>АБВ</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Буквы</translation>
    </message>
    <message>
        <source>Switch language</source>
        <translation>Сменить язык</translation>
    </message>
    <message>
        <source>Caps lock</source>
        <translation>Фиксация заглавных</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Заглавная буква</translation>
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
        <source>Add photo</source>
        <translation>Добавить фото</translation>
    </message>
    <message>
        <source>Take a photo for this visit</source>
        <translation>Сделать фото для этого приёма</translation>
    </message>
    <message>
        <source>Back to the visit</source>
        <translation>Назад к приёму</translation>
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
        <source>Sending to the hospital</source>
        <translation>Отправка в больницу</translation>
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
        <source>Photos: {count}</source>
        <translation>Фото: {count}</translation>
    </message>
    <message>
        <source>Photos of this visit: {count}</source>
        <translation>Фото этого приёма: {count}</translation>
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
    <message>
        <source>no server set</source>
        <translation>нет сервера</translation>
    </message>
    <message>
        <source>never</source>
        <translation>не было</translation>
    </message>
    <message>
        <source>Waiting: {pending} · Held back: {quarantined} · Last sync: {last}</source>
        <translation>Очередь: {pending} · Задержано: {quarantined} · Обмен: {last}</translation>
    </message>
</context>
<context>
    <name>ThermometerTile</name>
    <message>
        <source>Measuring…</source>
        <translation>Идёт измерение…</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>Термометр</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Температура тела</translation>
    </message>
    <message>
        <source>Body temperature, degrees Celsius</source>
        <translation>Температура тела, градусы Цельсия</translation>
    </message>
</context>
</TS>
