"""The hub's pages, Arabic first with English one tap away: the governorate dashboard (live over
Socket.IO, sortable), a center's drill-down with a read-only view of its lobby, the public page of
current waits, and sign-in (CSRF-checked form, scrypt-hashed passwords)."""

from __future__ import annotations

import functools
import secrets
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from werkzeug.security import check_password_hash, generate_password_hash

from .service import Hub
from .texts import TEXTS

bp = Blueprint(
    "hub_pages",
    __name__,
    url_prefix="/hub",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)


@functools.cache
def _dummy() -> str:
    """Checked against when the user is unknown, so both cases cost one scrypt."""
    return generate_password_hash(secrets.token_hex(8), method="scrypt")


def _hub() -> Hub:
    h: Hub = current_app.extensions["hub"]
    return h


@bp.app_context_processor
def _texts() -> dict[str, Any]:
    lang = str(get_locale() or "ar")
    return {"t": TEXTS["en" if lang == "en" else "ar"], "csrf": _csrf()}


def _csrf() -> str:
    if "hub_csrf" not in session:
        session["hub_csrf"] = secrets.token_urlsafe(24)
    return str(session["hub_csrf"])


def _signed_in() -> dict[str, Any] | None:
    user = session.get("hub_user")
    return user if isinstance(user, dict) else None


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    return {"ok": True}


@bp.get("/")
def dashboard() -> ResponseReturnValue:
    if _signed_in() is None:
        return redirect(url_for("hub_pages.login", next=request.path))
    return render_template("hub/dashboard.html")


@bp.get("/centers/<code>")
def center(code: str) -> ResponseReturnValue:
    user = _signed_in()
    if user is None:
        return redirect(url_for("hub_pages.login", next=request.path))
    c = _hub().store.center(code)
    if c is None:
        abort(404)
    centers = user["centers"]
    if centers is not None and c.id not in centers:
        abort(403)
    return render_template("hub/center.html", code=code)


@bp.get("/waits")
def waits() -> ResponseReturnValue:
    return render_template("hub/waits.html")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    error = None
    if request.method == "POST":
        if not secrets.compare_digest(request.form.get("csrf_token", ""), _csrf()):
            abort(403)
        name = request.form.get("username", "")[:100]
        found = _hub().store.reads.user(name)
        ok = check_password_hash(found[0] if found else _dummy(), request.form.get("password", ""))
        if found and ok:
            reader = found[1]
            session.clear()
            session["hub_user"] = {
                "name": reader.name,
                "role": reader.role,
                "centers": None if reader.centers is None else list(reader.centers),
            }
            target = request.args.get("next") or ""
            return redirect(target if target.startswith("/hub/") else url_for(".dashboard"))
        error = True
    return render_template("hub/login.html", error=error), 401 if error else 200


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if not secrets.compare_digest(request.form.get("csrf_token", ""), _csrf()):
        abort(403)
    session.clear()
    return redirect(url_for(".login"))
