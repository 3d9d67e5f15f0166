"""Messages of staff sign-in, roles and the audit trail (kk, ru, en)."""

from __future__ import annotations

ACCESS_MESSAGES: dict[str, tuple[str, str, str]] = {
    "access.denied": (
        "Сіздің рөліңізге бұл рұқсат етілмеген.",
        "Вашей роли это не разрешено.",
        "Your role is not allowed to do this.",
    ),
    "access.denied_screen": (
        "Мұны тек мына рөлдер аша алады: {roles}.",
        "Открыть это могут только: {roles}.",
        "Only these roles may open this: {roles}.",
    ),
    "access.role.nurse": ("мейірбике", "медсестра", "nurse"),
    "access.role.senior-nurse": ("аға мейірбике", "старшая медсестра", "senior nurse"),
    "access.role.technician": ("техник", "техник", "technician"),
    "access.role.administrator": ("әкімші", "администратор", "administrator"),
    "access.denied_command": (
        "`kiosk {command}` үшін мына рөлдің бірі керек: {roles}.",
        "Для `kiosk {command}` нужна одна из ролей: {roles}.",
        "`kiosk {command}` needs one of these roles: {roles}.",
    ),
    "access.wrong_pin": (
        "Пайдаланушы аты немесе PIN қате.",
        "Неверное имя пользователя или PIN.",
        "Wrong user name or PIN.",
    ),
    "access.locked_out": (
        "Тым көп қате PIN. {seconds} секундтан кейін қайталаңыз.",
        "Слишком много неверных PIN. Повторите через {seconds} с.",
        "Too many wrong PINs. Try again in {seconds} s.",
    ),
    "access.sign_in_required": (
        "`kiosk {command}` үшін кіру керек: --user АТЫ (немесе KIOSK_USER) беріңіз.",
        "Для `kiosk {command}` нужно войти: укажите --user ИМЯ (или KIOSK_USER).",
        "`kiosk {command}` needs a signed-in person: give --user NAME (or KIOSK_USER).",
    ),
    "access.pin_prompt": ("PIN коды", "PIN-код", "PIN"),
    "access.new_pin_prompt": ("Жаңа PIN коды", "Новый PIN-код", "New PIN"),
    "access.new_pin_repeat": ("PIN кодты қайталаңыз", "Повторите PIN-код", "Repeat the PIN"),
    "access.pin_unavailable": (
        "PIN сұрау мүмкін емес (терминал жоқ): KIOSK_PIN орнатыңыз.",
        "Невозможно запросить PIN (нет терминала): задайте KIOSK_PIN.",
        "Cannot ask for the PIN (no terminal): set KIOSK_PIN.",
    ),
    "access.setup_mode": (
        "Ескерту: баптау режимі — қызметкер тіркелгісі жоқ, бәріне рұқсат. "
        "`kiosk staff add --role administrator` орындаңыз.",
        "Внимание: режим настройки — учётных записей нет, разрешено всё. "
        "Выполните `kiosk staff add --role administrator`.",
        "Warning: setup mode — no staff accounts yet, everything is allowed. "
        "Run `kiosk staff add --role administrator`.",
    ),
    "staff.bad_pin": (
        "PIN 4–8 цифрдан тұруы керек.",
        "PIN должен состоять из 4–8 цифр.",
        "The PIN must be 4 to 8 digits.",
    ),
    "staff.bad_username": (
        "Пайдаланушы аты: 2–32 латын кіші әрпі, цифр, «.», «_» немесе «-».",
        "Имя пользователя: 2–32 строчные латинские буквы, цифры, «.», «_» или «-».",
        "User name: 2 to 32 lowercase Latin letters, digits, '.', '_' or '-'.",
    ),
    "staff.bad_display_name": (
        "Көрсетілетін атты енгізіңіз (ең көбі {limit} таңба).",
        "Введите отображаемое имя (не больше {limit} знаков).",
        "Enter a display name (at most {limit} characters).",
    ),
    "staff.first_must_be_admin": (
        "Бірінші тіркелгі әкімші болуы керек: --role administrator.",
        "Первая учётная запись должна быть администратором: --role administrator.",
        "The first account must be an administrator: --role administrator.",
    ),
    "staff.username_taken": (
        "«{username}» аты бос емес.",
        "Имя «{username}» уже занято.",
        "The user name '{username}' is taken.",
    ),
    "staff.not_found": (
        "Мұндай қызметкер жоқ: {username}.",
        "Нет такого сотрудника: {username}.",
        "No such staff member: {username}.",
    ),
    "staff.last_admin": (
        "Соңғы әкімшіні өшіруге болмайды: алдымен басқасын қосыңыз.",
        "Нельзя отключить последнего администратора: сначала добавьте другого.",
        "The last administrator cannot be deactivated: add another one first.",
    ),
    "staff.added": (
        "Қызметкер қосылды: {username} ({role}).",
        "Сотрудник добавлен: {username} ({role}).",
        "Staff member added: {username} ({role}).",
    ),
    "staff.pin_set": (
        "{username} үшін PIN өзгертілді.",
        "PIN для {username} изменён.",
        "PIN changed for {username}.",
    ),
    "staff.deactivated": (
        "{username} тіркелгісі өшірілді.",
        "Учётная запись {username} отключена.",
        "Account {username} deactivated.",
    ),
    "staff.pins_differ": (
        "PIN-дер сәйкес емес.",
        "PIN не совпадают.",
        "The PINs do not match.",
    ),
    "audit.intact": (
        "Аудит тізбегі бүтін: {rows} жазба.",
        "Цепочка аудита цела: записей {rows}.",
        "The audit chain is intact: {rows} rows.",
    ),
    "audit.broken": (
        "Аудит тізбегі №{seq} жазбада бұзылған ({reason}); оған дейін {rows} жазба дұрыс.",
        "Цепочка аудита нарушена на записи №{seq} ({reason}); до неё верны записи: {rows}.",
        "The audit chain is broken at row {seq} ({reason}); {rows} rows before it are intact.",
    ),
    "doctor.setup_mode": (
        "Баптау режимі: қызметкер тіркелгісі жоқ, кез келген адам бәрін жасай алады.",
        "Режим настройки: учётных записей нет, любой может сделать всё.",
        "Setup mode: there are no staff accounts, anyone can do anything.",
    ),
    "doctor.staff_ok": (
        "Қызметкер тіркелгілері: {count} белсенді.",
        "Учётные записи сотрудников: активных {count}.",
        "Staff accounts: {count} active.",
    ),
    "doctor.setup_mode_fix": (
        "`kiosk staff add --role administrator` орындаңыз.",
        "Выполните `kiosk staff add --role administrator`.",
        "Run `kiosk staff add --role administrator`.",
    ),
}
