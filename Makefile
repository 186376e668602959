# claimkit: two commands on a fresh machine.
#   make demo   create .venv if missing, install with the model, analyse corpus/ into out/
#   make test   create .venv if missing, install with dev tools and the model, run ruff, mypy, pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck pytest bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[model]"
	touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[model,dev]"
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/claimkit analyze corpus --out out
	$(BIN)/claimkit compare out --html out/report.html

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

pytest: $(DEV_STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(PY) bench/seed.py
	$(PY) bench/corpus.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
