"""Console entry point `source-linkedin-pages`: `auth` runs the OAuth helper; spec, check, discover, read the CDK."""

from __future__ import annotations

import sys


def run() -> None:
    args = sys.argv[1:]
    if args[:1] == ["auth"]:
        # imported here so that the Airbyte commands do not load the helper, nor the helper the whole connector
        from .oauth_helper import main

        sys.exit(main(args[1:]))
    from airbyte_cdk.entrypoint import launch

    from .source import SourceLinkedinPages

    launch(SourceLinkedinPages(), args)
