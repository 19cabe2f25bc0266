"""A real PostgreSQL for the hub's tests: one server per session, started from Debian's package
in a temporary folder on a free port (as the `postgres` user when the tests run as root) and
stopped at the end; a new database per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from dorak.store.hub import HubStore
from dorak.store.hub.devpg import TempPostgres

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres]:
    with TempPostgres() as pg:
        yield pg


@pytest.fixture
def hub_url(postgres: TempPostgres) -> str:
    return postgres.create_database(f"hub_{next(_names)}")


@pytest.fixture
def hub_store(hub_url: str) -> Iterator[HubStore]:
    store = HubStore(hub_url, max_size=4)
    store.migrate()
    yield store
    store.close()
