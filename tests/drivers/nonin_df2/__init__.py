"""Tests of the nonin-df2 driver."""
