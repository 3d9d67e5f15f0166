"""OpenCV and NumPy, loaded on first use (``from kiosk.media.cv import cv2, np``).

Importing ``cv2`` costs about a tenth of a second (it loads NumPy too). The kiosk's window
needs neither before its first frame, so every module of :mod:`kiosk.media` (and the
screens that use them) takes these two names from here: each is a stand-in that imports the
real module the first time one of its attributes is read, and is that module from then on
for the type checker. Behaviour is unchanged, only *when* the import happens.

OpenCV's own warnings (V4L2 probing, the end of an image sequence) are silenced as the
module loads, unless ``OPENCV_LOG_LEVEL`` is set.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["LazyModule", "cv2", "np"]


class LazyModule:
    """A module imported when one of its attributes is first read (thread-safe)."""

    def __init__(self, name: str, on_load: Callable[[ModuleType], None] | None = None) -> None:
        self._name = name
        self._on_load = on_load
        self._module: ModuleType | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._module is not None

    def load(self) -> ModuleType:
        module = self._module
        if module is not None:
            return module
        with self._lock:
            if self._module is None:
                imported = importlib.import_module(self._name)
                if self._on_load is not None:
                    self._on_load(imported)
                self._module = imported
            return self._module

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.load(), attribute)

    def __repr__(self) -> str:
        state = "loaded" if self.loaded else "not loaded yet"
        return f"<lazy module {self._name!r} ({state})>"


def quiet_opencv(module: ModuleType) -> None:
    """OpenCV logs only errors, unless ``OPENCV_LOG_LEVEL`` asks for more."""
    if "OPENCV_LOG_LEVEL" not in os.environ:
        module.utils.logging.setLogLevel(module.utils.logging.LOG_LEVEL_ERROR)


if TYPE_CHECKING:
    import cv2
    import numpy as np
else:
    cv2 = LazyModule("cv2", quiet_opencv)
    np = LazyModule("numpy")
