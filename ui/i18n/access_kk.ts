<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>SignInScreen</name>
    <message>
      <source>Sign-in failed. Please try again.</source>
      <translation>Кіру сәтсіз болды. Қайталап көріңіз.</translation>
    </message>
    <message>
      <source>PIN: {count} digits typed</source>
      <translation>PIN: {count} сан терілді</translation>
    </message>
    <message>
      <source>Checking the PIN…</source>
      <translation>PIN тексерілуде…</translation>
    </message>
    <message>
      <source>Touch your name.</source>
      <translation>Атыңызды басыңыз.</translation>
    </message>
    <message>
      <source>{name}, type your PIN and touch OK.</source>
      <translation>{name}, PIN теріп, OK басыңыз.</translation>
    </message>
    <message>
      <source>en</source>
      <comment>the code of this catalogue's language: kk, ru or en</comment>
      <translation>kk</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>Кім жұмыс істейді?</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Кіру</translation>
    </message>
    <message>
      <source>Delete the last digit</source>
      <translation>Соңғы санды өшіру</translation>
    </message>
    <message>
      <source>Digit {digit}</source>
      <translation>{digit} саны</translation>
    </message>
    <message>
      <source>Sign in as {name}</source>
      <translation>{name} ретінде кіру</translation>
    </message>
  </context>
</TS>
