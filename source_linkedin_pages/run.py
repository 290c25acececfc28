"""Console entry point `source-linkedin-pages`: spec, check, discover, read through the CDK entrypoint."""

from __future__ import annotations

import sys

from airbyte_cdk.entrypoint import launch

from .source import SourceLinkedinPages


def run() -> None:
    launch(SourceLinkedinPages(), sys.argv[1:])
