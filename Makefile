# Stridewell — run `make help` for the list of targets.
SHELL := /bin/sh
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-fast lint format check-deploy bench fuzz clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@py="$$(scripts/find-python)" || exit 1; \
	if [ ! -x "$(BIN)/python" ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv "$(VENV)"; fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

run: install ## Install, migrate the SQLite database, load demo data and serve on http://$(HOST):$(PORT)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py demo
	@echo "Stridewell is at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install ## Migrate and load the demo data only (idempotent)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py demo

test: install ## Install and run the whole test suite (SQLite; PostgreSQL when DATABASE_URL points at one)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy stridewell config

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install ## Django's deployment checks against production-like settings
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-check-deploy-only-$$(date +%s)-not-a-real-key-0123456789abcdef} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-clinic.example} REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install ## Run the benchmarks under bench/ and print their figures
	@for f in bench/bench_*.py; do [ -e "$$f" ] || continue; echo "== $$f"; $(BIN)/python "$$f" || exit 1; done

fuzz: install ## Fuzz the live API with schemathesis as a runner and as staff (FUZZ_SECONDS per token, default 60)
	scripts/fuzz-api $${FUZZ_SECONDS:-60}

clean: ## Remove the virtualenv, caches and the local database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-output db.sqlite3 db.sqlite3-*
