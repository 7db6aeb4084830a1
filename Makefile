# `make demo` and `make test` work on a fresh machine: they create the virtual environment first.
VENV ?= .venv
PY := $(VENV)/bin/python
SCHOOLPIPE := $(VENV)/bin/schoolpipe
DEMO_DB ?= warehouse/demo.duckdb
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test test-fast lint setup demo-corpus bench bench-real accuracy clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	$(PY) -m pip check
	touch $@

demo: setup
	$(SCHOOLPIPE) run --corpus corpus/demo --db $(DEMO_DB)
	$(SCHOOLPIPE) query "SELECT school_name, framework, inspection_start, overall_effectiveness, special_measures FROM inspections ORDER BY inspection_start" --db $(DEMO_DB)
	$(SCHOOLPIPE) query "SELECT area, grade, count(*) AS schools FROM judgements GROUP BY ALL ORDER BY schools DESC, area LIMIT 12" --db $(DEMO_DB)

test: setup lint
	$(PY) -m pytest

# the fast loop: pure functions and parsers, no Prefect, no worker processes, no real corpora
test-fast: setup
	$(PY) -m pytest -m "not slow and not prefect and not processes" -q

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) benchmarks/run_benchmark.py

# the same figures over Ofsted's real PDFs (../shared/real/ilacs and the samples, ~5,400 pages)
bench-real: setup
	$(PY) benchmarks/run_benchmark.py --real --repeat 1

accuracy: setup
	$(PY) benchmarks/accuracy.py --engines

demo-corpus: setup
	$(PY) -m benchmarks.generate_demo corpus/demo

clean:
	rm -rf $(VENV) .pytest_cache $(DEMO_DB) $(DEMO_DB).wal
