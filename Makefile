# The two commands: `make run` (set up and start the demo center) and `make test`.
HOST ?= 127.0.0.1
PORT ?= 5000
HUB_PORT ?= 8000

.PHONY: setup run test test-busy lint bench hub-demo

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/dorak demo --host $(HOST) --port $(PORT)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

test: lint
	.venv/bin/pytest

# The whole suite with one core kept busy by another process: timing assumptions show here.
test-busy: setup
	bash scripts/busy.sh -n 1 $(MAKE) test

bench: setup
	.venv/bin/python benchmarks/issue_tickets.py

# The governorate hub: PostgreSQL, the hub and three simulated centers syncing to it (Ctrl-C stops).
hub-demo: setup
	.venv/bin/python scripts/hub_demo.py --port $(HUB_PORT)
