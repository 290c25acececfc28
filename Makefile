# Two commands do all set-up on a fresh machine: `make demo` and `make test` (README, Development).
# Everything installs from uv.lock; `make lock` refreshes it, `make test-floors` checks the declared floors.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
# uv installs the lock; it is itself installed from PyPI, at this version, into a venv of its own.
UV_VERSION := 0.13.8
UV_VENV := .venv-uv
UV := $(UV_VENV)/bin/uv
# Every runtime dependency at the lower bound pyproject.toml declares (make test-floors).
FLOORS_VENV := .venv-floors
# uv uses the machine's Python ($(PYTHON)), never one it downloads.
export UV_PYTHON_DOWNLOADS := never

# make lint LINT_PATHS=... / MYPY_PATHS=... to check less (or more).
LINT_PATHS ?= source_linkedin_pages linkedin_emulator unit_tests integration_tests scripts bench
MYPY_PATHS ?= source_linkedin_pages
# make test PYTEST_ARGS='-k oauth' (or a path) to run part of the suite.
PYTEST_ARGS ?=
# One line per test module, the 15 slowest tests at the end, a line every 30 s while one test runs long.
PYTEST_OPTIONS := -p no:cacheprovider -p scripts.pytest_progress --durations=15 --durations-min=1
# The tests that `make test-floors` runs: the CDK behaviours relied on, then check, OAuth, organizations, retries and faults, state and
# resume, posts and engagement, statistics windows. The console-script secret test is left out (a minute of CLI
# runs; scripts/smoke.py checks the same outputs), and so is the standard suite (it tests the CDK's test tools).
FLOORS_TESTS ?= unit_tests/test_cdk_seams.py integration_tests/test_foundation.py integration_tests/test_resilience.py \
	integration_tests/test_posts.py integration_tests/test_statistics.py \
	--deselect integration_tests/test_foundation.py::test_secrets_never_reach_output
# make lock LOCK_ARGS=--upgrade: every pin to the newest release the ranges allow (--upgrade-package NAME: one).
LOCK_ARGS ?=

.PHONY: install demo test test-floors test-docker lint lock emulator bench clean

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is required"; exit 1; }

$(UV): | check-python
	@echo "==> uv $(UV_VERSION): installing it from PyPI into $(UV_VENV) (pip)"
	@t0=$$SECONDS; rm -rf $(UV_VENV) && $(PYTHON) -m venv $(UV_VENV) \
		&& $(UV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) \
		&& echo "==> uv $(UV_VERSION) ready in $$((SECONDS - t0)) s"

# `uv sync --locked` installs exactly uv.lock (the package itself editable, with the dev extra) and stops if
# uv.lock no longer matches pyproject.toml.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	@echo "==> $(VENV): installing the $$(grep -c '^name = ' uv.lock) packages of uv.lock (runtime and dev) with $(PYTHON)"
	@t0=$$SECONDS; $(UV) sync --locked --extra dev --python $(PYTHON) \
		|| { echo "uv sync failed; if uv.lock needs updating after a pyproject.toml change: make lock"; exit 1; }; \
		touch $@; echo "==> $(VENV) ready in $$((SECONDS - t0)) s"

install: $(VENV)/.installed

demo: install
	$(BIN)/python scripts/demo.py

test: install
	@echo "==> pytest: unit and integration tests (the emulator starts on a free port)"
	@t0=$$SECONDS; $(BIN)/python -m pytest $(PYTEST_OPTIONS) $(PYTEST_ARGS); rc=$$?; \
		echo "==> make test: $$((SECONDS - t0)) s"; exit $$rc

# The declared floors: a fresh venv with each runtime dependency of pyproject.toml at its lower bound (test tools at
# their locked versions, everything else as a resolver picks it today), the package installed without dependencies,
# then the smoke (every verb of the console script) and the integration tests above.
test-floors: | $(UV)
	@echo "==> $(FLOORS_VENV): the runtime dependencies at their declared floors"
	@t0=$$SECONDS; rm -rf $(FLOORS_VENV) && $(UV) venv --quiet --python $(PYTHON) $(FLOORS_VENV) \
		&& $(PYTHON) scripts/floors.py requirements > $(FLOORS_VENV)/floors.txt \
		&& sed 's/^/    /' $(FLOORS_VENV)/floors.txt \
		&& $(UV) pip install --quiet --python $(FLOORS_VENV)/bin/python -r $(FLOORS_VENV)/floors.txt \
		&& $(UV) pip install --quiet --python $(FLOORS_VENV)/bin/python --no-deps . \
		&& $(FLOORS_VENV)/bin/python scripts/floors.py verify \
		&& echo "==> $(FLOORS_VENV) ready in $$((SECONDS - t0)) s"
	$(FLOORS_VENV)/bin/python scripts/smoke.py
	@echo "==> pytest on the floors: $(FLOORS_TESTS)"
	@t0=$$SECONDS; $(FLOORS_VENV)/bin/python -m pytest $(PYTEST_OPTIONS) $(FLOORS_TESTS); rc=$$?; \
		echo "==> pytest on the floors: $$((SECONDS - t0)) s"; exit $$rc

# The connector image end to end (installs and starts Docker if needed, builds a stand-in base; needs root).
test-docker: install
	PYTHON=$(BIN)/python scripts/test_docker.sh

# ruff and mypy both run, whatever the first finds; the exit code says whether either found something.
lint: install
	@echo "==> ruff check $(LINT_PATHS)"
	@rc=0; $(BIN)/ruff check $(LINT_PATHS) || rc=1; \
		echo "==> mypy --strict $(MYPY_PATHS)"; $(BIN)/mypy --strict $(MYPY_PATHS) || rc=1; exit $$rc

# uv.lock from pyproject.toml (existing pins kept unless LOCK_ARGS says otherwise), then the image's
# hash-pinned runtime requirements exported from it (unit_tests/test_dependencies.py fails when they differ).
lock: | $(UV)
	$(UV) lock --python $(PYTHON) $(LOCK_ARGS)
	$(UV) export --quiet --frozen --no-dev --no-emit-project --output-file requirements.lock
	@echo "==> uv.lock and requirements.lock written; commit both"

emulator: install
	$(BIN)/python -m linkedin_emulator --port 8765

# Ours vs the official connector against the emulator (bench/results.md); BENCH_ARGS=--quick for a smoke run.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(UV_VENV) $(FLOORS_VENV) build *.egg-info
