<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
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
        <source>Save</source>
        <extracomment>The camera preview inside the window (16:9, leaving room for the site picker). Typing stops this long before the visit's form is written to the drafts table.</extracomment>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Сохранить приём</translation>
    </message>
    <message>
        <source>Back to the visit</source>
        <translation>Назад к приёму</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Главная</translation>
    </message>
    <message>
        <source>Find or register the patient</source>
        <translation>Найти или зарегистрировать пациента</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Новый приём</translation>
    </message>
    <message>
        <source>Check the visit, then save</source>
        <translation>Проверьте приём и сохраните</translation>
    </message>
    <message>
        <source>Photos of this visit: {count}</source>
        <translation>Фото этого приёма: {count}</translation>
    </message>
    <message>
        <source>Unfinished visit</source>
        <translation>Незавершённый приём</translation>
    </message>
    <message>
        <source>Patient history</source>
        <translation>История пациента</translation>
    </message>
    <message>
        <source>Request consultation</source>
        <translation>Запросить консультацию</translation>
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
        <source>Consultations</source>
        <translation>Консультации</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>Кто работает?</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Decimal separator</source>
        <extracomment>Qt locale names of the screen's languages.</extracomment>
        <translation>Десятичный разделитель</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Стереть</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Done, next field</source>
        <translation>Готово, следующее поле</translation>
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
        <source>Visits not yet sent</source>
        <translation>Ещё не отправленные приёмы</translation>
    </message>
    <message>
        <source>Sending to the hospital</source>
        <translation>Отправка в больницу</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Вход выполнен: {name}</translation>
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