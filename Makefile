# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install dev demo test test-docker lint emulator bench clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/python scripts/demo.py

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The connector image end to end (installs and starts Docker if needed, builds a stand-in base; needs root).
test-docker: install
	PYTHON=$(BIN)/python scripts/test_docker.sh

lint: install
	$(BIN)/ruff check source_linkedin_pages linkedin_emulator

emulator: install
	$(BIN)/python -m linkedin_emulator --port 8765

# Ours vs the official connector against the emulator (bench/results.md); BENCH_ARGS=--quick for a smoke run.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
