# Quick start: `make demo` (set up, build the seed corpus, draw it, query it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := out

.PHONY: install demo test test-fast lint clean chromium virtuoso screenshot wheel-check

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
# tests/test_push_virtuoso.py starts Debian's Virtuoso; AKG_REQUIRE_VIRTUOSO=1 likewise.
test: install chromium virtuoso
	AKG_REQUIRE_BROWSER=1 AKG_CHROMIUM="$$(command -v chromium)" AKG_REQUIRE_VIRTUOSO=1 $(BIN)/python -m pytest
	$(MAKE) wheel-check

# The loop to run while changing code: the whole suite but the tests marked `slow` (process pools, the
# dask cluster, servers, chromium, builds in another process; see pyproject.toml) and the wheel check.
# Under a minute on 2 cores; `make test` runs everything.
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

# wheel-check: install akg as a user does (a wheel, not the editable checkout) and build and validate
# the seed corpus from a folder outside the checkout; the graph must equal the checkout's, byte for byte.
# The wheel is built afresh each time (stale build/ removed) and reinstalled with --force-reinstall into
# $(WHEEL_VENV), a virtual environment of its own (no system site-packages, not .venv, no PYTHONPATH);
# pip resolves its dependencies from the wheel's metadata and `pip check` verifies them. The environment
# is made fresh whenever pyproject.toml (the dependencies) changes, and always on CI's fresh checkout.
# Measured on 2 cores: installing the dependencies takes 60 s (820 MB, from pip's configured index and
# cache) and the whole check 99 s in a fresh environment; reusing the dependencies, 43 s (most of it the
# three builds). `rm -rf $(WHEEL_VENV)` forces a fresh one. Not chosen: a venv borrowing .venv's
# site-packages through a .pth (faster, but it would also see .venv's editable akg and its extras).
WHEEL_VENV := $(OUT)/wheel-venv
WHEEL_DIR := $(OUT)/wheel

$(WHEEL_VENV)/.created: pyproject.toml
	rm -rf $(WHEEL_VENV)
	$(PYTHON) -m venv $(WHEEL_VENV)
	touch $@

wheel-check: install $(WHEEL_VENV)/.created
	rm -rf build $(WHEEL_DIR) && mkdir -p $(WHEEL_DIR)
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(WHEEL_DIR) .
	wheel=$$(ls $(WHEEL_DIR)/akg-*.whl) && \
	  $(WHEEL_VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps "$$wheel" && \
	  $(WHEEL_VENV)/bin/python -m pip install --quiet "$$wheel"
	$(WHEEL_VENV)/bin/python -m pip check
	$(BIN)/kg build corpus -o $(WHEEL_DIR)/checkout.nq -q
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cp -r corpus "$$tmp/corpus" && cd "$$tmp" && \
	  env -u PYTHONPATH $(CURDIR)/$(WHEEL_VENV)/bin/python -c \
	    'import kg, sys; sys.exit(0 if "/wheel-venv/" in kg.__file__ else f"kg imported from {kg.__file__}")' && \
	  env -u PYTHONPATH $(CURDIR)/$(WHEEL_VENV)/bin/kg build corpus -o corpus.nq -q && \
	  env -u PYTHONPATH $(CURDIR)/$(WHEEL_VENV)/bin/kg build corpus -o corpus.ttl -q && \
	  env -u PYTHONPATH $(CURDIR)/$(WHEEL_VENV)/bin/kg validate corpus.ttl --corpus corpus && \
	  cmp corpus.nq $(CURDIR)/$(WHEEL_DIR)/checkout.nq
	@echo "wheel-check: the installed wheel builds and validates corpus/ from outside the checkout, same graph"

# Installs Debian's chromium where it is missing (as root, or through sudo).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; }

# Installs Debian's Virtuoso server binary (virtuoso-t) where it is missing, for the push tests. Only the
# binaries: virtuoso-opensource would add a system service and a debconf question for its password,
# and the tests start a server of their own.
virtuoso:
	@command -v virtuoso-t >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  echo "Installing Debian's virtuoso-opensource-7-bin for the push tests"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends \
	    virtuoso-opensource-7-bin >/dev/null; }

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
