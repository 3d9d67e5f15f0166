"""Words of the console that come from FHIR codes: priorities, specialties, statuses, decisions.

Each function returns the translated label of a code (``QCoreApplication.translate`` with the
context ``ReviewLabels``, so ``pyside6-lupdate`` finds the strings); an unknown code is shown
as it came.
"""

from __future__ import annotations

import datetime as dt

from ui.qt import QCoreApplication


def priority_label(priority: str) -> str:
    labels = {
        "stat": QCoreApplication.translate("ReviewLabels", "Emergency"),
        "asap": QCoreApplication.translate("ReviewLabels", "As soon as possible"),
        "urgent": QCoreApplication.translate("ReviewLabels", "Urgent"),
        "routine": QCoreApplication.translate("ReviewLabels", "Routine"),
    }
    return labels.get(priority, priority)


def specialty_label(specialty: str) -> str:
    labels = {
        "therapist": QCoreApplication.translate("ReviewLabels", "Therapist"),
        "paediatrician": QCoreApplication.translate("ReviewLabels", "Paediatrician"),
        "cardiologist": QCoreApplication.translate("ReviewLabels", "Cardiologist"),
        "dermatologist": QCoreApplication.translate("ReviewLabels", "Dermatologist"),
        "obstetrician": QCoreApplication.translate("ReviewLabels", "Obstetrician"),
        "neurologist": QCoreApplication.translate("ReviewLabels", "Neurologist"),
        "surgeon": QCoreApplication.translate("ReviewLabels", "Surgeon"),
        "ophthalmologist": QCoreApplication.translate("ReviewLabels", "Ophthalmologist"),
    }
    return labels.get(specialty.casefold(), specialty)


def status_label(status: str) -> str:
    labels = {
        "requested": QCoreApplication.translate("ReviewLabels", "Waiting"),
        "received": QCoreApplication.translate("ReviewLabels", "Received"),
        "accepted": QCoreApplication.translate("ReviewLabels", "Claimed by you"),
        "in-progress": QCoreApplication.translate("ReviewLabels", "In review"),
        "on-hold": QCoreApplication.translate("ReviewLabels", "Waiting for the nurse's reply"),
        "completed": QCoreApplication.translate("ReviewLabels", "Answered"),
    }
    return labels.get(status, status)


def news2_band_label(band: str) -> str:
    labels = {
        "low": QCoreApplication.translate("ReviewLabels", "low risk"),
        "low-medium": QCoreApplication.translate("ReviewLabels", "low-medium risk"),
        "medium": QCoreApplication.translate("ReviewLabels", "medium risk"),
        "high": QCoreApplication.translate("ReviewLabels", "high risk"),
    }
    return labels.get(band.casefold(), band)


def when_label(moment: dt.datetime | None) -> str:
    """A time in the console's local zone, ``26.11.2026 14:41``; a dash when unknown."""
    return "—" if moment is None else moment.astimezone().strftime("%d.%m.%Y %H:%M")


def deadline_label(deadline: dt.datetime | None, now: dt.datetime) -> str:
    if deadline is None:
        return "—"
    text = when_label(deadline)
    if deadline < now:
        return QCoreApplication.translate("ReviewLabels", "{0} (overdue)").format(text)
    return text


def reading_label(code: str, fallback: str) -> str:
    """The translated name of a vital sign or lab by its LOINC code; else ``fallback``."""
    labels = {
        "2708-6": QCoreApplication.translate("ReviewLabels", "SpO2"),
        "59408-5": QCoreApplication.translate("ReviewLabels", "SpO2"),
        "8867-4": QCoreApplication.translate("ReviewLabels", "Pulse"),
        "85354-9": QCoreApplication.translate("ReviewLabels", "Blood pressure"),
        "8310-5": QCoreApplication.translate("ReviewLabels", "Temperature"),
        "9279-1": QCoreApplication.translate("ReviewLabels", "Respiratory rate"),
        "29463-7": QCoreApplication.translate("ReviewLabels", "Weight"),
        "8302-2": QCoreApplication.translate("ReviewLabels", "Height"),
        "39156-5": QCoreApplication.translate("ReviewLabels", "BMI"),
        "2339-0": QCoreApplication.translate("ReviewLabels", "Glucose"),
        "41653-7": QCoreApplication.translate("ReviewLabels", "Glucose"),
        "14743-9": QCoreApplication.translate("ReviewLabels", "Glucose"),
        "4548-4": QCoreApplication.translate("ReviewLabels", "HbA1c"),
        "718-7": QCoreApplication.translate("ReviewLabels", "Haemoglobin"),
    }
    return labels.get(code, fallback)
