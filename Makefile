# Every command of the project. `make` alone lists them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Local runs ask for DEBUG; everything else runs like production.
DEV := DJANGO_DEBUG=true
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test setup system-packages system-packages-test lint format typecheck check-deploy \
        worker beat messages lock vendor-nlds oidc-provider clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

run: system-packages setup ## Install, migrate, load content and serve http://127.0.0.1:8000/ (PORT=…)
	$(DEV) PUBLIC_BASE_URL="$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)}" \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-packages-test setup ## Install and run the whole test suite
	$(BIN)/pytest

system-packages: ## Install missing Debian packages (Pango, HarfBuzz, fonts, gettext)
	@scripts/system-packages.sh run

system-packages-test: ## The same, plus Chromium for the browser tests
	@scripts/system-packages.sh test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements-dev.lock
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

setup: $(VENV)/.installed ## Create .venv, install the locked dependencies, migrate, collect static, load the statements
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0
	$(DEV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	$(DEV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEV) $(BIN)/python manage.py load_statements

lint: $(VENV)/.installed ## ruff lint and format check, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(VENV)/.installed ## mypy on the modules listed in [tool.mypy] in pyproject.toml, as CI runs it
	$(BIN)/mypy

check-deploy: $(VENV)/.installed ## Django's deployment checks with production-like variables
	scripts/check-deploy.sh

worker: ## Run a Celery worker (needs CELERY_BROKER_URL)
	$(BIN)/celery -A heerlen_privacy worker --loglevel INFO

beat: ## Run the one Celery beat process (needs CELERY_BROKER_URL); never run two
	$(BIN)/celery -A heerlen_privacy beat --loglevel INFO --schedule $(VENV)/celerybeat-schedule

messages: ## Update the Dutch message catalogue after changing texts
	$(DEV) $(BIN)/python manage.py makemessages -l nl --ignore=.venv --ignore=staticfiles

lock: ## Re-resolve requirements.lock (runtime) and requirements-dev.lock, with hashes, from pyproject.toml
	scripts/lock.sh

vendor-nlds: ## Refresh the vendored NL Design System CSS and fonts from npm
	scripts/vendor-nlds.sh

oidc-provider: $(VENV)/.installed ## Run the test OpenID Provider (DigiD stand-in) on http://127.0.0.1:8001 for `make run`
	$(BIN)/python tests/oidc_provider/provider.py --port 8001 --client-id portal-dev \
	  --client-secret dev-secret --redirect-uri 'http://127.0.0.1:8000/digid/terug/' \
	  --redirect-uri 'http://localhost:8000/digid/terug/' \
	  --post-logout-uri 'http://127.0.0.1:8000/digid/uitgelogd/' \
	  --post-logout-uri 'http://localhost:8000/digid/uitgelogd/'

clean: ## Remove the virtualenv, the SQLite file and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles
