"""Looks for a 1024×600 touchscreen used with gloves: large type, large targets, high contrast.

Colours pass WCAG AA for their text (most pass AAA): dark text on white, white on deep blue.
State colours always come with words, never alone.
"""

from __future__ import annotations

#: Minimum height of anything a finger presses (the brief asks for at least 48 px).
TOUCH_HEIGHT = 64
FIELD_HEIGHT = 60

STYLE_SHEET = """
QWidget#mainWindow { background: #ffffff; }
QWidget { color: #111111; font-size: 22px; }
QLabel#title { font-size: 26px; font-weight: bold; }
QLabel[class="fieldLabel"] { font-size: 22px; font-weight: bold; }
QLineEdit {
    font-size: 28px; padding: 4px 12px; border: 2px solid #4a4a4a; border-radius: 6px;
    background: #ffffff;
}
QLineEdit:focus { border: 3px solid #0b4fa8; }
QPushButton {
    font-size: 22px; font-weight: bold; border: 2px solid #0b4fa8; border-radius: 8px;
    background: #ffffff; color: #0b4fa8; padding: 4px 14px;
}
QPushButton:checked { background: #0b4fa8; color: #ffffff; }
QPushButton#saveButton {
    font-size: 32px; background: #0b4fa8; color: #ffffff; border: none; padding: 8px 28px;
}
QPushButton#saveButton:pressed { background: #083a7a; }
QPushButton#saveButton:disabled { background: #8a8a8a; color: #ffffff; }
QFrame#deviceTile { border: 2px solid #4a4a4a; border-radius: 10px; background: #f7f7f7; }
QFrame#deviceTile QLabel { background: transparent; }
QLabel#deviceName { font-size: 22px; font-weight: bold; }
QLabel[class="vitalCaption"] { font-size: 22px; font-weight: bold; }
QLabel[class="vitalValue"] { font-size: 80px; font-weight: bold; }
QLabel[class="vitalValueWide"] { font-size: 64px; font-weight: bold; }
QLabel[class="vitalUnit"] { font-size: 22px; }
QLabel[class="vitalDetail"] { font-size: 22px; font-weight: bold; }
QLabel#deviceState { font-size: 17px; font-weight: bold; padding: 3px 6px; border-radius: 6px; }
QLabel#deviceState[state="connected"] { background: #dff3e2; color: #145222; }
QLabel#deviceState[state="connecting"] { background: #fff3cd; color: #5c4400; }
QLabel#deviceState[state="disconnected"] { background: #fbe3e3; color: #8a1414; }
QLabel#deviceState[state="none"] { background: #ececec; color: #333333; }
QLabel#deviceState[state="waiting"] { background: #e4ecf6; color: #1d3553; }
QLabel#message { font-size: 22px; padding: 8px 12px; border-radius: 6px; }
QLabel#message[kind="error"] { background: #fbe3e3; color: #8a1414; border: 2px solid #8a1414; }
QLabel#message[kind="info"] { background: #dff3e2; color: #145222; border: 2px solid #145222; }
QLabel#message[kind="none"] { background: transparent; border: 2px solid transparent; }
QLabel#unsynced, QLabel#syncLine, QLabel#photoCount { font-size: 18px; }
QLabel#syncLine[problem="yes"] { color: #8a1414; font-weight: bold; }
QPushButton[class="siteButton"] { font-size: 18px; padding: 4px 6px; }
QPushButton#addPhotoButton, QPushButton#backButton { font-size: 20px; }
"""
