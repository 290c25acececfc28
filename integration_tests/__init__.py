"""Integration tests: the connector's entrypoint against the LinkedIn emulator."""
