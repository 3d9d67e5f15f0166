"""Getting the data folder ready before anything saves: ``kiosk init`` and ``kiosk run``.

:func:`prepare_store` creates or migrates the store, queues the kiosk's own registration
(:func:`kiosk.demo.init_store`) and then makes the photo files and rows agree
(:func:`kiosk.media.photos.reconcile`): files a crash left without a row are deleted, rows
whose file went away are marked ``missing``. Reconciling must run before the first photo is
saved (a file being written at that moment would look orphaned), so it runs here and only
here, at start-up.
"""

from __future__ import annotations

import dataclasses
import logging

from kiosk.config import KioskConfig
from kiosk.demo import init_store
from kiosk.media import photos
from kiosk.store import Store

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    schema_version: int
    media: photos.Reconciled


def prepare_store(config: KioskConfig) -> Prepared:
    """Migrate the store, then reconcile the media folder with it; idempotent."""
    version = init_store(config)
    with Store(config.store_path) as store:
        reconciled = photos.reconcile(store, config.media_dir)
    changed = {name: len(items) for name, items in dataclasses.asdict(reconciled).items() if items}
    if changed:
        log.warning("media reconciled at start-up: %s", changed)
    return Prepared(version, reconciled)
