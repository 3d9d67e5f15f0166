<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>SignInScreen</name>
    <message>
      <source>Sign-in failed. Please try again.</source>
      <translation>Sign-in failed. Please try again.</translation>
    </message>
    <message>
      <source>PIN: {count} digits typed</source>
      <translation>PIN: {count} digits typed</translation>
    </message>
    <message>
      <source>Checking the PIN…</source>
      <translation>Checking the PIN…</translation>
    </message>
    <message>
      <source>Touch your name.</source>
      <translation>Touch your name.</translation>
    </message>
    <message>
      <source>{name}, type your PIN and touch OK.</source>
      <translation>{name}, type your PIN and touch OK.</translation>
    </message>
    <message>
      <source>en</source>
      <comment>the code of this catalogue's language: kk, ru or en</comment>
      <translation>en</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>Who is working?</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>Delete the last digit</source>
      <translation>Delete the last digit</translation>
    </message>
    <message>
      <source>Digit {digit}</source>
      <translation>Digit {digit}</translation>
    </message>
    <message>
      <source>Sign in as {name}</source>
      <translation>Sign in as {name}</translation>
    </message>
  </context>
</TS>
