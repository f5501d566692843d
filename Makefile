# Quick start: `make demo` (set up, build the seed corpus, draw it, query it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := out

.PHONY: install demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p $(OUT)
	$(BIN)/kg build corpus -o $(OUT)/corpus.ttl
	$(BIN)/kg build corpus -o $(OUT)/corpus.trig
	$(BIN)/kg viz $(OUT)/corpus.trig -o $(OUT)/actors.html
	$(BIN)/kg query $(OUT)/corpus.trig --name accusations

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check kg tests

clean:
	rm -rf $(OUT) .pytest_cache
