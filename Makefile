# One command sets up and runs the demo; one sets up and runs the tests. Nothing to install by hand.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test setup setup-dev bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "E001: $(PYTHON) not found; install Python 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

setup: $(STAMP)
setup-dev: $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/sidelines ingest samples/articles --db sidelines.duckdb
	$(BIN)/sidelines events --db sidelines.duckdb

test: $(DEV_STAMP)
	bash scripts/install-browser.sh
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) sidelines.duckdb .pytest_cache
