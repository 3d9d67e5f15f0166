"""Security of the kiosk: encryption at rest and its keys; staff, roles and audit."""
