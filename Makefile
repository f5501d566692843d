# Quick start: `make demo` (set up, build the seed corpus, draw it, query it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := out

.PHONY: install demo test lint clean chromium screenshot

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

# The browser tests (tests/test_view_browser.py) drive Debian's chromium; Playwright's own browser
# download cannot work here. AKG_REQUIRE_BROWSER=1 makes them fail, not skip, if it is missing.
test: install chromium
	AKG_REQUIRE_BROWSER=1 AKG_CHROMIUM="$$(command -v chromium)" $(BIN)/python -m pytest

# Installs Debian's chromium where it is missing (as root, or through sudo).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; }

# docs/actors.png, shown in README.md: the actors view of the seed corpus, drawn by headless chromium
# offline (virtual time lets the layout settle before the picture is taken).
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars

screenshot: install chromium
	mkdir -p $(OUT) docs
	rm -f docs/actors.png
	$(BIN)/kg build corpus -o $(OUT)/corpus.trig -q
	$(BIN)/kg viz $(OUT)/corpus.trig -o $(OUT)/actors.html
	profile=$$(mktemp -d) && \
	  chromium $(CHROMIUM_FLAGS) --user-data-dir=$$profile --window-size=1400,900 --virtual-time-budget=30000 \
	    --screenshot=docs/actors.png "file://$(CURDIR)/$(OUT)/actors.html" 2>/dev/null; \
	  status=$$?; rm -rf $$profile; exit $$status
	@test -s docs/actors.png && echo "docs/actors.png written"

lint: install
	$(BIN)/ruff check kg tests

clean:
	rm -rf $(OUT) .pytest_cache
