"""Tests of the and-scale driver."""
