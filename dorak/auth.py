"""Users, device tokens and who may do what. No Flask here: the web layer asks these questions."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from werkzeug.security import check_password_hash, generate_password_hash

from .domain.texts import TextKind, text_problem
from .store import Store

T = TypeVar("T")
# scrypt as werkzeug runs it takes 32 MiB and ~100 ms of a core. One at a time: ten clerks
# signing in at opening wait a second at most, and on a two-core box a flood of guesses leaves
# a core to the event loop (and takes neither the memory nor every pool thread).
HASHING_AT_ONCE = 1

USER_ROLES = ("admin", "supervisor", "clerk")
TOKEN_ROLES = ("kiosk", "clerk", "display", "supervisor", "admin")
TOKEN_PREFIX = "dk_"
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A request about accounts that cannot be done; str() says why."""


@dataclass(frozen=True)
class Principal:
    role: str
    name: str
    window: int | None = None
    kind: str = "user"  # "user" (signed-in person) or "token" (device / script)
    device: str = ""  # a token's own key ("token:7"): limits and retries are per device

    @property
    def is_staff_lead(self) -> bool:
        return self.role in ("supervisor", "admin")


def may_issue(p: Principal | None) -> bool:
    return p is not None and p.role in ("kiosk", "clerk", "supervisor", "admin")


def may_act_at(p: Principal | None, window: int) -> bool:
    """Only the clerk of that window, or a supervisor/admin, may act at a window."""
    if p is None:
        return False
    return p.is_staff_lead or (p.role == "clerk" and p.window == window)


def may_supervise(p: Principal | None) -> bool:
    return p is not None and p.is_staff_lead


def _plain(text: str, kind: TextKind, what: str) -> None:
    bad = text_problem(text, kind)
    if bad:
        spaces = " nor spaces" if kind is TextKind.USERNAME else ""
        raise AccountError(f"{what} holds no control or invisible characters{spaces} ({bad})")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    def __init__(
        self, store: Store, offload: Callable[[Callable[[], Any]], Any] = lambda job: job()
    ) -> None:
        self.store = store
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

    def add_user(
        self,
        username: str,
        password: str,
        role: str,
        window: int | None = None,
        name: str | None = None,
    ) -> None:
        username = username.strip()
        if not username or len(username) > 64:
            raise AccountError("username must be 1 to 64 characters")
        _plain(username, TextKind.USERNAME, "a username")
        if name is not None:
            _plain(name, TextKind.NAME, "a name")
        if role not in USER_ROLES:
            raise AccountError(f"role must be one of {', '.join(USER_ROLES)}")
        if role == "clerk" and window is None:
            raise AccountError("a clerk needs --window: the window they work at")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        password_hash = self._hash(password)
        with self.store.write() as conn:
            taken = {r[0].casefold() for r in conn.execute("SELECT username FROM users")}
            if username.casefold() in taken:  # "Admin" would pass for "admin" on a screen
                raise AccountError(f"user {username!r} exists already")
            Store.insert(
                conn,
                "users",
                {
                    "username": username,
                    "name": name or username,
                    "role": role,
                    "window": window if role == "clerk" else None,
                    "password_hash": password_hash,
                    "active": 1,
                    "created_at": time.time(),
                },
            )

    def set_password(self, username: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        password_hash = self._hash(password)
        with self.store.write() as conn:
            # A new password ends every session of the user (a copied cookie too).
            cur = conn.execute(
                "UPDATE users SET password_hash = ?, session_version = session_version + 1 "
                "WHERE username = ?",
                (password_hash, username),
            )
            if cur.rowcount == 0:
                raise AccountError(f"no user {username!r}")

    def set_active(self, username: str, active: bool) -> None:
        with self.store.write() as conn:
            cur = conn.execute(
                "UPDATE users SET active = ?, session_version = session_version + 1 "
                "WHERE username = ?",
                (int(active), username),
            )
            if cur.rowcount == 0:
                raise AccountError(f"no user {username!r}")

    def users(self) -> list[dict[str, object]]:
        return self.store.all(
            "SELECT username, name, role, window, active FROM users ORDER BY username"
        )

    def authenticate(self, username: str, password: str) -> Principal | None:
        row = self.store.one(
            "SELECT * FROM users WHERE username = ? AND active = 1", (username.strip(),)
        )
        if row is None:
            # Same work either way, so timing does not tell which usernames exist.
            self._check(_DUMMY_HASH, password)
            return None
        if not self._check(row["password_hash"], password):
            return None
        return Principal(row["role"], row["username"], row["window"], "user")

    def session_version(self, username: str) -> int:
        """Sessions carry this; it moves on at sign-out, a new password or deactivation."""
        row = self.store.one("SELECT session_version FROM users WHERE username = ?", (username,))
        return int(row["session_version"]) if row else -1

    def session_user(self, username: object, version: object) -> Principal | None:
        """The signed-in person of a session, while that session has not been ended."""
        if not isinstance(username, str) or not isinstance(version, int):
            return None
        row = self.store.one(
            "SELECT * FROM users WHERE username = ? AND active = 1 AND session_version = ?",
            (username, version),
        )
        return Principal(row["role"], row["username"], row["window"]) if row else None

    def end_sessions(self, username: str) -> None:
        """Every session of this user ends now, on every device."""
        with self.store.write() as conn:
            conn.execute(
                "UPDATE users SET session_version = session_version + 1 WHERE username = ?",
                (username,),
            )

    def user(self, username: str) -> Principal | None:
        row = self.store.one("SELECT * FROM users WHERE username = ? AND active = 1", (username,))
        return Principal(row["role"], row["username"], row["window"]) if row else None

    def create_token(self, role: str, window: int | None = None, label: str | None = None) -> str:
        if role not in TOKEN_ROLES:
            raise AccountError(f"role must be one of {', '.join(TOKEN_ROLES)}")
        if role == "clerk" and window is None:
            raise AccountError("a clerk token needs --window")
        if label:
            _plain(label, TextKind.NAME, "a label")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.store.write() as conn:
            if not label and role == "kiosk":  # every kiosk its own name: kiosk-3, kiosk-4
                last = conn.execute("SELECT coalesce(max(id), 0) FROM tokens").fetchone()[0]
                label = f"{role}-{last + 1}"
            Store.insert(
                conn,
                "tokens",
                {
                    "token_hash": _digest(token),
                    "role": role,
                    "window": window if role == "clerk" else None,
                    "label": label or (f"{role}-{window}" if window else role),
                    "created_at": time.time(),
                },
            )
        return token

    def verify_token(self, token: str) -> Principal | None:
        if not token.startswith(TOKEN_PREFIX) or not token.isascii():
            return None
        row = self.store.one(
            "SELECT * FROM tokens WHERE token_hash = ? AND revoked_at IS NULL", (_digest(token),)
        )
        if row is None:
            return None
        return Principal(row["role"], row["label"], row["window"], "token", f"token:{row['id']}")

    def tokens(self) -> list[dict[str, object]]:
        return self.store.all(
            "SELECT id, role, window, label, created_at, revoked_at FROM tokens ORDER BY id"
        )

    def revoke_token(self, token_id: int) -> None:
        with self.store.write() as conn:
            cur = conn.execute(
                "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (time.time(), token_id),
            )
            if cur.rowcount == 0:
                raise AccountError(f"no active token with id {token_id}")


_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")
