"""Tests of the contec-v7 driver."""
