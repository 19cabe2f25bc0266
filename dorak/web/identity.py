"""Who is asking: a bearer token, a device enrolled by signed cookie, or a signed-in user."""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING

from flask import current_app, g, request, session

from ..domain.roles import Principal
from .errors import ApiError

if TYPE_CHECKING:
    from ..bootstrap import Dorak

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def dorak() -> Dorak:
    return current_app.extensions["dorak"]  # type: ignore[no-any-return]


def principal_from_token(token: str | None) -> Principal | None:
    return dorak().accounts.verify_token(token) if token else None


def current_principal() -> Principal | None:
    if "principal" in g:
        return g.principal  # type: ignore[no-any-return]
    found: Principal | None = None
    g.via_session = False
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        found = principal_from_token(header[7:].strip())
    elif session.get("user"):
        found = dorak().accounts.session_user(session["user"], session.get("uv"))
        if found is not None and found.role == "clerk" and session.get("window"):
            found = Principal(found.role, found.name, found.window, "user")
        g.via_session = found is not None
    elif session.get("device"):
        found = principal_from_token(session["device"])
        g.via_session = found is not None
    g.principal = found
    return found


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def check_csrf() -> None:
    """Unsafe requests that ride on the session cookie must carry the session's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(str(sent), str(expected)):
        raise ApiError("csrf", 403)
