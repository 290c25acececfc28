"""The lock files agree with pyproject.toml, and the image installs exactly the lock (README, Development)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from scripts import floors

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCK = tomllib.loads((ROOT / "uv.lock").read_text())
EXPORT_COMMAND = ["export", "--frozen", "--no-dev", "--no-emit-project"]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)(?: ; (?P<marker>[^\\]+?))?\s*\\?$")


def runtime_requirements() -> list[Requirement]:
    return [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]


def locked_packages() -> dict[str, list[Version]]:
    """Package → every version uv.lock holds for it (one per marker fork)."""
    found: dict[str, list[Version]] = {}
    for package in LOCK["package"]:
        if "version" in package:
            found.setdefault(canonicalize_name(package["name"]), []).append(Version(package["version"]))
    return found


def exported_pins(text: str) -> dict[str, list[tuple[Version, str | None]]]:
    """requirements.lock: package → [(version, marker)]; continuation lines carry the hashes."""
    pins: dict[str, list[tuple[Version, str | None]]] = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            pins.setdefault(canonicalize_name(match["name"]), []).append((Version(match["version"]), match["marker"]))
    return pins


def without_header(text: str) -> list[str]:
    """The export minus uv's leading comment (which names the command that wrote it)."""
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return lines


def find_uv() -> str | None:
    """$UV, else the uv that `make` installs (.venv-uv), else one on PATH."""
    candidates = [os.environ.get("UV"), str(ROOT / ".venv-uv" / "bin" / "uv"), shutil.which("uv")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


def test_every_runtime_dependency_has_a_tested_floor_and_a_ceiling():
    for requirement in runtime_requirements():
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators, f"{requirement}: no floor for make test-floors to test"
        assert "<" in operators, f"{requirement}: no ceiling (a next major release may break the connector)"
    # scripts/floors.py (which make test-floors uses) reads the same floors as packaging does.
    expected = {
        canonicalize_name(r.name): next(s.version for s in r.specifier if s.operator == ">=")
        for r in runtime_requirements()
    }
    assert {name: floor for name, (floor, _marker) in floors.floors().items()} == expected


def test_locked_runtime_versions_satisfy_the_declared_ranges():
    locked = locked_packages()
    for requirement in runtime_requirements():
        versions = locked.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is not in uv.lock: run make lock"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"uv.lock pins {requirement.name} {version}, outside {requirement.specifier}: run make lock"
            )


def test_the_lock_is_the_lock_of_this_pyproject():
    project = next(p for p in LOCK["package"] if p["name"] == PYPROJECT["project"]["name"])
    declared = {canonicalize_name(r.name): str(r.specifier) for r in runtime_requirements()}
    metadata = {canonicalize_name(r["name"]): r.get("specifier", "") for r in project["metadata"]["requires-dist"]
                if "marker" not in r}
    for name, specifier in declared.items():
        assert name in metadata, f"uv.lock does not know the dependency {name}: run make lock"
        assert Requirement(f"x{metadata[name]}").specifier == Requirement(f"x{specifier}").specifier, (
            f"uv.lock was made for {name}{metadata[name]}, pyproject.toml says {name}{specifier}: run make lock"
        )


def test_requirements_lock_pins_the_locked_versions_with_hashes():
    text = (ROOT / "requirements.lock").read_text()
    pins = exported_pins(text)
    locked = locked_packages()
    for requirement in runtime_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"requirements.lock has no {name}: run make lock"
        for version, _marker in pins[name]:
            assert requirement.specifier.contains(version, prereleases=True), f"{name} {version} in requirements.lock"
    for name, versions in pins.items():
        assert {v for v, _ in versions} <= set(locked.get(name, [])), f"{name} in requirements.lock is not in uv.lock"
    # Every pin is followed by its hashes (pip --require-hashes refuses the file otherwise), and nothing is editable.
    blocks = re.split(r"\n(?=[A-Za-z0-9])", "\n".join(without_header(text)))
    assert blocks and all("--hash=sha256:" in block for block in blocks), "a requirement without a hash"
    assert "-e " not in text and "file://" not in text
    assert canonicalize_name(PYPROJECT["project"]["name"]) not in pins, "the project itself is installed separately"


def test_requirements_lock_is_a_fresh_export_of_uv_lock():
    uv = find_uv()
    if uv is None:
        pytest.skip("uv is not installed (make install puts it in .venv-uv; or set UV=/path/to/uv)")
    result = subprocess.run([uv, *EXPORT_COMMAND], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"})
    assert result.returncode == 0, result.stderr
    committed = without_header((ROOT / "requirements.lock").read_text())
    assert without_header(result.stdout) == committed, "requirements.lock is stale: run make lock and commit it"


def test_the_image_installs_exactly_the_lock():
    dockerfile = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    runs = re.findall(r"^RUN\s+(.*)$", dockerfile, flags=re.MULTILINE)
    installs = [run for run in runs if "pip install" in run]
    assert any("--require-hashes" in run and "--no-deps" in run and "-r requirements.lock" in run for run in installs)
    # The package itself comes last, without dependencies, so nothing outside the lock gets in.
    assert all("--no-deps" in run for run in installs)
    dockerignore = (ROOT / ".dockerignore").read_text().splitlines()
    assert "!requirements.lock" in dockerignore
