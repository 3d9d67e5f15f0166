"""Registration bundles: Patient (fhir-mapping.md §3.1) and Device (§3.4, §8.2). Pure.

A measuring device's firmware revision, when it reported one (BLE Device Information
0x2A26, issue 5), is ``Device.version`` typed as in the PHD IG (MDC
``MDC_ID_PROD_SPEC_FW``). Its battery level is not a Device property in R4: it is per
reading, kept in the store and sent as an Observation note only when low
(:mod:`sync.fhir_observations`). A Device is created once (``ifNoneExist``), so a later
firmware update is kept in the store but not sent again.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.domain import DeviceIdentity, Patient
from sync import fhir_codes as codes
from sync.fhir_common import (
    Json,
    MappingError,
    conditional_post_entry,
    device_identifier,
    kiosk_identifier,
    put_entry,
    sid,
    transaction,
)

# --- Patient (§3.1) ---------------------------------------------------------------------


def patient_resource(patient: Patient, base: str) -> Json:
    resource: Json = {
        "identifier": [{"system": sid(base, "kiosk-patient"), "value": patient.id}],
        "name": [{"family": patient.family, "given": [patient.given]}],
        "gender": str(patient.sex),
    }
    if patient.birth_date is not None:
        resource["birthDate"] = patient.birth_date.isoformat()
    return resource


def patient_bundle(patient: Patient, base: str) -> Json:
    """``register-patient`` without a national ID: ``PUT Patient/{uuid}`` (§3.1)."""
    return transaction([put_entry("Patient", patient.id, patient_resource(patient, base))])


# --- Device (§3.4, §8.2) ----------------------------------------------------------------

#: PHD IG MDCDeviceVersionTypes: the firmware-revision component of MDC_ATTR_ID_PROD_SPECN
FIRMWARE_VERSION: codes.Coding = ("531976", "MDC_ID_PROD_SPEC_FW")


def kiosk_device_entry(base: str, site: str) -> Json:
    """The kiosk itself: the gateway every Observation points to."""
    identifier = kiosk_identifier(base, site)
    return conditional_post_entry(
        "Device",
        identifier,
        {
            "identifier": [identifier],
            "deviceName": [{"name": f"Dala Kiosk {site}", "type": "user-friendly-name"}],
            "type": {"text": "telemedicine kiosk (gateway)"},
        },
    )


def device_entry(device: DeviceIdentity, base: str) -> Json:
    """A measuring device (PhdDevice-like): identifier, manufacturer, model, serial and
    firmware (``version``)."""
    identifier = device_identifier(device.key, base)
    resource: Json = {"identifier": [identifier]}
    if device.manufacturer:
        resource["manufacturer"] = device.manufacturer
    if device.model:
        resource["modelNumber"] = device.model
    if device.serial:
        resource["serialNumber"] = device.serial
    if device.firmware:
        code, display = FIRMWARE_VERSION
        firmware = {"system": codes.MDC, "code": code, "display": display}
        resource["version"] = [{"type": {"coding": [firmware]}, "value": device.firmware}]
    if not (device.manufacturer or device.model):
        resource["deviceName"] = [{"name": device.driver_id, "type": "model-name"}]
    return conditional_post_entry("Device", identifier, resource)


def device_bundle(
    devices: Sequence[DeviceIdentity], base: str, site: str, *, include_kiosk: bool = False
) -> Json:
    """``register-device``: the kiosk gateway and/or measuring devices (≤ 7 per bundle)."""
    entries = [kiosk_device_entry(base, site)] if include_kiosk else []
    entries += [device_entry(device, base) for device in devices]
    if not entries or len(entries) > 7:
        raise MappingError("a device bundle holds 1 to 7 devices", "Bundle.entry")
    return transaction(entries)
