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
- `case_files` case files and their visits (case_files.py)
- `remarks`   citizens' remarks and their answers (remarks.py)
- `integrity` what the integrity of the line is read from (integrity.py)
- `figures`   read models for reports, charts, pages and metrics (figures.py)
- `rating_comments`   the comments citizens wrote with their ratings (rating_comments.py)
- `rollups`   per-day rollups of the report figures (rollups.py)

Use cases write inside `with store.write():`; the repositories use the thread's connection, so
everything they write there is one transaction."""

from __future__ import annotations

from pathlib import Path

from .accounts import AccountRows
from .audit import Audit
from .case_files import CaseFileRows
from .db import BUSY_MS, Database, Row, StoreError
from .figures import Figures
from .floor import FloorReader
from .integrity import IntegrityRows
from .log import EventLog
from .print_jobs import PrintJobRows
from .rating_comments import RatingComments
from .remarks import RemarkRows
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
        self.rating_comments = RatingComments(self)
        self.case_files = CaseFileRows(self)
        self.remarks = RemarkRows(self)
        self.integrity = IntegrityRows(self)
        self.rollups = Rollups(self)
