# Two commands do all set-up from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= examples-ledger.db

.PHONY: run test lint install clean bench

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,ray]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/claimledger read examples/pages --format table
	rm -f $(DB)
	$(BIN)/claimledger run examples/pages --db $(DB)
	$(BIN)/claimledger ledger --db $(DB) --disputed
	@echo
	@echo "Browse the ledger with:  $(BIN)/claimledger serve --db $(DB)"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs examples
	$(BIN)/pytest -q || [ $$? -eq 5 ]  # 5: no tests collected

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs examples
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/attribution.py
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
