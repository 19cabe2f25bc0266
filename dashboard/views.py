"""/dashboard: every window, every service, today's figures and the alerts, live."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from dorak.auth import may_supervise
from dorak.web.identity import csrf_token, current_principal

from . import bp


@bp.get("/admin")
def admin() -> ResponseReturnValue:
    who = current_principal()
    if who is None or who.kind != "user":
        return redirect(url_for("login.login_form", next=request.path))
    if who.role != "admin":
        return render_template("counter/choose.html", windows=[]), 403
    strings = {
        "saved": _("Saved."),
        "error": _("Something went wrong. Please try again."),
        "token_once": _("Copy this token now, it is shown only once:"),
        "revoke": _("Revoke"),
        "disable": _("Disable"),
        "enable": _("Enable"),
        "reset": _("New password"),
        "edit": _("Edit"),
        "retire": _("Retire"),
        "save": _("Save"),
        "revoked": _("revoked"),
        "disabled": _("disabled"),
    }
    return render_template(
        "admin/admin.html", who=who, config={"csrf": csrf_token(), "strings": strings}
    )


@bp.get("/dashboard")
def dashboard() -> ResponseReturnValue:
    who = current_principal()
    if who is None or who.kind != "user":
        return redirect(url_for("login.login_form", next=request.path))
    if not may_supervise(who):
        return render_template("counter/choose.html", windows=[]), 403
    strings = {
        "open": _("Open"),
        "paused": _("Paused"),
        "closed": _("Closed"),
        "close": _("Close for new tickets"),
        "reopen": _("Open for new tickets"),
        "none": _("—"),
        "minutes": _("%(n)s min", n="{n}"),
        "no_alerts": _("No alerts."),
        "saved": _("Done."),
        "error": _("Something went wrong. Please try again."),
        "status_waiting": _("Waiting"),
        "status_called": _("Called"),
        "status_serving": _("Being served"),
        "status_done": _("Done"),
        "status_no_show": _("No-show"),
        "status_cancelled": _("Cancelled"),
        "status_transferred": _("Transferred"),
    }
    return render_template(
        "dashboard/dashboard.html", who=who, config={"csrf": csrf_token(), "strings": strings}
    )
