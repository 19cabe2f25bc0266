"""The counter page: a signed-in clerk works at their own window; a supervisor picks one."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from dorak.domain.model import Outcome
from dorak.domain.roles import Role, may_act_at
from dorak.web.identity import csrf_token, current_principal, dorak
from dorak.web.keys import key_labels

from . import bp
from .case_files import counter_context


def _strings() -> dict[str, str]:
    return {
        "status_waiting": _("Waiting"),
        "status_called": _("Called"),
        "status_serving": _("Being served"),
        "no_ticket": _(
            "No ticket at this window. Press %(key)s to call the next one.", key="{key}"
        ),
        "nobody": _("Nobody is waiting for this window."),
        "waited": _("Waited: %(n)s min.", n="{n}"),
        "open": _("Open"),
        "paused": _("Paused"),
        "unstaffed": _("Not signed in"),
        "served_today": _("Served today: %(n)s", n="{n}"),
        "mean_service": _("Mean service time: %(n)s min", n="{n}"),
        "error": _("Something went wrong. Please try again."),
        "offline": _("Connection lost. Reconnecting…"),
        "saved": _("Done."),
        "completed": _("Completed"),
        "documents_missing": _("Documents missing"),
        "referred": _("Referred"),
        "other": _("Other"),
        "priority": _("Priority"),
        "restore": _("Put back in line"),
        "restored": _("Ticket %(n)s is back in line.", n="{n}"),
        "marked_no_show": _("Ticket %(n)s: marked no-show.", n="{n}"),
    }


@bp.get("/counter")
def counter() -> ResponseReturnValue:
    who = current_principal()
    if who is None or who.kind != "user":
        return redirect(url_for("login.login_form", next=request.full_path.rstrip("?")))
    center = dorak().ops.center
    if who.role == Role.CLERK:
        window = who.window
    else:
        window = request.args.get("window", type=int)
        if window is None or center.window(window) is None:
            return render_template(
                "counter/choose.html",
                windows=[(w.number, w.label_ar, w.label_en) for w in center.windows],
            )
    if window is None or not may_act_at(who, window) or center.window(window) is None:
        return render_template("counter/choose.html", windows=[]), 403
    w = center.window(window)
    assert w is not None
    services = [
        {"code": s.code, "name": {"ar": s.name_ar, "en": s.name_en}}
        for s in center.services
        if s.prefix
    ]
    reasons = [
        ("prayer", _("Prayer")),
        ("break", _("Break")),
        ("system", _("System problem")),
        ("meeting", _("Meeting")),
        ("other", _("Other")),
    ]
    priorities = {p.code: {"ar": p.name_ar, "en": p.name_en} for p in center.priorities}
    config = {
        "window": window,
        "csrf": csrf_token(),
        "strings": _strings(),
        "priorities": priorities,
        "services": services,
        "serves": list(w.services),
        "heartbeat_s": 30,
        "keys": key_labels(),
    }
    files = counter_context(center, list(w.services))
    config["file_strings"] = files.pop("file_strings")
    return render_template(
        "counter/counter.html",
        **files,
        config=config,
        who=who,
        clerk_name=dorak().accounts.display_name(who.name),
        keys=config["keys"],
        restore_min=dorak().settings()["restore_min"],
        label={"ar": w.label_ar, "en": w.label_en},
        services=services,
        outcomes=[(o.value, _strings()[o.value]) for o in Outcome],
        reasons=reasons,
    )
