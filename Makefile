# Three jobs: `make intake` (set up and run the intake), `make serve` (set up and start the intake in the
# browser, docs/web.md) and `make test` (set up and run the tests).
# Each creates .venv with the newest Python from 3.13 down to 3.10 (durable-rules imports on those only).
# A candidate counts only if it runs and is 3.10-3.13 (pyenv shims exist for versions that do not run).
# Another interpreter or folder: `make test PYTHON=/path/to/python3.13 VENV=.venv313`.
# Every recipe line is silent (@): the intake runs on the client's screen.
PY_IN_RANGE = import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3.10 python3; do \
	$$p -c '$(PY_IN_RANGE)' >/dev/null 2>&1 && { echo $$p; exit; }; done)
VENV = .venv
BIN = $(VENV)/bin
PIP = $(BIN)/python -m pip --quiet --disable-pip-version-check
# durable-rules 2.0.28 (built from source) calls PyEval_CallObject, which Python 3.13 removed;
# PyObject_CallObject does the same. Before 3.13 Python's own header redefines the name, so the
# flag changes nothing there.
DURABLE_CPPFLAGS = -DPyEval_CallObject=PyObject_CallObject
DURABLE = durable-rules==2.0.28

.PHONY: intake serve test setup bench mutation clean

# The package is installed (not editable), so it is reinstalled whenever a source file changes.
SOURCES := $(shell find engine questionnaire rules -name '*.py' -o -name '*.yaml' -o -name '*.json' \
	-o -name '*.html' -o -name '*.css' -o -name '*.js' 2>/dev/null)

$(BIN)/python:
	@p="$(PYTHON)"; \
	if [ -z "$$p" ] || ! "$$p" -c '$(PY_IN_RANGE)' >/dev/null 2>&1; then \
	  found=$$( { "$${p:-python3}" --version || python3 --version; } 2>&1 | head -n 1); \
	  echo "magnesium-intake needs Python 3.10, 3.11, 3.12 or 3.13 (its rule engine durable-rules does not build on 3.14 or newer); found: $${found:-no python3}." >&2; \
	  echo "Install Python 3.13 (for example 'pyenv install 3.13') and run make again, or give one: make $(MAKECMDGOALS) PYTHON=/path/to/python3.13" >&2; \
	  exit 1; \
	fi; \
	echo "Setting up $(VENV) with $$("$$p" --version 2>&1) (once; this takes a minute)..." >&2; \
	"$$p" -m venv $(VENV)

# `make intake` installs the program with its PDF extra (.[pdf]: the handout and the letter as
# PDF); `make serve` adds the web parts (.[web,pdf]); `make test` adds the test tools (.[test,pdf],
# where .[test] holds .[web] and the browser test tools). WeasyPrint is imported only when a PDF is
# asked for, so the intake starts as fast; it needs the system's Pango (see docs/handout-and-letter.md).
# A wheel of durable-rules cached by an earlier build without the flag is replaced by a fresh build.
define install
	@CPPFLAGS="$(DURABLE_CPPFLAGS) $$CPPFLAGS" $(PIP) install $(1)
	@$(BIN)/python -c 'import durable.engine' >/dev/null 2>&1 || \
	  CPPFLAGS="$(DURABLE_CPPFLAGS) $$CPPFLAGS" $(PIP) install --no-cache-dir --force-reinstall --no-deps '$(DURABLE)'
	@touch $@
endef

APP = '.[pdf]'
APP_AND_TESTS = '.[test,pdf]'

$(VENV)/.installed: $(BIN)/python pyproject.toml $(SOURCES)
	$(call install,$(APP))

$(VENV)/.installed-web: $(BIN)/python pyproject.toml $(SOURCES)
	$(call install,'.[web,pdf]')

$(VENV)/.installed-test: $(BIN)/python pyproject.toml $(SOURCES)
	$(call install,$(APP_AND_TESTS))

setup: $(VENV)/.installed-test

# A stop (Ctrl-C, a closed window: exit 128 + the signal) has said on the screen how to carry on:
# make adds no "Error 130" under it (the intake owns the terminal under make: intake/foreground.py).
intake: $(VENV)/.installed
	@$(BIN)/magnesium intake || [ $$? -ge 128 ]

# This computer only (127.0.0.1); for a tablet or phone see docs/web.md (TLS). SERVE_ARGS adds options.
serve: $(VENV)/.installed-web
	@$(BIN)/magnesium serve $(SERVE_ARGS)

test: setup
	@$(BIN)/python -m pytest

bench: setup
	@for b in bench/bench_*.py; do $(BIN)/python $$b; done

# The mutation run of the safety code (docs/mutation.md): long; `--short` for a few minutes.
mutation: setup
	@$(BIN)/python bench/mutation.py $(ARGS)

clean:
	@rm -rf $(VENV) build *.egg-info
