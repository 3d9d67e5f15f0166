"""The screens' Qt Linguist catalogues (``ui/i18n/dala_<lang>.ts``) and switching between them.

Each area of the screens keeps its own catalogue, ``ui/i18n/<area>_<lang>.ts`` (``dala`` is
the main window's), so screens can grow without one shared file; all areas of a language are
loaded together. The ``.ts`` files are the source (kept in git); the ``.qm`` files Qt loads are built from
them with ``pyside6-lrelease`` when missing or older than their ``.ts``. They go next to the
``.ts`` files, or into a temporary folder when the package folder is read-only.

All three catalogues are compiled and loaded once at start-up, so switching language at
runtime only swaps translators in memory: no file or process work on the GUI thread then.
Messages that come from the core (message keys) are translated by :mod:`kiosk.i18n`.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.i18n import LANGUAGES
from ui.qt import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

CATALOGUE_DIR = Path(__file__).resolve().parent / "i18n"
LRELEASE = "pyside6-lrelease"


def ts_path(language: str, area: str = "dala") -> Path:
    return CATALOGUE_DIR / f"{area}_{language}.ts"


def areas() -> list[str]:
    """The catalogue areas present for every language (``dala`` first)."""
    found = {path.stem.rsplit("_", 1)[0] for path in CATALOGUE_DIR.glob("*_*.ts")}
    return sorted(found, key=lambda area: (area != "dala", area))


def find_tool(name: str) -> Path | None:
    """A Qt tool next to the running Python (a venv's bin folder), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    return Path(found) if found else None


def _output_dir() -> Path:
    if os.access(CATALOGUE_DIR, os.W_OK):
        return CATALOGUE_DIR
    fallback = Path(tempfile.gettempdir()) / "dala-kiosk-qm"
    fallback.mkdir(exist_ok=True)
    return fallback


def is_stale(qm: Path, ts: Path) -> bool:
    return not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime


def compile_catalogue(
    language: str, out_dir: Path | None = None, area: str = "dala"
) -> Path | None:
    """The ``.qm`` for ``language``, built first if missing or stale; None if impossible."""
    ts = ts_path(language, area)
    qm = (out_dir or _output_dir()) / f"{area}_{language}.qm"
    if not is_stale(qm, ts):
        return qm
    tool = find_tool(LRELEASE)
    if tool is None:
        log.warning("%s not found; the screens stay untranslated", LRELEASE)
        return qm if qm.exists() else None
    result = subprocess.run(
        [str(tool), "-silent", str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0 or not qm.exists():
        log.warning("%s failed for %s: %s", LRELEASE, ts.name, result.stderr.strip())
        return None
    return qm


class Translations:
    """The three catalogues, loaded once; :meth:`use` installs one of them."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: dict[str, list[QTranslator]] = {}
        self._installed: list[QTranslator] = []
        self.language: str | None = None
        for language in LANGUAGES:
            for area in areas():
                qm = compile_catalogue(language, area=area)
                translator = QTranslator(app)
                if qm is not None and translator.load(str(qm)):
                    self._translators.setdefault(language, []).append(translator)
                else:
                    log.warning(
                        "no %s catalogue for %s; it shows the English source", area, language
                    )

    def use(self, language: str) -> None:
        """Make ``language`` current; Qt then sends every widget a LanguageChange event."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
        self.uninstall()
        for translator in self._translators.get(language, []):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        self.language = language

    def uninstall(self) -> None:
        """Remove the installed catalogue (the application outlives this object)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        self.language = None


def build_all() -> int:
    """Compile every catalogue (``python -m ui.i18n --build``, run by ``./dev``); 1 on failure."""
    failed = [
        (area, language)
        for language in LANGUAGES
        for area in areas()
        if compile_catalogue(language, area=area) is None
    ]
    for area, language in failed:
        print(f"could not build the {area} catalogue for {language}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--build"]:
        print("usage: python -m ui.i18n --build", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(build_all())
