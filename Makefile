.PHONY: run test lint format reset-local-db services-start services-stop

run:            ## the portal on the embedded default, seed data loaded, at http://127.0.0.1:8000
	scripts/run

test:           ## lint, checks, and the whole suite on PostgreSQL + Elasticsearch and on SQLite
	scripts/test

lint:
	scripts/bootstrap && .venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports --no-cache

format:
	scripts/bootstrap && .venv/bin/ruff check --fix . && .venv/bin/ruff format .

reset-local-db: ## delete the embedded SQLite database and uploaded media (var/)
	rm -rf var/

services-start:
	scripts/postgres start && scripts/elasticsearch start

services-stop:
	scripts/elasticsearch stop; scripts/postgres stop
