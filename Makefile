# OmniCourt: `make demo` runs the platform with demo data; `make test` runs the tests.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
VENDOR  := src/omnicourt/web/static/vendor
PORT    ?= 8000

.PHONY: install bytecode demo serve test test-fast bench lint typecheck clean eval-retrieval eval-assistant ocr

install: $(BIN)/omnicourt $(VENDOR)/.stamp

$(BIN)/omnicourt: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(BIN)/omnicourt

# Front-end libraries from the npm registry, served by the platform itself (no CDN on court networks).
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	touch $@

demo: install
	PORT=$(PORT) $(BIN)/omnicourt demo --port $(PORT)

serve: install
	$(BIN)/omnicourt serve --port $(PORT)

# Bytecode compiled ahead: with PYTHONDONTWRITEBYTECODE set, every process the tests start (workers, servers) would
# otherwise compile the platform and its libraries again (seconds each); checking what is already compiled is quick.
bytecode: install
	-$(BIN)/python -m compileall -q $(VENV)/lib src

test: install bytecode
	$(BIN)/python tests/browser/ensure_chromium.py
	$(BIN)/python tests/dossier/ensure_ocr.py
	$(BIN)/python -m pytest

# Tesseract with its Simplified Chinese model from Debian's packages: OCR of scans (dossier/ocr.py). Without it the
# platform reads text layers only and says OCR is unavailable.
ocr:
	$(PY) tests/dossier/ensure_ocr.py

test-fast: install bytecode
	$(BIN)/python -m pytest -m "not browser"

# The HTTP figures use wrk from Debian's packages as the load generator (a second process).
bench: install
	command -v wrk >/dev/null || apt-get install -y -q wrk
	PYTHONPATH=. $(BIN)/python -m bench $(BENCH_ARGS)

# NDCG/MAP of plain BM25, TF-IDF and the project's ranking on the shipped judged sample.
eval-retrieval: install
	$(BIN)/omnicourt eval retrieval $(ARGS)

# Loan-element extraction on data/eval/assistant/ (ARGS=--regenerate rewrites cases.jsonl from the fixed seed).
eval-assistant: install
	$(BIN)/omnicourt eval assistant $(ARGS)

# The drunk-driving sentencing suggestion against the courts' sentences on ../shared/data (ARGS=--split heldout: record
# the run in bench/RESULTS.md).
.PHONY: eval-drunk-driving
eval-drunk-driving: install
	$(BIN)/omnicourt eval drunk-driving $(ARGS)

# CI (.ci/run) runs this before the tests: ruff, then mypy.
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# mypy over src/omnicourt, configured in pyproject.toml ([tool.mypy]).
typecheck: install
	$(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
