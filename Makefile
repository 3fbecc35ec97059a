# Two jobs: `make intake` (set up and run the intake) and `make test` (set up and run the tests).
# Both create .venv with the newest Python from 3.12 down to 3.10 (durable-rules imports on those only).
PYTHON ?= $(shell for v in 3.12 3.11 3.10; do command -v python$$v >/dev/null 2>&1 && { echo python$$v; exit; }; done; echo python3)
VENV = .venv
BIN = $(VENV)/bin

.PHONY: intake test setup bench clean

$(BIN)/magnesium: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet '.[test]'
	touch $@

setup: $(BIN)/magnesium

intake: setup
	$(BIN)/magnesium intake

test: setup
	$(BIN)/pip install --quiet --no-deps --force-reinstall .
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build *.egg-info
