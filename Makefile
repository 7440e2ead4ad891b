# newsdesk: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench-all clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs pinned versions (constraints.txt) of the runtime and test dependencies.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,scale]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/newsdesk run_desk --demo --host $(HOST) --port $(PORT)

test: $(VENV)/.installed
	$(BIN)/ruff check --no-cache newsdesk tests scripts
	$(BIN)/ruff format --check --no-cache newsdesk tests scripts
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check newsdesk tests scripts
	$(BIN)/ruff format --check newsdesk tests scripts

clean:
	rm -rf $(VENV) var
