"""Version 9: staff accounts, sign-in lockout, the hash-chained audit trail (issue 10).

The SQL and its reasons are in :mod:`kiosk.security.audit_schema`; the ``outbox`` table is
rebuilt with ``audit`` among its kinds. Stores of earlier versions had no staff: they start
in setup mode (docs/security.md) with an empty audit trail.
"""

from kiosk.security.audit_schema import apply
from kiosk.store.schema.base import Migration

MIGRATION = Migration(9, "staff, lockout and audit trail", apply)
