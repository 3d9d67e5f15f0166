"""Tests of the astm driver."""
