"""Tests of the hl7-mllp driver."""
