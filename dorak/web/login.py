"""Sign-in and sign-out for people (clerks, supervisors, admins) with a signed session."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from ..i18n import select_lang
from ..messages import message
from .errors import ApiError
from .identity import check_csrf, csrf_token, dorak

bp = Blueprint("login", __name__)


def ui_lang() -> str:
    return select_lang()


@bp.get("/")
def index() -> ResponseReturnValue:
    center = dorak().ops.center
    return render_template(
        "index.html", center_name=center.name_ar if ui_lang() == "ar" else center.name_en
    )


def _safe_next(target: str | None) -> str:
    # Only local paths: never bounce a freshly signed-in clerk to another site.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@bp.get("/login")
def login_form() -> ResponseReturnValue:
    return render_template(
        "login.html",
        csrf=csrf_token(),
        error=None,
        next=_safe_next(request.args.get("next")),
    )


@bp.post("/login")
def login() -> ResponseReturnValue:
    lang = ui_lang()
    throttle = dorak().login_limit
    key = f"{request.remote_addr}|{request.form.get('username', '').strip().lower()}"
    if throttle.blocked(key):
        return render_template(
            "login.html", csrf=csrf_token(), error=message("login_throttled")[lang], next="/"
        ), 429
    try:
        check_csrf()
    except ApiError:
        return render_template(
            "login.html", csrf=csrf_token(), error=message("csrf")[lang], next="/"
        ), 403
    who = dorak().accounts.authenticate(
        request.form.get("username", ""), request.form.get("password", "")
    )
    if who is None:
        throttle.allow(key)  # count the failure
        return render_template(
            "login.html",
            csrf=csrf_token(),
            error=message("login_failed")[lang],
            next=_safe_next(request.form.get("next")),
        ), 401
    session.clear()  # a new session id on sign-in
    session["user"] = who.name
    csrf_token()
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    check_csrf()
    user = session.get("user")
    if user:  # a clerk signing out leaves their window: it closes at once
        d = dorak()
        for window in d.ops.roster.windows_of(user):
            d.publish(d.ops.sign_out(window, user)[1])
    session.clear()
    return redirect(url_for("login.login_form"))


@bp.get("/api/v1/session/csrf")
def session_csrf() -> ResponseReturnValue:
    """Pages that call the API with the session cookie fetch their CSRF token here."""
    return {"csrf": csrf_token()}
