"""The SQLite store: one file, WAL + synchronous=FULL, versioned migrations, an outbox.

``db`` opens it and runs transactions, ``migrations`` creates and upgrades it, ``records``
maps rows to domain objects, ``outbox`` holds what must reach the hospital.
"""

from kiosk.store.db import STORE_FILENAME, Store
from kiosk.store.migrations import LATEST_VERSION, migrate

__all__ = ["LATEST_VERSION", "STORE_FILENAME", "Store", "migrate"]
