"""Tests for bridge.crypto (the age v1 implementation)."""
