"""Users, device tokens and who may do what. No Flask here: the web layer asks these questions."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from werkzeug.security import check_password_hash, generate_password_hash

from .store import Store

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


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store

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
        if role not in USER_ROLES:
            raise AccountError(f"role must be one of {', '.join(USER_ROLES)}")
        if role == "clerk" and window is None:
            raise AccountError("a clerk needs --window: the window they work at")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        with self.store.write() as conn:
            if conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
                raise AccountError(f"user {username!r} exists already")
            Store.insert(
                conn,
                "users",
                {
                    "username": username,
                    "name": name or username,
                    "role": role,
                    "window": window if role == "clerk" else None,
                    "password_hash": generate_password_hash(password, method="scrypt"),
                    "active": 1,
                    "created_at": time.time(),
                },
            )

    def set_password(self, username: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        with self.store.write() as conn:
            cur = conn.execute(
                "UPDATE users SET password_hash = ? WHERE username = ?",
                (generate_password_hash(password, method="scrypt"), username),
            )
            if cur.rowcount == 0:
                raise AccountError(f"no user {username!r}")

    def set_active(self, username: str, active: bool) -> None:
        with self.store.write() as conn:
            cur = conn.execute(
                "UPDATE users SET active = ? WHERE username = ?", (int(active), username)
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
            check_password_hash(_DUMMY_HASH, password)
            return None
        if not check_password_hash(row["password_hash"], password):
            return None
        return Principal(row["role"], row["username"], row["window"], "user")

    def user(self, username: str) -> Principal | None:
        row = self.store.one("SELECT * FROM users WHERE username = ? AND active = 1", (username,))
        return Principal(row["role"], row["username"], row["window"]) if row else None

    def create_token(self, role: str, window: int | None = None, label: str | None = None) -> str:
        if role not in TOKEN_ROLES:
            raise AccountError(f"role must be one of {', '.join(TOKEN_ROLES)}")
        if role == "clerk" and window is None:
            raise AccountError("a clerk token needs --window")
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
        if not token.startswith(TOKEN_PREFIX):
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
