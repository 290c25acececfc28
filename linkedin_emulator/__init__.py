"""LinkedIn Community Management API emulator (strict stand-in for api.linkedin.com in tests and demos)."""
from .config import EmulatorConfig
from .server import EmulatorServer

__all__ = ["EmulatorConfig", "EmulatorServer"]
