# `make demo` and `make test` work on a fresh machine: they create the virtual environment first.
VENV ?= .venv
PY := $(VENV)/bin/python
SCHOOLPIPE := $(VENV)/bin/schoolpipe
DEMO_DB ?= warehouse/demo.duckdb
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test test-fast lint setup browser ocr-model demo-corpus bench bench-real bench-ocr accuracy linking soak fixed-cost clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(MAKE) --no-print-directory ocr-model
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev,ocr]"
	$(PY) -m pip check
	touch $@

# OCR's English model from Debian (the tesserocr wheel carries libtesseract itself); installed where absent (as root)
ocr-model:
	@ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || [ -n "$$TESSDATA_PREFIX" ] || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr-eng; \
	  else echo "make: OCR needs Tesseract's English model: sudo apt-get install tesseract-ocr-eng (or set TESSDATA_PREFIX)"; fi; }

DEMO_OUT ?= warehouse/demo-out

demo: setup
	$(SCHOOLPIPE) run --corpus corpus/demo --db $(DEMO_DB)
	$(SCHOOLPIPE) query "SELECT school_name, framework, inspection_start, overall_effectiveness, special_measures FROM inspections ORDER BY inspection_start" --db $(DEMO_DB)
	$(SCHOOLPIPE) query "SELECT area, grade, count(*) AS schools FROM judgements GROUP BY ALL ORDER BY schools DESC, area LIMIT 12" --db $(DEMO_DB)
	$(SCHOOLPIPE) search "moderation" --limit 3 --db $(DEMO_DB)
	$(SCHOOLPIPE) export --out $(DEMO_OUT)/export --db $(DEMO_DB)
	$(SCHOOLPIPE) import-official corpus/demo-official/latest-inspections.csv corpus/demo-official/edubasealldata.csv --db $(DEMO_DB)
	$(SCHOOLPIPE) reconcile --db $(DEMO_DB)
	$(SCHOOLPIPE) school 139482 --db $(DEMO_DB)
	$(SCHOOLPIPE) report --out $(DEMO_OUT)/report.html --db $(DEMO_DB)
	@echo "demo: warehouse $(DEMO_DB), exports in $(DEMO_OUT)/export/, report $(DEMO_OUT)/report.html (open it in a browser)"

test: setup lint browser
	$(PY) -m pytest

# the report's browser test needs Debian's chromium and its chromedriver; installed where absent (as root)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core; \
	  else echo "make browser: chromium and chromium-driver are missing; install them (sudo apt-get install chromium chromium-driver)"; exit 1; fi; }

# the fast loop: pure functions and parsers, no Prefect, no worker processes, no real corpora
test-fast: setup
	$(PY) -m pytest -m "not slow and not prefect and not processes" -q

lint: setup
	$(VENV)/bin/ruff check .

# over Ofsted's real PDFs (../shared/real/ilacs and the samples, ~5,400 pages); about 17 minutes on
# 2 cores, 12 of them the pdfplumber baseline. BENCH_ARGS="--generated" for the template corpus.
bench: setup
	$(PY) benchmarks/run_benchmark.py $(BENCH_ARGS)
	$(PY) benchmarks/ocr_benchmark.py --docs 4  # OCR's pages per second, on scans made of real PDFs

bench-real: bench  # its old name: real PDFs are the default now

# the wall time of a run that finds one new document, with and without a running Prefect server (benchmarks/fixed_cost.py)
fixed-cost: setup
	$(PY) benchmarks/fixed_cost.py $(FIXED_COST_ARGS)

# school names resolved to URNs on the real registers in ../shared/real/official (benchmarks/linking.py)
linking: setup
	$(PY) benchmarks/linking.py

# one run of 10,000 real documents made distinct, 1% hostile: all accounted for, memory flat, time linear,
# on the local workers and on a local Dask cluster (about an hour each on 2 cores; not a test)
soak: setup
	$(PY) benchmarks/soak.py $(SOAK_ARGS)

accuracy: setup
	$(PY) benchmarks/accuracy.py --engines
	$(PY) benchmarks/ocr_benchmark.py

# OCR against the text layer on scans made from real PDFs, and OCR's pages per second (also in `make accuracy`)
bench-ocr: setup
	$(PY) benchmarks/ocr_benchmark.py

demo-corpus: setup
	$(PY) -m benchmarks.generate_demo corpus/demo

clean:
	rm -rf $(VENV) .pytest_cache $(DEMO_DB) $(DEMO_DB).wal $(DEMO_OUT)
