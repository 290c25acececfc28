"""The declared floors of the runtime dependencies, for `make test-floors`.

    python scripts/floors.py requirements   # pins for the floors venv: each runtime dependency of pyproject.toml at
                                            # its lower bound, the test tools at their uv.lock versions
    python scripts/floors.py verify         # (in the floors venv) each runtime dependency is at its floor

Standard library only: `requirements` runs with the machine's Python before the venv has anything in it.
A runtime dependency without a lower bound (`>=`, `==` or `~=`) is an error: its floor could not be tested.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the integration tests need besides the runtime dependencies; pinned as in uv.lock.
TEST_TOOLS = ("pytest", "pytest-timeout")
REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<specs>[^;]*)(?P<marker>;.*)?$"
)
SPECIFIER = re.compile(r"^\s*(?P<op>===|==|~=|>=|<=|!=|>|<)\s*(?P<version>\S+)\s*$")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def floors(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, tuple[str, str]]:
    """Runtime dependency (normalized name) → (its floor, the environment marker or "")."""
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    found: dict[str, tuple[str, str]] = {}
    for requirement in dependencies:
        match = REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"cannot read the requirement {requirement!r} in pyproject.toml")
        lower = []
        for part in filter(None, (p.strip() for p in match["specs"].split(","))):
            spec = SPECIFIER.match(part)
            if spec is None:
                raise SystemExit(f"cannot read the specifier {part!r} of {requirement!r}")
            if spec["op"] in (">=", "==", "~=", "==="):
                lower.append(spec["version"])
        if len(lower) != 1 or "*" in lower[0]:
            raise SystemExit(f"{requirement!r} needs exactly one lower bound (>=X) for its floor to be tested")
        found[normalize(match["name"])] = (lower[0], (match["marker"] or "").strip())
    return found


def locked_versions(lock: Path = ROOT / "uv.lock") -> dict[str, str]:
    """Package (normalized name) → version in uv.lock (the first entry where a package is forked by markers)."""
    versions: dict[str, str] = {}
    for package in tomllib.loads(lock.read_text()).get("package", []):
        versions.setdefault(normalize(package["name"]), package.get("version", ""))
    return versions


def requirements() -> list[str]:
    lines = [f"{name}=={version}{' ' + marker if marker else ''}" for name, (version, marker) in floors().items()]
    locked = locked_versions()
    for tool in TEST_TOOLS:
        if tool not in locked:
            raise SystemExit(f"{tool} is not in uv.lock (it is in the dev extra): run make lock")
        lines.append(f"{tool}=={locked[tool]}")
    return lines


def verify() -> int:
    wrong = 0
    for name, (floor, _marker) in floors().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
        ok = installed == floor
        wrong += not ok
        print(f"    {name:<12} {installed:<14} {'at its floor' if ok else f'NOT at its floor {floor}'}")
    return 1 if wrong else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("requirements", "verify"))
    args = parser.parse_args()
    if args.command == "requirements":
        print("\n".join(requirements()))
        return 0
    return verify()


if __name__ == "__main__":
    sys.exit(main())
