# Tadamon: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/tadamon
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-postgres e2e lint format messages compile-messages migrate demo \
	system-gettext system-chromium clean serve worker assets

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# gettext's msgfmt compiles the translation catalogues.
system-gettext:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq gettext; }

# Browser tests drive Debian's chromium; Playwright's own browser download cannot work here.
system-chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium; }

compile-messages: $(STAMP) system-gettext
	$(BIN)/python manage.py compilemessages --ignore '.venv' --verbosity 0

# Static files built from a source into build/ (git-ignored): the installable app's icons, cut
# from tadamon/pwa/icon-source/tadamon.png, and the Arabic web font cut for phones from its
# package; a no-op while they are newer than their sources.
assets: $(STAMP)
	$(BIN)/python manage.py build_assets --verbosity 0

messages: $(STAMP) system-gettext
	$(BIN)/python manage.py makemessages --locale ar --locale fr --locale en \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*' --no-obsolete
	msgattrib --clear-fuzzy --clear-previous --empty locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	msgen locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore '.venv' --verbosity 0

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo --if-empty

run: compile-messages assets demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production-like on this machine (bin/serve, docs/deploy.md): DJANGO_DEBUG=0, PostgreSQL,
# Redis as cache and task broker, gunicorn on 127.0.0.1:8000 and the task worker beside it.
serve: compile-messages assets
	bin/serve

worker: $(STAMP)
	bin/serve --worker-only

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint compile-messages assets
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest

test-postgres: compile-messages assets
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

e2e: compile-messages assets system-chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m e2e

clean:
	rm -rf $(VENV) var build/icons build/fonts .pytest_cache .ruff_cache
