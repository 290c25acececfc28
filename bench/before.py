"""The connector as of an earlier commit: `git archive` into bench/out/before-REF/, run on this venv's CDK."""

# Only the connector's own code is exported (source_linkedin_pages and main.py); the process runs on the
# benchmark's interpreter, so airbyte-cdk and every other dependency are the installed ones. `python -P`
# keeps the working directory (the checkout, with today's source_linkedin_pages) off sys.path, so the
# export on PYTHONPATH is what imports; `check_import` proves it before anything is measured.

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from settings import OUT, ROOT

RUN_CODE = "from source_linkedin_pages.run import run; run()"
EXPORTED = ["source_linkedin_pages", "main.py"]
# What the default "before" did per record: its PartitionStateCursor keyed the newest cursor value by the slice.
PER_RECORD_DUMPS = "json.dumps(partition_slice or {}, sort_keys=True, default=str)"


class ExportError(Exception):
    """The ref could not be exported (no git checkout, unknown ref, a path missing at that commit)."""


@dataclass(frozen=True)
class Export:
    """An exported tree of the connector at `commit`, and how to run it."""

    ref: str
    commit: str
    date: str
    path: Path
    commits_behind: int | None  # commits from it to HEAD, when it is an ancestor

    def argv(self) -> list[str]:
        return [sys.executable, "-P", "-c", RUN_CODE]

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.path)}

    @property
    def hashes_slice_per_record(self) -> bool:
        """Whether this tree's cursor does the per-record json.dumps of the slice (7428412's does)."""
        cursor = self.path / "source_linkedin_pages" / "concurrency.py"
        return cursor.exists() and PER_RECORD_DUMPS in cursor.read_text()


def git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise ExportError(f"`git {' '.join(args)}`: {(result.stderr or result.stdout).strip()[:300]}")
    return result.stdout.strip()


def resolve(ref: str) -> str:
    """The commit `ref` names; ExportError outside a git checkout or for an unknown ref."""
    if shutil.which("git") is None:
        raise ExportError("git is not installed")
    try:
        git("rev-parse", "--is-inside-work-tree")
    except ExportError as error:
        raise ExportError(f"{ROOT} is not a git checkout (a source tarball?)") from error
    try:
        return git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ExportError as error:
        raise ExportError(f"this checkout has no commit named {ref!r}") from error


def behind(commit: str) -> int | None:
    try:
        git("merge-base", "--is-ancestor", commit, "HEAD")
        return int(git("rev-list", "--count", f"{commit}..HEAD"))
    except ExportError:
        return None


def extract(commit: str, path: Path) -> None:
    argv = ["git", "-C", str(ROOT), "archive", "--format=tar", commit, *EXPORTED]
    archive = subprocess.run(argv, capture_output=True)
    if archive.returncode != 0:
        raise ExportError(f"`git archive {commit[:12]}`: {archive.stderr.decode(errors='replace').strip()[:300]}")
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(path, filter="data")


def check_import(export: Export) -> None:
    """The export, not the installed package, is what `source_linkedin_pages` imports in its process."""
    code = "import source_linkedin_pages.run as m; print(m.__file__)"
    result = subprocess.run(
        [sys.executable, "-P", "-c", code], capture_output=True, text=True, cwd=ROOT, env=export.env()
    )
    where = Path(result.stdout.strip() or "?").resolve()
    if result.returncode != 0 or not where.is_relative_to(export.path.resolve()):
        raise ExportError(f"the export does not import by itself ({where}): {result.stderr.strip()[-300:]}")


def export_ref(ref: str) -> Export:
    """`git archive REF source_linkedin_pages main.py` into bench/out/before-REF/ (made afresh each run)."""
    commit = resolve(ref)
    path = OUT / f"before-{re.sub(r'[^A-Za-z0-9._-]', '-', ref)}"
    extract(commit, path)
    found = Export(ref, commit, git("show", "-s", "--format=%cs", commit), path, behind(commit))
    check_import(found)
    return found


def head_label() -> str:
    """HEAD's short commit, `+ changes` when source_linkedin_pages differs from it; `?` outside git."""
    try:
        short = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "source_linkedin_pages", "main.py")
    except ExportError:
        return "?"
    return f"{short}{' + uncommitted changes' if dirty else ''}"
