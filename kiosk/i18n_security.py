"""Messages of encryption at rest and its keys (kk, ru, en); registered in kiosk/i18n.py."""

from __future__ import annotations

SECURITY_MESSAGES: dict[str, tuple[str, str, str]] = {
    "security.key_wrong": (
        "Қойманы ашатын кілт жоқ: {path}. Кілттер қалтасы: {key_dir}. Кілтті қалпына келтіріңіз "
        "немесе қоймаңыз зақымдалған болса, сақтық көшірмеден қалпына келтіріңіз.",
        "Нет ключа, открывающего хранилище: {path}. Папка ключей: {key_dir}. Восстановите ключ "
        "или, если хранилище повреждено, восстановите его из резервной копии.",
        "No key opens the store {path}. Key folder: {key_dir}. Put the key back, or restore "
        "the store from a backup if it is damaged.",
    ),
    "security.key_dir_in_data": (
        "Кілттер қалтасы деректер қалтасының ішінде болмауы керек: {key_dir}. "
        "KIOSK_KEY_DIR басқа жерді көрсетсін.",
        "Папка ключей не должна быть внутри папки данных: {key_dir}. "
        "Укажите другое место в KIOSK_KEY_DIR.",
        "The key folder must not be inside the data folder: {key_dir}. "
        "Point KIOSK_KEY_DIR somewhere else.",
    ),
    "security.key_malformed": (
        "Кілт файлы жарамсыз (256 бит күтілді): {path}.",
        "Файл ключа повреждён (ожидалось 256 бит): {path}.",
        "The key file is malformed (256 bits expected): {path}.",
    ),
    "security.key_file_open": (
        "Кілт файлын басқалар оқи алады ({mode}): {path}. Қолданылмайды; "
        "`chmod 600` орындаңыз да, кілтті ауыстырыңыз.",
        "Файл ключа доступен другим ({mode}): {path}. Он не используется; "
        "выполните `chmod 600` и смените ключ.",
        "The key file can be read by others ({mode}): {path}. It is not used; "
        "run `chmod 600` and rotate the key.",
    ),
    "security.key_file_owner": (
        "Кілт файлы басқа пайдаланушыға тиесілі: {path}. Қолданылмайды.",
        "Файл ключа принадлежит другому пользователю: {path}. Он не используется.",
        "The key file belongs to another user: {path}. It is not used.",
    ),
    "security.no_rotation": (
        "Аяқталмаған кілт ауыстыру жоқ.",
        "Незавершённой смены ключа нет.",
        "There is no key rotation to finish.",
    ),
    "security.migration_in_use": (
        "Ашық қойманы шифрлау мүмкін емес: оны басқа процесс қолданып тұр ({path}). "
        "Киоскіні тоқтатып, қайталаңыз.",
        "Нельзя зашифровать открытое хранилище: его использует другой процесс ({path}). "
        "Остановите киоск и повторите.",
        "The plain store cannot be encrypted while another process has it open ({path}). "
        "Stop the kiosk and try again.",
    ),
    "security.migration_failed": (
        "Қойманы шифрлау тоқтатылды, ештеңе өзгерген жоқ ({reason}).",
        "Шифрование хранилища прервано, ничего не изменено ({reason}).",
        "Encrypting the store was stopped; nothing was changed ({reason}).",
    ),
    "security.rotation_in_use": (
        "Кілтті ауыстыру үшін киоскіні тоқтатыңыз: қойманы басқа процесс қолданып тұр ({path}).",
        "Остановите киоск, чтобы сменить ключ: хранилище использует другой процесс ({path}).",
        "Stop the kiosk to rotate the key: another process has the store open ({path}).",
    ),
    "security.not_encrypted": (
        "Қойма шифрланбаған (KIOSK_ENCRYPTION=off): ауыстыратын кілт жоқ.",
        "Хранилище не зашифровано (KIOSK_ENCRYPTION=off): менять нечего.",
        "The store is not encrypted (KIOSK_ENCRYPTION=off): there is no key to rotate.",
    ),
    "security.rotated": (
        "Кілт ауыстырылды: {old} → {new}. Ескі кілт ескі көшірмелер үшін сақталды: {retired}.",
        "Ключ сменён: {old} → {new}. Старый ключ сохранён для старых копий: {retired}.",
        "Key rotated: {old} → {new}. The old key is kept for older backups: {retired}.",
    ),
    "security.encrypted_now": (
        "Қойма шифрланды: {tables} кесте, {files} файл қайта жазылды.",
        "Хранилище зашифровано: {tables} таблиц, {files} файлов перезаписано.",
        "The store is encrypted: {tables} tables, {files} files re-written.",
    ),
    "security.already_encrypted": (
        "Қойма бұрыннан шифрланған.",
        "Хранилище уже зашифровано.",
        "The store is already encrypted.",
    ),
    "media.tampered": (
        "Фото файлы өзгертілген немесе зақымдалған, көрсетілмейді: {file}.",
        "Файл фото изменён или повреждён и не будет показан: {file}.",
        "The photo file was changed or damaged and is not shown: {file}.",
    ),
    "security.tls_untrusted": (
        "Сервердің TLS сертификатына сенім жоқ: {server}. Байланыс тоқтатылды. Аурухананың "
        "CA файлын config.toml ішіндегі [server] ca_bundle арқылы көрсетіңіз.",
        "Сертификат TLS сервера не является доверенным: {server}. Соединение прервано. "
        "Укажите файл CA больницы в [server] ca_bundle в config.toml.",
        "The server's TLS certificate is not trusted: {server}. The connection was stopped. "
        "Name the hospital's CA file in [server] ca_bundle of config.toml.",
    ),
    "security.response_too_large": (
        "Сервердің жауабы тым үлкен (шегі {limit}); ештеңе қолданылмады, кейін қайталанады.",
        "Ответ сервера слишком большой (предел {limit}); ничего не применено, повтор позже.",
        "The server's answer is too large (limit {limit}); nothing of it was used, "
        "it will be tried again later.",
    ),
    "security.secret_file_open": (
        "Құпия бар файлды басқалар оқи алады ({mode}): {path}. Қолданылмайды; "
        "`chmod 600 {path}` орындаңыз да, токенді ауыстырыңыз.",
        "Файл с секретом доступен другим ({mode}): {path}. Он не используется; "
        "выполните `chmod 600 {path}` и замените токен.",
        "The file holding a secret is readable by others ({mode}): {path}. It is not used; "
        "run `chmod 600 {path}` and replace the token.",
    ),
    "import.control_character": (
        "«{field}» өрісінде басқару таңбасы бар (мысалы, NUL); жол қабылданбады.",
        "В поле «{field}» есть управляющий символ (например, NUL); строка отклонена.",
        "The field “{field}” holds a control character (such as NUL); the row was rejected.",
    ),
}
