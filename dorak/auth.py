"""Users, device tokens and who may do what. No Flask here: the web layer asks these questions.
What an admin or the command line changes here is audited in the same transaction."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from werkzeug.security import check_password_hash, generate_password_hash

from .clock import Clock, system_clock
from .domain.roles import (
    TOKEN_ROLES,
    USER_ROLES,
    Principal,
    Role,
    may_act_at,
    may_issue,
    may_supervise,
)
from .domain.texts import TextKind, text_problem
from .store import Store

__all__ = [
    "TOKEN_ROLES",
    "USER_ROLES",
    "AccountError",
    "Accounts",
    "Principal",
    "may_act_at",
    "may_issue",
    "may_supervise",
]

T = TypeVar("T")
# scrypt as werkzeug runs it takes 32 MiB and ~100 ms of a core. One at a time: ten clerks
# signing in at opening wait a second at most, and on a two-core box a flood of guesses leaves
# a core to the event loop (and takes neither the memory nor every pool thread).
HASHING_AT_ONCE = 1

TOKEN_PREFIX = "dk_"
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A request about accounts that cannot be done; str() says why."""


def _plain(text: str, kind: TextKind, what: str) -> None:
    bad = text_problem(text, kind)
    if bad:
        spaces = " nor spaces" if kind is TextKind.USERNAME else ""
        raise AccountError(f"{what} holds no control or invisible characters{spaces} ({bad})")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    def __init__(
        self,
        store: Store,
        offload: Callable[[Callable[[], Any]], Any] = lambda job: job(),
        clock: Clock = system_clock,
    ) -> None:
        self.store = store
        self.rows = store.accounts
        self.clock = clock
        # Under gevent: gevent's pool of native threads, so hashing never stops the loop.
        self.offload = offload
        self._hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)

    def _slow(self, job: Callable[[], T]) -> T:
        with self._hashing:
            return self.offload(job)  # type: ignore[no-any-return]

    def _hash(self, password: str) -> str:
        return self._slow(lambda: generate_password_hash(password, method="scrypt"))

    def _check(self, password_hash: str, password: str) -> bool:
        return self._slow(lambda: check_password_hash(password_hash, password))

    def _audit(self, by: Principal | None, action: str, at: float, **details: Any) -> None:
        if by is not None and by.audited:
            self.store.audit.add(at, by.name, by.role, action, details)

    def add_user(
        self,
        username: str,
        password: str,
        role: str,
        window: int | None = None,
        name: str | None = None,
        by: Principal | None = None,
    ) -> None:
        username = username.strip()
        if not username or len(username) > 64:
            raise AccountError("username must be 1 to 64 characters")
        _plain(username, TextKind.USERNAME, "a username")
        if name is not None:
            _plain(name, TextKind.NAME, "a name")
        if role not in USER_ROLES:
            raise AccountError(f"role must be one of {', '.join(USER_ROLES)}")
        if role == Role.CLERK and window is None:
            raise AccountError("a clerk needs --window: the window they work at")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        password_hash = self._hash(password)
        at = self.clock().timestamp()
        with self.store.write():
            taken = {u.casefold() for u in self.rows.usernames()}
            if username.casefold() in taken:  # "Admin" would pass for "admin" on a screen
                raise AccountError(f"user {username!r} exists already")
            window = window if role == Role.CLERK else None
            self.rows.add_user(username, name or username, role, window, password_hash, at)
            extra = {"window": window} if by is not None and by.kind == "cli" else {}
            self._audit(by, "user_add", at, user=username, role=role, **extra)

    def set_password(self, username: str, password: str, by: Principal | None = None) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        password_hash = self._hash(password)
        at = self.clock().timestamp()
        with self.store.write():
            if not self.rows.set_password(username, password_hash):
                raise AccountError(f"no user {username!r}")
            self._audit(by, "user_passwd", at, user=username)

    def set_active(self, username: str, active: bool, by: Principal | None = None) -> None:
        at = self.clock().timestamp()
        with self.store.write():
            if not self.rows.set_active(username, active):
                raise AccountError(f"no user {username!r}")
            self._audit(by, "user_enable" if active else "user_disable", at, user=username)

    def users(self) -> list[dict[str, Any]]:
        return self.rows.users()

    def display_name(self, username: str) -> str:
        """The name a person is shown by (their login name when none was given)."""
        row = self.rows.user(username, active=False)
        return row.name if row is not None and row.name else username

    def authenticate(self, username: str, password: str) -> Principal | None:
        row = self.rows.user(username.strip())
        if row is None:
            # Same work either way, so timing does not tell which usernames exist.
            self._check(_DUMMY_HASH, password)
            return None
        if not self._check(row.password_hash, password):
            return None
        return Principal(row.role, row.username, row.window, "user")

    def session_version(self, username: str) -> int:
        """Sessions carry this; it moves on at sign-out, a new password or deactivation."""
        row = self.rows.user(username, active=False)
        return row.session_version if row else -1

    def session_user(self, username: object, version: object) -> Principal | None:
        """The signed-in person of a session, while that session has not been ended."""
        if not isinstance(username, str) or not isinstance(version, int):
            return None
        row = self.rows.session_user(username, version)
        return Principal(row.role, row.username, row.window) if row else None

    def end_sessions(self, username: str) -> None:
        """Every session of this user ends now, on every device."""
        with self.store.write():
            self.rows.end_sessions(username)

    def user(self, username: str) -> Principal | None:
        row = self.rows.user(username)
        return Principal(row.role, row.username, row.window) if row else None

    def create_token(
        self,
        role: str,
        window: int | None = None,
        label: str | None = None,
        by: Principal | None = None,
    ) -> str:
        if role not in TOKEN_ROLES:
            raise AccountError(f"role must be one of {', '.join(TOKEN_ROLES)}")
        if role == Role.CLERK and window is None:
            raise AccountError("a clerk token needs --window")
        if label:
            _plain(label, TextKind.NAME, "a label")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        at = self.clock().timestamp()
        with self.store.write():
            if not label and role == Role.KIOSK:  # every kiosk its own name: kiosk-3, kiosk-4
                label = f"{role}-{self.rows.last_token_id() + 1}"
            window = window if role == Role.CLERK else None
            label = label or (f"{role}-{window}" if window else str(role))
            self.rows.add_token(_digest(token), role, window, label, at)
            self._audit(by, "token_create", at, role=role, window=window)
        return token

    def verify_token(self, token: str) -> Principal | None:
        if not token.startswith(TOKEN_PREFIX) or not token.isascii():
            return None
        row = self.rows.token(_digest(token))
        if row is None:
            return None
        return Principal(row.role, row.label, row.window, "token", f"token:{row.id}")

    def tokens(self) -> list[dict[str, Any]]:
        return self.rows.tokens()

    def revoke_token(self, token_id: int, by: Principal | None = None) -> None:
        at = self.clock().timestamp()
        with self.store.write():
            if not self.rows.revoke_token(token_id, at):
                raise AccountError(f"no active token with id {token_id}")
            self._audit(by, "token_revoke", at, id=token_id)


_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")
