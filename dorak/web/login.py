"""Sign-in and sign-out for people (clerks, supervisors, admins) with a signed session."""

from __future__ import annotations

import re
import time

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from ..domain.events import SignInRefused
from ..i18n import select_lang
from ..messages import message
from ..realtime import disconnect_user
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


# A path on this site: starts with one slash, then only the characters a URL may hold as they
# are. No backslash, no space, tab or line break: browsers drop tabs and line breaks from a
# URL, so "/\t/evil.example" would be followed as "//evil.example", another site.
SAME_SITE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*")


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, or the start page."""
    if target and len(target) <= 2000 and SAME_SITE_PATH.fullmatch(target):
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
    d = dorak()
    try:
        check_csrf()
    except ApiError:
        return render_template(
            "login.html", csrf=csrf_token(), error=message("csrf")[lang], next="/"
        ), 403
    username = request.form.get("username", "")[:100]  # usernames have at most 64
    # Counted before the password is checked: parallel guesses cannot slip past the budget.
    guard = d.login_guard
    assert guard is not None
    attempt = guard.admit(request.remote_addr or "-", username)
    if attempt is None:
        d.dispatch([SignInRefused(throttled=True)])
        # Refused, but slowly: a guesser who asks again at once would otherwise turn cheap
        # refusals into a flood. A wait costs nothing under gevent (a thread with threads).
        time.sleep(float(current_app.config["LOGIN_THROTTLED_WAIT_S"]))
        return render_template(
            "login.html", csrf=csrf_token(), error=message("login_throttled")[lang], next="/"
        ), 429
    who = None
    try:
        who = d.accounts.authenticate(username, request.form.get("password", ""))
    finally:
        if who is None:
            guard.failed(attempt)  # a wrong password (or a check that broke) is a failure
    if who is None:
        d.dispatch([SignInRefused(throttled=False)])
        return render_template(
            "login.html",
            csrf=csrf_token(),
            error=message("login_failed")[lang],
            next=_safe_next(request.form.get("next")),
        ), 401
    guard.succeeded(attempt)
    session.clear()  # a new session id on sign-in
    session["user"] = who.name
    session["uv"] = d.accounts.session_version(who.name)
    csrf_token()
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Signs the user out everywhere: every copy of every session cookie stops working."""
    check_csrf()
    user = session.get("user")
    if isinstance(user, str) and dorak().accounts.session_user(user, session.get("uv")):
        dorak().accounts.end_sessions(user)
        disconnect_user(user)
    if isinstance(user, str):  # a clerk signing out leaves their window: it closes at once
        d = dorak()
        for window in d.ops.windows_of(user):
            d.dispatch(d.ops.sign_out(window, user)[1])
    session.clear()
    return redirect(url_for("login.login_form"))
