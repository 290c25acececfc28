"""Console entry point `source-linkedin-pages`: `auth` runs the OAuth helper; spec, check, discover, read the CDK."""

from __future__ import annotations

import sys

from airbyte_cdk.entrypoint import launch

from .source import SourceLinkedinPages


def run() -> None:
    if sys.argv[1:2] == ["auth"]:
        # not an Airbyte command: the OAuth helper for a person at a terminal (see docs/setup-guide.md, Step 4a)
        from .oauth_helper import main

        sys.exit(main(sys.argv[2:]))
    launch(SourceLinkedinPages(), sys.argv[1:])
