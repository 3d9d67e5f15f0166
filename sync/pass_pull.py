"""The pull half of one sync pass, after the push (``kiosk sync`` and :class:`sync.loop.SyncLoop`).

The pull runs unless the push stopped on AUTH (a person must sign in again) or a busy lock
(another worker is syncing). Types the push's teleconsult step already pulled in this pass
(:attr:`sync.engine.SyncEngine.pulled`, the ``Task`` search while a request is open) are
counted in, not searched again: one ``Task`` search per pass.
"""

from __future__ import annotations

from kiosk.store.db import Store
from sync.client import SyncErrorKind
from sync.engine import SyncEngine, SyncReport
from sync.pull import Puller, PullReport

#: The push errors after which nothing is pulled.
NO_PULL_AFTER = frozenset({SyncErrorKind.AUTH, SyncErrorKind.BUSY})


def pull_after_push(store: Store, engine: SyncEngine, push: SyncReport) -> PullReport | None:
    """Pull this kiosk's replies with ``engine``'s client; None when the push forbids it."""
    if push.error in NO_PULL_AFTER:
        return None
    return Puller(store, engine.client, engine.now).run(fetched=engine.pulled)
