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
	$(BIN)/claimledger read examples/ --format table
	rm -f $(DB)
	$(BIN)/claimledger run examples/ --db $(DB)
	$(BIN)/claimledger ledger --db $(DB) --disputed
	@echo
	@echo "Browse the ledger with:  $(BIN)/claimledger serve --db $(DB)"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q || [ $$? -eq 5 ]  # 5: no tests collected

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
