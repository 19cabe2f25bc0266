"""The use cases of the queue, one module per kind of work. `Operations` is all of them on one
store, center and clock (what the app, the CLI, the simulator and the tests hold)."""

from __future__ import annotations

from .base import Clock, Result, system_clock
from .case_files import CaseFileActions
from .center import CenterActions
from .integrity import LineIntegrity
from .issuing import Issuing
from .remarks import RemarkActions
from .restoring import Restoring
from .staffing import Staffing
from .tickets import TicketActions
from .window import WindowActions

__all__ = ["Clock", "Operations", "Result", "system_clock"]


class Operations(
    CaseFileActions,
    RemarkActions,
    LineIntegrity,
    Issuing,
    WindowActions,
    TicketActions,
    CenterActions,
    Staffing,
    Restoring,
):
    """Issue, call, serve, cancel, rate; the notice, services, the day; who is at the windows."""
