# claimkit: two commands on a fresh machine.
#   make demo   create .venv if missing, install with the model, analyse corpus/ into out/
#   make test   create .venv if missing, install with dev tools and the model, make sure headless
#               Chromium is there for the report test (scripts/ensure-chromium: Debian's chromium via
#               apt-get when running as root), run ruff, mypy, pytest (with the notebooks and
#               doctests) and build the documentation site
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DOCS_STAMP := $(VENV)/.installed-docs

.PHONY: demo test lint typecheck chromium pytest docs bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[model]"
	touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[model,dev]"
	touch $@ $(STAMP)

$(DOCS_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[docs]"
	touch $@

demo: $(STAMP)
	$(BIN)/claimkit analyze corpus --out out
	$(BIN)/claimkit compare out --html out/report.html

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench notebooks
	$(BIN)/ruff format --check src tests bench notebooks

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

# tests/test_report.py renders the HTML report in headless Chromium.
chromium:
	@sh scripts/ensure-chromium

pytest: $(DEV_STAMP) chromium
	$(BIN)/pytest

docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

test: lint typecheck pytest docs

bench: $(STAMP)
	$(PY) bench/real.py
	$(PY) bench/seed.py
	$(PY) bench/corpus.py

clean:
	rm -rf out site .pytest_cache .mypy_cache .ruff_cache
