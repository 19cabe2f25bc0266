"""/dashboard: every window, every service, today's figures and the alerts, live."""

from __future__ import annotations

from collections.abc import Callable

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from dorak.case_file_payloads import file_type_names
from dorak.domain.integrity import REASON_NAMES
from dorak.domain.roles import Principal, is_admin, may_supervise
from dorak.web.identity import csrf_token, current_principal, dorak

from . import bp


def _gate(allowed: Callable[[Principal], bool]) -> Principal | ResponseReturnValue:
    """The signed-in person, or the answer for someone who may not see the page."""
    who = current_principal()
    if who is None or who.kind != "user":
        return redirect(url_for("login.login_form", next=request.path))
    if not allowed(who):
        return render_template("counter/choose.html", windows=[]), 403
    return who


@bp.get("/admin")
def admin() -> ResponseReturnValue:
    who = _gate(is_admin)
    if not isinstance(who, Principal):
        return who
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
    who = _gate(may_supervise)
    if not isinstance(who, Principal):
        return who
    strings = {
        "open": _("Open"),
        "paused": _("Paused"),
        "unstaffed": _("Nobody signed in"),
        "staffing": _(
            "Staffed: %(open)s · paused: %(paused)s · nobody signed in: %(unstaffed)s",
            open="{open}",
            paused="{paused}",
            unstaffed="{unstaffed}",
        ),
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
        "issued": _("Ticket %(n)s issued.", n="{n}"),
    }
    return render_template(
        "dashboard/dashboard.html",
        who=who,
        config={"csrf": csrf_token(), "strings": strings},
        priorities=dorak().ops.center.priorities,
        file_type_names=file_type_names(dorak().ops.center),
        skip_reason_names={r.value: {"ar": n[0], "en": n[1]} for r, n in REASON_NAMES.items()},
    )
