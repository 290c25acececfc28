"""`source-linkedin-pages auth`: LinkedIn's authorization-code flow for a person at a terminal, ending in a config."""

from .cli import main

__all__ = ["main"]
