"""Which live device values a visit records when it is saved (Qt-free).

Every recordable value each device has delivered within its window: a continuous device
(the pulse oximeter) a short window, a device that takes spot measurements (a BP cuff, a
thermometer) a longer one; only finished values, and only those after that device's last
"finger out" (or "no sensor") status. Each keeps its device's identity, so a cuff's pulse
and an oximeter's pulse are both recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from kiosk.live import LiveValue

#: A device that delivers one of these takes spot measurements (the longer window).
SPOT_TYPES = frozenset({"systolic_bp", "diastolic_bp", "mean_bp", "body_temp"})
#: Flags of a value that is not a finished measurement (a thermometer still measuring).
UNFINISHED_FLAGS = frozenset({"intermediate"})
#: Flags of a ``status`` reading that mean "no reading at all" (interfaces.md): values
#: received before such a status are no longer the patient's.
NO_READING_FLAGS = frozenset({"finger-out", "no-sensor"})


class FreshValues(Protocol):
    """What a visit needs from :class:`~kiosk.live.LiveDevices`."""

    def fresh(self, types: tuple[str, ...], since: dt.datetime) -> dict[str, LiveValue]: ...


@runtime_checkable
class FreshDeviceValues(Protocol):
    """A source that keeps every device's values apart (:class:`~kiosk.live.LiveDevices`);
    a source with only :meth:`FreshValues.fresh` gives one value per type."""

    def fresh_values(self, types: tuple[str, ...], since: dt.datetime) -> list[LiveValue]: ...


def fresh_for(kinds: Iterable[str], continuous: dt.timedelta, spot: dt.timedelta) -> dt.timedelta:
    """The window of a device that delivered values of ``kinds``."""
    return spot if SPOT_TYPES & set(kinds) else continuous


def fresh_vitals(
    live: FreshValues,
    now: dt.datetime,
    vitals: tuple[str, ...],
    continuous: dt.timedelta,
    spot: dt.timedelta,
) -> dict[str, LiveValue]:
    """The values to record, by type (``type@device key`` for a second device of a type)."""
    wanted = (*vitals, "status")
    since = now - max(continuous, spot)
    if isinstance(live, FreshDeviceValues):
        candidates = live.fresh_values(wanted, since=since)
    else:
        candidates = list(live.fresh(wanted, since=since).values())
    by_device: dict[str, list[LiveValue]] = {}
    for value in candidates:
        by_device.setdefault(value.identity.key, []).append(value)
    found: dict[str, LiveValue] = {}
    for values in by_device.values():
        for value in _fresh_of_one_device(values, now, continuous, spot):
            kind = value.measurement.type
            found[kind if kind not in found else f"{kind}@{value.identity.key}"] = value
    return found


def _fresh_of_one_device(
    values: list[LiveValue], now: dt.datetime, continuous: dt.timedelta, spot: dt.timedelta
) -> list[LiveValue]:
    window = fresh_for([value.measurement.type for value in values], continuous, spot)
    status = next((v for v in values if v.measurement.type == "status"), None)
    after = now - window
    if status is not None and NO_READING_FLAGS & set(status.measurement.flags):
        after = max(after, status.received_at)
    return [
        value
        for value in values
        if value.measurement.type != "status"
        and value.received_at > after
        and not UNFINISHED_FLAGS & set(value.measurement.flags)
    ]
