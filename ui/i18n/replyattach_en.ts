<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConsultReplyAttachList</name>
    <message>
        <source>To send new readings or a photo, record them in a new visit for this patient first.</source>
        <translation>To send new readings or a photo, record them in a new visit for this patient first.</translation>
    </message>
    <message>
        <source>Attach: {what} ({time})</source>
        <translation>Attach: {what} ({time})</translation>
    </message>
    <message>
        <source>Attach: photo ({time})</source>
        <translation>Attach: photo ({time})</translation>
    </message>
</context>
<context>
    <name>ReviewReplyAttachments</name>
    <message>
        <source>Sent with the nurse&apos;s reply ({0}):</source>
        <translation>Sent with the nurse&apos;s reply ({0}):</translation>
    </message>
    <message>
        <source>(the photo cannot be shown)</source>
        <translation>(the photo cannot be shown)</translation>
    </message>
    <message>
        <source>Photo from the nurse&apos;s reply ({0})</source>
        <translation>Photo from the nurse&apos;s reply ({0})</translation>
    </message>
</context>
</TS>
