"""The store owns every SQL statement of Dorak. `Store` is the database file (connections,
`write()` transactions, migrations) with one repository per kind of thing:

- `tickets`   the Ticket type in and out, the lines (dorak/store/tickets.py)
- `log`       the append-only event log (log.py)
- `floor`     the state of the floor in one read (floor.py)
- `windows`   open/paused, who is signed in, services closed for new tickets (windows.py)
- `settings`  live settings and the center's configuration (settings.py)
- `audit`     what supervisors and admins did (audit.py)
- `accounts`  users and device tokens (accounts.py)
- `print_jobs` durable print jobs (print_jobs.py)
- `figures`   read models for reports, charts, pages and metrics (figures.py)
- `rollups`   per-day rollups of the report figures (rollups.py)

Use cases write inside `with store.write():`; the repositories use the thread's connection, so
everything they write there is one transaction."""

from __future__ import annotations

from pathlib import Path

from .accounts import AccountRows
from .audit import Audit
from .db import BUSY_MS, Database, Row, StoreError
from .figures import Figures
from .floor import FloorReader
from .log import EventLog
from .print_jobs import PrintJobRows
from .rollups import Rollups
from .settings import Settings
from .tickets import Tickets
from .windows import Windows

__all__ = ["BUSY_MS", "Database", "Row", "Store", "StoreError"]


class Store(Database):
    def __init__(
        self, path: str | Path, *, synchronous: str = "NORMAL", timeout: float = 10.0
    ) -> None:
        super().__init__(path, synchronous=synchronous, timeout=timeout)
        self.tickets = Tickets(self)
        self.log = EventLog(self)
        self.floor = FloorReader(self)
        self.windows = Windows(self)
        self.settings = Settings(self)
        self.audit = Audit(self)
        self.accounts = AccountRows(self)
        self.print_jobs = PrintJobRows(self)
        self.figures = Figures(self)
        self.rollups = Rollups(self)
