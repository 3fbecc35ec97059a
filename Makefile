# Two jobs: `make intake` (set up and run the intake) and `make test` (set up and run the tests).
# Both create .venv with the newest Python from 3.12 down to 3.10 (durable-rules imports on those only).
# A candidate counts only if it runs and is 3.10-3.12 (pyenv shims exist for versions that do not run).
PYTHON ?= $(shell for p in python3.12 python3.11 python3.10 python3; do \
	$$p -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' >/dev/null 2>&1 && { echo $$p; exit; }; done; \
	echo "no-python-3.10-to-3.12-found")
VENV = .venv
BIN = $(VENV)/bin

.PHONY: intake test setup bench clean

$(BIN)/magnesium: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet '.[test]'
	touch $@

setup: $(BIN)/magnesium

intake: setup
	$(BIN)/magnesium intake

test: setup
	$(BIN)/pip install --quiet --no-deps --force-reinstall .
	$(BIN)/python -m pytest

bench: setup
	for b in bench/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info
