"""Tests of the LinkedIn API emulator."""
