# Two commands do all the set-up on a fresh machine with Python 3.11 and pip:
#   make demo   installs, aligns the bundled samples (side-by-side summary, JSON), imports
#               them into a local SQLite review project and starts the review app on
#               http://127.0.0.1:8501, printing a demo login
#   make test   installs and runs the whole test suite (browser tests need /usr/bin/chromium,
#               PostgreSQL tests need $ALIGN_TEST_PG; .ci/run provides both)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= out

.PHONY: install demo test bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned: an unpinned torch would pull several GB of CUDA packages
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python -m align demo --samples samples --out $(OUT)
	$(BIN)/python -m ui.demo

test: install
	ALIGN_ARTEFACTS=$${ALIGN_ARTEFACTS:-$(OUT)/ui-artefacts} $(BIN)/python -m pytest -q

DATA ?= ../shared/data

# One BLAS thread everywhere: on a busy two-core machine more threads spin.
bench: export OPENBLAS_NUM_THREADS = 1
bench: export OMP_NUM_THREADS = 1
bench: install
	mkdir -p $(OUT)
	$(BIN)/python -m benchmarks.run --data $(DATA) --out $(OUT)/bench.md
	printf '\nSpeed, one core (benchmarks/stress.py: NTREX, default scorer then lexical; hunalign when HUNALIGN names its binary):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.stress --data $(DATA) --ntrex | tee -a $(OUT)/bench.md
	$(BIN)/python -m benchmarks.stress --data $(DATA) --ntrex --scorer lexical | tee -a $(OUT)/bench.md
	if [ -n "$$HUNALIGN" ]; then $(BIN)/python -m benchmarks.stress --data $(DATA) --ntrex --hunalign | tee -a $(OUT)/bench.md; fi
	printf '\nScaling, 1k-50k sentences a side, skewed and partial pairs (benchmarks/scaling.py; plot in $(OUT)/scaling/):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.scaling --data $(DATA) --timeout 400 --out-dir $(OUT)/scaling | tee -a $(OUT)/bench.md
	printf '\nBundled encoders (benchmarks/encoder_speed.py):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.encoder_speed | tee -a $(OUT)/bench.md
	printf '\nQA checks on planted errors, test half (benchmarks/planted.py):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.planted --split test | tee -a $(OUT)/bench.md
	$(BIN)/python -m benchmarks.planted --split test --shapes translation --nothing-planted | tee -a $(OUT)/bench.md
	printf '\nBatch throughput (benchmarks/batch.py):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.batch --pairs 2000 | tee -a $(OUT)/bench.md
	printf '\nQA checks (benchmarks/qa_speed.py):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.qa_speed | tee -a $(OUT)/bench.md
	printf '\nReview operations (benchmarks/store_ops.py; PostgreSQL when ALIGN_TEST_PG is set):\n' >> $(OUT)/bench.md
	$(BIN)/python -m benchmarks.store_ops --reps 20 --sizes 300,5000 | tee -a $(OUT)/bench.md

lint: install
	$(BIN)/ruff check align tests benchmarks ui
	$(BIN)/mypy --strict align
	$(BIN)/mypy ui

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache *.egg-info
