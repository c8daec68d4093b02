# Gezinsplan: `make demo` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python src/manage.py
DEMO_ENV := GEZINSPLAN_DEMO=1 DJANGO_SETTINGS_MODULE=gezinsplan.conf.dev
PYTEST_ARGS ?=

.PHONY: install assets system demo serve test lint bench clean messages compile-messages

$(VENV)/.installed: pyproject.toml requirements/lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements/lock.txt
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

src/gezinsplan/static/vendor/.built: package.json package-lock.json scripts/build_assets.sh
	bash scripts/build_assets.sh
	touch $@

install: $(VENV)/.installed assets

assets: src/gezinsplan/static/vendor/.built

# Debian packages the app and its tests need (Chromium for browser tests, Pango for PDFs).
system:
	bash scripts/ensure_system_packages.sh

demo: system install
	mkdir -p var
	$(DEMO_ENV) $(MANAGE) migrate --noinput -v0
	$(DEMO_ENV) $(MANAGE) createcachetable
	$(DEMO_ENV) $(MANAGE) load_demo
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

serve: install
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

test: system install
	$(BIN)/ruff check .
	DATABASE_URL=sqlite://:memory: $(BIN)/python src/manage.py makemigrations --check --dry-run -v0 --settings=gezinsplan.conf.test
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests || true

# English catalogue (docs/conventions.md, UI): extract the Dutch msgids, translate, then compile.
messages:
	cd src/gezinsplan && ../../$(BIN)/python ../manage.py makemessages -l en --add-location=file --no-obsolete --settings=gezinsplan.conf.test

compile-messages:
	cd src/gezinsplan && ../../$(BIN)/python ../manage.py compilemessages -l en --settings=gezinsplan.conf.test

bench: system install
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) node_modules src/gezinsplan/static/vendor var/*.sqlite3*
