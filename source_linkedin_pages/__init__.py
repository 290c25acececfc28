"""Airbyte source connector for LinkedIn company pages."""

from .source import SourceLinkedinPages

__all__ = ["SourceLinkedinPages"]
