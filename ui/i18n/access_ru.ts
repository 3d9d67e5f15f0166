<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>SignInScreen</name>
    <message>
      <source>Sign-in failed. Please try again.</source>
      <translation>Не удалось войти. Попробуйте ещё раз.</translation>
    </message>
    <message>
      <source>PIN: {count} digits typed</source>
      <translation>PIN: введено цифр: {count}</translation>
    </message>
    <message>
      <source>Checking the PIN…</source>
      <translation>Проверка PIN…</translation>
    </message>
    <message>
      <source>Touch your name.</source>
      <translation>Нажмите на своё имя.</translation>
    </message>
    <message>
      <source>{name}, type your PIN and touch OK.</source>
      <translation>{name}, введите PIN и нажмите OK.</translation>
    </message>
    <message>
      <source>en</source>
      <comment>the code of this catalogue's language: kk, ru or en</comment>
      <translation>ru</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>Кто работает?</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Войти</translation>
    </message>
    <message>
      <source>Delete the last digit</source>
      <translation>Стереть последнюю цифру</translation>
    </message>
    <message>
      <source>Digit {digit}</source>
      <translation>Цифра {digit}</translation>
    </message>
    <message>
      <source>Sign in as {name}</source>
      <translation>Войти как {name}</translation>
    </message>
  </context>
</TS>
