"""Case files on the staff pages: what the counter needs for its file field, and the file
history page (/files?number=...), for clerks, supervisors and admins."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from dorak.case_file_payloads import file_view
from dorak.domain.case_files import STATUS_NAMES, FileStatus
from dorak.domain.integrity import REASON_NAMES
from dorak.domain.model import Center
from dorak.domain.roles import Role
from dorak.web.identity import current_principal, dorak

from . import bp

# What a clerk may send a file to beyond what the outcome says (completed, documents missing
# and referred follow the outcome).
CHOSEN = (FileStatus.UNDER_REVIEW, FileStatus.DECIDED, FileStatus.REJECTED, FileStatus.COMPLETED)


def _lang() -> int:
    return 0 if str(get_locale() or "ar") == "ar" else 1


def counter_context(center: Center, window_services: list[str]) -> dict[str, Any]:
    """Template values and script strings for the counter's file field."""
    i = _lang()
    examples = [t.example for t in center.file_types if t.service in window_services]
    strings = {
        "visits": _("Earlier visits: %(n)s", n="{n}"),
        "new_file": _("New file: opened with this visit"),
        "last": _("last visit %(day)s: %(outcome)s", day="{day}", outcome="{outcome}"),
        "told": _("told: %(text)s", text="{text}"),
        "error": _("Something went wrong. Please try again."),
        "outcome_completed": _("Completed"),
        "outcome_documents_missing": _("Documents missing"),
        "outcome_referred": _("Referred"),
        "outcome_other": _("Other"),
    }
    return {
        "file_example": next((e for e in examples if e), ""),
        "file_statuses": [(s.value, STATUS_NAMES[s][i]) for s in CHOSEN],
        "file_strings": strings,
        # Calling past older tickets asks why (counter/templates/counter/_integrity.html).
        "skip_reasons": [(r.value, names[i]) for r, names in REASON_NAMES.items()],
    }


@bp.get("/files")
def files_page() -> ResponseReturnValue:
    who = current_principal()
    if who is None or who.kind != "user":
        return redirect(url_for("login.login_form", next=request.full_path.rstrip("?")))
    if who.role not in (Role.CLERK, Role.SUPERVISOR, Role.ADMIN):
        return render_template("counter/files.html", number="", files=[], allowed=False), 403
    number = (request.args.get("number") or "").strip()[:40]
    ops = dorak().ops
    files = [file_view(ops.center, r) for r in ops.find_files(number)] if number else []
    i = _lang()
    outcomes = {
        "completed": _("Completed"),
        "documents_missing": _("Documents missing"),
        "referred": _("Referred"),
        "other": _("Other"),
    }
    return render_template(
        "counter/files.html",
        number=number,
        files=files,
        allowed=True,
        outcomes=outcomes,
        names={s.value: STATUS_NAMES[s][i] for s in FileStatus},
        back=url_for("counter.counter"),
    )
