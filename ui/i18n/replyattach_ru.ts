<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConsultReplyAttachList</name>
    <message>
        <source>To send new readings or a photo, record them in a new visit for this patient first.</source>
        <translation>Чтобы отправить новые измерения или фото, сначала запишите их в новом приёме этого пациента.</translation>
    </message>
    <message>
        <source>Attach: {what} ({time})</source>
        <translation>Прикрепить: {what} ({time})</translation>
    </message>
    <message>
        <source>Attach: photo ({time})</source>
        <translation>Прикрепить: фото ({time})</translation>
    </message>
</context>
<context>
    <name>ReviewReplyAttachments</name>
    <message>
        <source>Sent with the nurse&apos;s reply ({0}):</source>
        <translation>Отправлено с ответом медсестры ({0}):</translation>
    </message>
    <message>
        <source>(the photo cannot be shown)</source>
        <translation>(фото не удаётся показать)</translation>
    </message>
    <message>
        <source>Photo from the nurse&apos;s reply ({0})</source>
        <translation>Фото из ответа медсестры ({0})</translation>
    </message>
</context>
</TS>
