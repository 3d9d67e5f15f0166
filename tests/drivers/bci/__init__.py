"""Tests of the bci driver."""
