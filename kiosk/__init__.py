"""Dala Kiosk core: Qt-free domain, store, services, events, runtime and CLI."""

__version__ = "0.1.0"
