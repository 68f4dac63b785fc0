# Two commands set everything up on a fresh machine: `make play` and `make test`.
# Each creates .venv when it is missing and (re)installs the project into it
# whenever pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint format bench gates clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

play: $(STAMP)
	$(BIN)/trustquest

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The trust-arc gates of issue 10 over the built-in stories (exit 1 if one fails).
gates: $(STAMP)
	$(BIN)/python -m trustquest.tools.gates

clean:
	rm -rf $(VENV) build dist .pytest_cache
