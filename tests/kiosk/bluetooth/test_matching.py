"""Pure logic: addresses, BlueZ paths, which drivers fit an advertised device."""

from __future__ import annotations

import pytest

from kiosk.bluetooth.matching import (
    ScannedDevice,
    address_from_path,
    candidate_drivers,
    check_driver,
    choose_driver,
    device_path,
    display_name,
    normalise_address,
    scanned_device,
    sort_for_display,
)
from kiosk.device_api import DriverManifest, SerialFraming, Transport
from kiosk.errors import UserFacingError, ValidationError

UART = "49535343-fe7d-4ae5-8fa9-9fafd205e455"
MANIFESTS = [
    DriverManifest("ble-bp", "BP", Transport.BLE, ble_services=("1810",), names=("BM59",)),
    DriverManifest("ble-thermometer", "T", Transport.BLE, ble_services=("1809",)),
    DriverManifest(
        "ble-scale", "S", Transport.BLE, ble_services=("181d", "181b"), names=("UC-352BLE",)
    ),
    DriverManifest("berrymed-ble", "O", Transport.BLE, ble_services=(UART,), names=("BerryMed",)),
    DriverManifest("bci", "serial", Transport.SERIAL, SerialFraming(115200), names=("BerryMed",)),
]


@pytest.mark.parametrize(
    "text", ["a4:c1:38:0a:0b:0c", "A4-C1-38-0A-0B-0C", " A4:C1:38:0A:0B:0C ", "a4_c1_38_0a_0b_0c"]
)
def test_addresses_are_normalised(text: str) -> None:
    assert normalise_address(text) == "A4:C1:38:0A:0B:0C"


@pytest.mark.parametrize(
    "text", ["", "A4:C1:38:0A:0B", "A4:C1:38:0A:0B:0C:0D", "G4:C1:38:0A:0B:0C"]
)
def test_a_bad_address_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_address(text)
    assert caught.value.key == "ble.bad_address"


def test_device_paths_round_trip() -> None:
    path = device_path("/org/bluez/hci0", "a4:c1:38:0a:0b:0c")
    assert path == "/org/bluez/hci0/dev_A4_C1_38_0A_0B_0C"
    assert address_from_path(path) == "A4:C1:38:0A:0B:0C"
    assert address_from_path("/org/bluez/hci0") is None
    assert address_from_path("/org/bluez/hci0/dev_nonsense") is None


def test_bluez_made_up_alias_is_no_name() -> None:
    assert display_name(None, "A4-C1-38-0A-0B-0C", "A4:C1:38:0A:0B:0C") is None
    assert display_name(None, "Cuff", "A4:C1:38:0A:0B:0C") == "Cuff"
    assert display_name("BM59", "Cuff", "A4:C1:38:0A:0B:0C") == "BM59"


def test_drivers_fit_by_service_uuid_short_or_full() -> None:
    assert candidate_drivers(MANIFESTS, ["1810"], None) == ["ble-bp"]
    assert candidate_drivers(MANIFESTS, ["00001809-0000-1000-8000-00805f9b34fb"], None) == [
        "ble-thermometer"
    ]
    assert candidate_drivers(MANIFESTS, ["0000181B-0000-1000-8000-00805F9B34FB"], None) == [
        "ble-scale"
    ]
    assert candidate_drivers(MANIFESTS, [UART.upper()], None) == ["berrymed-ble"]


def test_drivers_fit_by_name_prefix_after_those_fitting_by_service() -> None:
    assert candidate_drivers(MANIFESTS, [], "UC-352BLE 0042") == ["ble-scale"]
    assert candidate_drivers(MANIFESTS, ["1809"], "BM59") == ["ble-thermometer", "ble-bp"]


def test_serial_drivers_and_strangers_never_fit() -> None:
    assert candidate_drivers(MANIFESTS, [], "BerryMed") == ["berrymed-ble"]  # not bci
    assert candidate_drivers(MANIFESTS, ["fee0", "180a"], "Mi Band 4") == []
    assert candidate_drivers(MANIFESTS, [], None) == []


def test_choose_driver() -> None:
    assert choose_driver(None, ["ble-bp"], MANIFESTS, "A") == "ble-bp"
    assert choose_driver(None, [], MANIFESTS, "A") is None
    assert choose_driver("ble-scale", ["ble-bp"], MANIFESTS, "A") == "ble-scale"
    with pytest.raises(UserFacingError) as ambiguous:
        choose_driver(None, ["ble-thermometer", "ble-bp"], MANIFESTS, "A")
    assert ambiguous.value.key == "ble.ambiguous_driver"
    assert ambiguous.value.params["drivers"] == "ble-thermometer, ble-bp"


@pytest.mark.parametrize("driver", ["bci", "no-such"])
def test_only_an_installed_ble_driver_can_be_asked_for(driver: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_driver(driver, MANIFESTS)
    assert caught.value.key == "ble.unknown_driver"
    assert "ble-bp" in caught.value.params["choices"]


def test_scanned_device_from_bluez_properties() -> None:
    props: dict[str, object] = {
        "Address": "a4:c1:38:0a:0b:0c",
        "Alias": "A4-C1-38-0A-0B-0C",
        "RSSI": -57,
        "UUIDs": ["00001810-0000-1000-8000-00805f9b34fb", "0000180a-0000-1000-8000-00805f9b34fb"],
        "Paired": True,
        "Trusted": False,
    }
    device = scanned_device(props, MANIFESTS)
    assert device == ScannedDevice(
        "A4:C1:38:0A:0B:0C", None, -57, ("1810", "180a"), True, False, False, ("ble-bp",)
    )
    assert device.to_json()["drivers"] == ["ble-bp"]
    assert scanned_device({"Name": "no address"}) is None
    assert scanned_device({"Address": "garbage"}) is None


def test_display_order_puts_fitting_and_strong_devices_first() -> None:
    weak = ScannedDevice("00:00:00:00:00:01", None, -90, (), drivers=("ble-bp",))
    strong = ScannedDevice("00:00:00:00:00:02", None, -40, (), drivers=("ble-bp",))
    stranger = ScannedDevice("00:00:00:00:00:03", None, -30, ())
    silent = ScannedDevice("00:00:00:00:00:04", None, None, (), drivers=("ble-bp",))
    assert sort_for_display([stranger, silent, weak, strong]) == [strong, weak, silent, stranger]
