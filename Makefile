# Two jobs: `make intake` (set up and run the intake) and `make test` (set up and run the tests).
# Both create .venv with the newest Python from 3.12 down to 3.10 (durable-rules imports on those only).
# A candidate counts only if it runs and is 3.10-3.12 (pyenv shims exist for versions that do not run).
PYTHON ?= $(shell for p in python3.12 python3.11 python3.10 python3; do \
	$$p -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' >/dev/null 2>&1 && { echo $$p; exit; }; done; \
	echo "no-python-3.10-to-3.12-found")
VENV = .venv
BIN = $(VENV)/bin

.PHONY: intake test setup bench clean

# The package is installed (not editable), so it is reinstalled whenever a source file changes.
SOURCES := $(shell find engine questionnaire rules -name '*.py' -o -name '*.yaml' 2>/dev/null)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/magnesium: $(BIN)/python pyproject.toml $(SOURCES)
	$(BIN)/pip install --quiet '.[test]'
	touch $@

setup: $(BIN)/magnesium

intake: setup
	$(BIN)/magnesium intake

test: setup
	$(BIN)/python -m pytest

bench: setup
	for b in bench/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info
