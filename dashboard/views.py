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


def _gate(allowed: Callable[[Principal], bool], refused: str) -> Principal | ResponseReturnValue:
    """The signed-in person, or a page that tells someone who may not see it why, in their
    language, and where they can go instead."""
    who = current_principal()
    if who is None or who.kind != "user":
        return redirect(url_for("login.login_form", next=request.path))
    if not allowed(who):
        return render_template("admin/refused.html", who=who, refused=refused), 403
    return who


@bp.get("/admin")
def admin() -> ResponseReturnValue:
    who = _gate(is_admin, _("This page is for the center's administrators."))
    if not isinstance(who, Principal):
        return who
    roles = _role_names()
    strings = {
        "saved": _("Saved."),
        "error": _("Something went wrong. Please try again."),
        "revoke": _("Revoke"),
        "disable": _("Disable"),
        "enable": _("Enable"),
        "reset": _("New password"),
        "reset_ask": _("The new password for %(user)s (8 characters or more):", user="{user}"),
        "edit": _("Edit"),
        "retire": _("Retire"),
        "retire_ask": _(
            "Retire the service %(name)s? Its tickets stay in the reports.", name="{name}"
        ),
        "remove": _("Remove"),
        "revoked": _("revoked"),
        "disabled": _("disabled"),
        "none": _("None"),
        "window_n": _("Window %(n)s", n="{n}"),
        "weight": _("Weight"),
        "edit_service": _("Edit the service %(name)s", name="{name}"),
        "add_service": _("Add a service"),
        "edit_window": _("Edit %(name)s", name="{name}"),
        "code": _("Code"),
        "arabic": _("Name in Arabic"),
        "english": _("Name in English"),
        "open_day": _("Open on %(day)s", day="{day}"),
        "opens_day": _("%(day)s: opens", day="{day}"),
        "closes_day": _("%(day)s: closes", day="{day}"),
        "last_day": _("%(day)s: last ticket", day="{day}"),
        "bad_time": _("Write times as 24-hour HH:MM, like 08:00 or 14:30."),
        "no_holidays": _("No closed days."),
        "no_file": _("No file chosen"),
        "loaded": _("%(name)s loaded; press Import to apply it.", name="{name}"),
        "too_big": _("The logo is larger than 200 KB."),
        "everyone": _("all windows"),
        "days": [
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ],
        "roles": roles,
    }
    return render_template(
        "admin/admin.html",
        who=who,
        who_name=dorak().accounts.display_name(who.name),
        config={"csrf": csrf_token(), "strings": strings},
        roles=[(r, roles[r]) for r in ("clerk", "supervisor", "admin")],
        devices=[(r, roles[r]) for r in ("kiosk", "display", "clerk")],
    )


def _role_names() -> dict[str, str]:
    """Roles as the page's reader says them (the API keeps the codes)."""
    return {
        "admin": _("Administrator"),
        "supervisor": _("Supervisor"),
        "clerk": _("Clerk at a window"),
        "kiosk": _("Ticket kiosk"),
        "display": _("Rating tablet at a window"),
    }


@bp.get("/dashboard")
def dashboard() -> ResponseReturnValue:
    who = _gate(may_supervise, _("This page is for supervisors and administrators."))
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
        who_name=dorak().accounts.display_name(who.name),
        config={"csrf": csrf_token(), "strings": strings},
        priorities=dorak().ops.center.priorities,
        today=dorak().ops.center.day_of(dorak().ops.clock()),
        file_type_names=file_type_names(dorak().ops.center),
        skip_reason_names={r.value: {"ar": n[0], "en": n[1]} for r, n in REASON_NAMES.items()},
    )
