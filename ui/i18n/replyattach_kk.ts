<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>ConsultReplyAttachList</name>
    <message>
        <source>To send new readings or a photo, record them in a new visit for this patient first.</source>
        <translation>Жаңа өлшемдерді немесе фотосуретті жіберу үшін алдымен оларды осы пациенттің жаңа қабылдауында жазыңыз.</translation>
    </message>
    <message>
        <source>Attach: {what} ({time})</source>
        <translation>Тіркеу: {what} ({time})</translation>
    </message>
    <message>
        <source>Attach: photo ({time})</source>
        <translation>Тіркеу: фото ({time})</translation>
    </message>
</context>
<context>
    <name>ReviewReplyAttachments</name>
    <message>
        <source>Sent with the nurse&apos;s reply ({0}):</source>
        <translation>Медбикенің жауабымен жіберілді ({0}):</translation>
    </message>
    <message>
        <source>(the photo cannot be shown)</source>
        <translation>(фотосуретті көрсету мүмкін емес)</translation>
    </message>
    <message>
        <source>Photo from the nurse&apos;s reply ({0})</source>
        <translation>Медбикенің жауабындағы фото ({0})</translation>
    </message>
</context>
</TS>
