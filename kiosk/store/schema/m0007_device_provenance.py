"""Version 7: device firmware and battery level as provenance (issue 5, devices.md §2).

``devices`` keeps what is latest known of each device: ``firmware`` (its firmware
revision, from Device Information 0x2A26), ``battery_level`` (percent, Battery Level
0x2A19) and ``battery_at`` (kiosk time of that level). ``readings.device_battery`` keeps the
battery level the device reported when it sent that value, so provenance is per reading
(a later level never rewrites an earlier reading). All nullable: serial devices and
earlier rows know none of it.
"""

from kiosk.store.schema.base import Migration, script

SQL = """
ALTER TABLE devices ADD COLUMN firmware TEXT;
ALTER TABLE devices ADD COLUMN battery_level INTEGER
    CHECK (battery_level IS NULL OR battery_level BETWEEN 0 AND 100);
ALTER TABLE devices ADD COLUMN battery_at TEXT;
ALTER TABLE readings ADD COLUMN device_battery INTEGER
    CHECK (device_battery IS NULL OR device_battery BETWEEN 0 AND 100)
"""

MIGRATION = Migration(7, "device firmware and battery provenance", script(SQL))
