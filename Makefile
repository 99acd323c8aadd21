# cchc — two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Demo settings: SQLite file, console e-mail, no secret needed.
DEMO_ENV := DEBUG=1 CCHC_DEMO=1

.PHONY: install install-dev demo seed serve test test-sqlite test-postgres lint browser-deps office-deps calendar-deps \
	bench-import bench-render bench-dashboard bench-aggregate assets clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## demo: install, migrate SQLite, load units and the five sample plans, create demo users, serve :8000
demo: install seed serve

seed: install
	$(DEMO_ENV) $(MANAGE) migrate --noinput
	$(DEMO_ENV) $(MANAGE) load_units
	$(DEMO_ENV) $(MANAGE) load_sample_plans
	$(DEMO_ENV) $(MANAGE) create_demo_users

serve: install
	@echo "cchc: http://$(HOST):$(PORT)/"
	$(DEMO_ENV) $(MANAGE) runserver $(HOST):$(PORT)

## browser-deps: Debian's Chromium for the Playwright browser tests (never a downloaded browser)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; fi; }

## calendar-deps: libical, the calendar library of Evolution and Thunderbird, to read our .ics feed in a test
calendar-deps:
	@ldconfig -p 2>/dev/null | grep -q 'libical\.so' || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libical3 >/dev/null; \
		else echo "libical missing: run 'sudo apt-get install libical3' (the calendar client test will be skipped)"; fi; }

## office-deps: LibreOffice headless, to turn .docx into PDF (benchmarks, PDF export), pdftoppm for the
## PNG test artifacts, Liberation Serif (metric-compatible with Times New Roman) for the layout
office-deps:
	@{ command -v soffice && command -v pdftoppm && fc-list | grep -q LiberationSerif; } >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui fonts-dejavu-core poppler-utils fonts-liberation >/dev/null; \
		else echo "soffice/pdftoppm missing: run 'sudo apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation'"; fi; }

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	CCHC_DEMO=1 $(MANAGE) makemigrations --check --dry-run

## test: lint, then the whole suite on SQLite (DATABASE_URL picks another database)
test: install-dev browser-deps office-deps calendar-deps lint
	CCHC_DEMO=1 $(VENV)/bin/pytest -n 2 --dist loadfile

test-postgres: install-dev
	CCHC_DEMO=1 $(VENV)/bin/pytest -n 2 --dist loadfile --ignore=tests/importer --ignore=tests/schedule

bench-import: install-dev office-deps
	$(PY) -m bench.import_bench

## bench-render: the five sample plans rendered to .docx; prints render_ms_max= last (target < 150 ms)
bench-render: install-dev
	$(PY) -m bench.render_bench

## bench-dashboard: the coordinator dashboard on a PostgreSQL database of its own (made, then dropped)
BENCH_DB ?= cchc_bench_dashboard
BENCH_PG := -h 127.0.0.1 -p 5432 -U postgres
bench-dashboard:
	dropdb $(BENCH_PG) --if-exists $(BENCH_DB)
	createdb $(BENCH_PG) $(BENCH_DB)
	CCHC_DEMO=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(BENCH_DB) $(PY) -m bench.dashboard_bench; \
		status=$$?; dropdb $(BENCH_PG) --if-exists $(BENCH_DB); exit $$status

## bench-aggregate: the province's annual aggregate of 100 communes x 4 quarters, on its own PostgreSQL database
BENCH_AGGREGATE_DB ?= cchc_bench_aggregate
bench-aggregate:
	dropdb $(BENCH_PG) --if-exists $(BENCH_AGGREGATE_DB)
	createdb $(BENCH_PG) $(BENCH_AGGREGATE_DB)
	CCHC_DEMO=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(BENCH_AGGREGATE_DB) $(PY) -m bench.aggregate_bench; \
		status=$$?; dropdb $(BENCH_PG) --if-exists $(BENCH_AGGREGATE_DB); exit $$status

## assets: copy front-end packages from the npm registry into static/vendor (committed)
assets:
	npm ci --no-audit --no-fund
	mkdir -p static/vendor/bootstrap static/vendor/bootstrap-icons/fonts static/vendor/htmx static/vendor/chartjs
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
		node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
		static/vendor/bootstrap/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff \
		static/vendor/bootstrap-icons/fonts/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map \
		node_modules/chart.js/LICENSE.md static/vendor/chartjs/

clean:
	rm -rf $(VENV) db.sqlite3* var test-artifacts
