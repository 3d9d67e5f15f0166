"""The nurses' one-page quick guides (docs/quick-guide-{kk,ru,en}.md, issue 6).

Each guide must exist, fit on one page, show 3-5 screenshots of its own language at the
kiosk's 1024x600 that exist in docs/screenshots/, link nowhere broken, and name the buttons
exactly as the screens of its language do. In the guides **bold** is kept for the words of
the screens: every bold span must be a translation in that language's Qt catalogues
(ui/i18n/*_{lang}.ts; a ``{placeholder}`` stands for any text, e.g. a count), and the labels
of :data:`LABELS` (the steps every guide walks through) must all be there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
I18N = ROOT / "ui" / "i18n"
LANGUAGES = ("kk", "ru", "en")
#: One page at the kiosk's reading size: a nurse reads it in two minutes.
MAX_WORDS = 450
MIN_IMAGES, MAX_IMAGES = 3, 5

#: (Qt context, English source) of every screen word the guides use, in workflow order.
LABELS = (
    ("SignInScreen", "Who is working?"),
    ("SignInScreen", "OK"),
    ("MainWindow", "Home"),
    ("HomeScreen", "Today's visits"),
    ("HomeScreen", "Alerts"),
    ("HomeScreen", "New visit"),
    ("PatientFinder", "Register a new patient"),
    ("PatientFinder", "Register"),
    ("PatientFinder", "Register anyway"),
    ("VisitScreen", "Devices"),
    ("DeviceTile", "No device connected"),
    ("VisitScreen", "Vitals by hand"),
    ("ManualEntry", "Unusual: confirm or measure again"),
    ("ManualEntry", "Confirm"),
    ("ManualEntry", "Not possible: check it and type again"),
    ("VisitScreen", "Consciousness, oxygen"),
    ("VisitScreen", "Complaints"),
    ("VisitFooter", "Add photo"),
    ("News2Panel", "Low risk"),
    ("News2Panel", "Low–medium risk"),
    ("News2Panel", "Medium risk"),
    ("News2Panel", "High risk"),
    ("News2Panel", "Incomplete"),
    ("VisitScreen", "Danger signs"),
    ("News2Panel", "Urgent referral"),
    ("VisitFooter", "Review ▸"),
    ("ReviewScreen", "Edit"),
    ("MainWindow", "Save"),
    ("ReviewScreen", "Request consultation"),
    ("ConsultPage", "Add to the visit"),
    ("Shell", "Visits not yet sent: {count}"),
    ("HomeScreen", "Sent"),
    ("HomeScreen", "Waiting to send"),
    ("HomeScreen", "Held back"),
    ("ResumePage", "Continue the visit"),
    ("ResumePage", "Discard it"),
    ("VisitFooter", "Cancel visit"),
    ("VisitFooter", "Touch again to discard"),
)

BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]+\}")


def catalogue(language: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of every finished message of the language."""
    messages: dict[tuple[str, str], str] = {}
    files = sorted(I18N.glob(f"*_{language}.ts"))
    assert files, f"no Qt catalogue for {language} in {I18N}"
    for path in files:
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in (
                    "unfinished",
                    "vanished",
                    "obsolete",
                ):
                    continue
                source = message.findtext("source") or ""
                messages[(name, source)] = "".join(translation.itertext()) or source
    return messages


def template(text: str) -> re.Pattern[str]:
    """A translation as a pattern: each ``{placeholder}`` stands for some text."""
    parts = PLACEHOLDER.split(text)
    return re.compile(".+?".join(re.escape(part) for part in parts))


def normalise(text: str) -> str:
    """Markdown may wrap a bold span over two lines."""
    return " ".join(text.split())


def guide(language: str) -> Path:
    return DOCS / f"quick-guide-{language}.md"


def read(language: str) -> str:
    path = guide(language)
    assert path.is_file(), f"{path} is missing"
    return path.read_text(encoding="utf-8")


def bold_spans(text: str) -> list[str]:
    return [normalise(span) for span in BOLD.findall(text)]


def words(text: str) -> int:
    """Words a reader sees: link targets and image markup do not count."""
    text = IMAGE.sub("", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return sum(1 for token in text.split() if re.search(r"\w", token))


def test_template_matches_a_count_and_nothing_else() -> None:
    pattern = template("Visits not yet sent: {count}")
    assert pattern.fullmatch("Visits not yet sent: 2")
    assert not pattern.fullmatch("Visits not yet sent: ")
    assert not pattern.fullmatch("Visits sent: 2")


def test_words_leave_out_link_targets() -> None:
    text = "1. **Save** it ![Home](screenshots/home-en-1024x600.png) [ru](quick-guide-ru.md)"
    assert words(text) == 4  # 1, Save, it, ru


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_fits_on_one_page(language: str) -> None:
    count = words(read(language))
    assert 150 <= count <= MAX_WORDS, f"{guide(language).name}: {count} words"


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_shows_its_own_screenshots(language: str) -> None:
    images = IMAGE.findall(read(language))
    assert MIN_IMAGES <= len(images) <= MAX_IMAGES, images
    assert len(set(images)) == len(images), f"a screenshot is shown twice: {images}"
    for target in images:
        assert re.fullmatch(rf"screenshots/[a-z0-9-]+-{language}-1024x600\.png", target), target
        assert (DOCS / target).is_file(), f"{guide(language).name}: {target} does not exist"


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_links_resolve(language: str) -> None:
    targets = LINK.findall(read(language))
    others = {f"quick-guide-{other}.md" for other in LANGUAGES if other != language}
    assert others <= set(targets), "each guide links the other two languages"
    for target in targets:
        if re.match(r"[a-z]+:", target):
            continue
        assert (DOCS / target.split("#")[0]).exists(), f"{guide(language).name}: {target}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_bold_word_is_a_screen_word(language: str) -> None:
    translations = [template(text) for text in set(catalogue(language).values()) if text]
    strange = [
        span
        for span in bold_spans(read(language))
        if not any(pattern.fullmatch(span) for pattern in translations)
    ]
    assert not strange, f"{guide(language).name}: not the screens' words: {strange}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_names_the_buttons_as_its_screens_do(language: str) -> None:
    messages = catalogue(language)
    spans = bold_spans(read(language))
    missing = []
    for key in LABELS:
        assert key in messages, f"{key} is no longer in the {language} catalogues"
        pattern = template(normalise(messages[key]))
        if not any(pattern.fullmatch(span) for span in spans):
            missing.append(messages[key])
    assert not missing, f"{guide(language).name} lacks **{'**, **'.join(missing)}**"


def test_readme_links_the_guides() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f"(docs/quick-guide-{language}.md)" in readme
