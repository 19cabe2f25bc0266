"""Who may do what: the one list of roles, and the rules every door asks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    CLERK = "clerk"
    KIOSK = "kiosk"
    DISPLAY = "display"


USER_ROLES = (Role.ADMIN, Role.SUPERVISOR, Role.CLERK)  # people who sign in
TOKEN_ROLES = (Role.KIOSK, Role.CLERK, Role.DISPLAY, Role.SUPERVISOR, Role.ADMIN)  # devices
LEADS = frozenset({Role.SUPERVISOR, Role.ADMIN})
CLI = "cli"  # the name the command line acts under (with the admin role)


@dataclass(frozen=True)
class Principal:
    role: str
    name: str
    window: int | None = None
    kind: str = "user"  # "user" (signed-in person) or "token" (device / script)
    device: str = ""  # a token's own key ("token:7"): limits and retries are per device

    @property
    def is_staff_lead(self) -> bool:
        return self.role in LEADS

    @property
    def audited(self) -> bool:
        """What supervisors, admins and the command line do is kept in the audit log (clerks'
        work is in the tickets' events already)."""
        return self.is_staff_lead


COMMAND_LINE = Principal(Role.ADMIN, CLI, kind="cli")


def may_issue(p: Principal | None) -> bool:
    return p is not None and p.role in (Role.KIOSK, Role.CLERK, Role.SUPERVISOR, Role.ADMIN)


def may_act_at(p: Principal | None, window: int) -> bool:
    """Only the clerk of that window, or a supervisor/admin, may act at a window."""
    if p is None:
        return False
    return p.is_staff_lead or (p.role == Role.CLERK and p.window == window)


def may_supervise(p: Principal | None) -> bool:
    return p is not None and p.is_staff_lead


def is_admin(p: Principal | None) -> bool:
    return p is not None and p.role == Role.ADMIN
