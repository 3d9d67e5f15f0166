"""Tests of the masimo-ascii driver."""
