# mlinterview: the two commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
LOAD_STAMP := $(VENV)/.installed-load
CHROMIUM   := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# One BLAS thread per process: tests run 2 processes on 2 cores, and the benchmarks compare
# single-threaded runs (see src/mlinterview/__init__.py).
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
# Let Python keep its bytecode caches even where the shell says not to: otherwise each test
# worker, and each process a test starts, compiles every module it imports again (in a
# fresh clone that doubled the suite's collection time).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help run test test-fast test-shuffled bench load soak mutants lint chromium clean

help:
	@echo "make run    set up .venv and start the web app (prints the URL with its token)"
	@echo "make test   set up .venv with the test extras (and Chromium) and run every test"
	@echo "make bench  side-by-side timings: ours vs the reference libraries"
	@echo "make load   Locust load test of the web app (p50/p95/p99 and errors per route)"
	@echo "make soak   kill a study session at random moments 100 times; check nothing is lost"
	@echo "make mutants  mutation score of every exercise's cases (tools/mutants.py)"
	@echo "make lint   ruff"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changed: `make run` again is fast.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[datasets,fast]'
	@touch $@

# --no-compile: pip would byte-compile every file of every package (half of the install's
# time, torch's thousands of files included); the tests compile only what they import.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -e '.[test]'
	@touch $@ $(RUN_STAMP)

$(LOAD_STAMP): pyproject.toml $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,load]'
	@touch $@

run: $(RUN_STAMP)
	$(BIN)/mlinterview serve

chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

test: $(TEST_STAMP) chromium
	$(BIN)/mlinterview coverage --check --check-exercises
	$(BIN)/python -m pytest -n 2 --dist worksteal

# The same suite in a random order (pytest-randomly; the seed is printed to repeat a run).
test-shuffled: $(TEST_STAMP) chromium
	$(BIN)/python -m pytest -n 2 -p randomly

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow and not browser"

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

load: $(LOAD_STAMP)
	$(BIN)/python tools/load/run.py

soak: $(TEST_STAMP)
	$(BIN)/python tools/soak.py --kills 100

mutants: $(TEST_STAMP)
	$(BIN)/python tools/mutants.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks tools

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
