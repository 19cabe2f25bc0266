"""Kiosk enrollment and page, the tracking page and its QR code."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import abort, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import pgettext

from dorak.domain.ticket import Ticket
from dorak.payloads import track_url
from dorak.web.identity import csrf_token, dorak, principal_from_token

from . import bp

IDLE_SECONDS = 20  # back to the first screen, in Arabic, when nobody touches the kiosk
CONFIRM_SECONDS = 15  # how long the confirmation stays up before the next citizen


def _enrolled() -> bool:
    who = principal_from_token(session.get("device"))
    return who is not None and who.role == "kiosk"


def _strings() -> dict[str, str]:
    """Every text the kiosk script shows, in the page's language."""
    return {
        "people_0": _("Nobody is waiting"),
        "people_1": _("1 person waiting"),
        "people_2": _("2 people waiting"),
        "people_few": pgettext("3 to 10", "%(n)s people waiting", n="{n}"),
        "people_many": pgettext("11 or more", "%(n)s people waiting", n="{n}"),
        "ahead_0": _("Nobody is ahead of you"),
        "ahead_1": _("1 person is ahead of you"),
        "ahead_2": _("2 people are ahead of you"),
        "ahead_few": pgettext("3 to 10", "%(n)s people are ahead of you", n="{n}"),
        "ahead_many": pgettext("11 or more", "%(n)s people are ahead of you", n="{n}"),
        "wait_soon": _("Your turn is very soon"),
        # The 80 % range after the figure, with its unit: "about 20 minutes (15-30 min)".
        "wait_range": pgettext("11 or more", "(%(low)s-%(high)s min)", low="{low}", high="{high}"),
        "wait_range_few": pgettext("3 to 10", "(%(low)s-%(high)s min)", low="{low}", high="{high}"),
        "wait_min": pgettext("3 to 10", "Estimated wait: about %(n)s minutes", n="{n}"),
        "wait_min_many": pgettext("11 or more", "Estimated wait: about %(n)s minutes", n="{n}"),
        "wait_hm": _("Estimated wait: about %(h)s h %(m)s min", h="{h}", m="{m}"),
        "wait_hm_few": pgettext(
            "3 to 10", "Estimated wait: about %(h)s h %(m)s min", h="{h}", m="{m}"
        ),
        "wait_h": _("Estimated wait: about %(h)s h", h="{h}"),
        "closed": _("Not available now"),
        "error": _("Something went wrong. Please try again."),
        "offline": _("Connection lost. Reconnecting…"),
        "printing": _("Printing your ticket…"),
        "reprint_sent": _("Printing again…"),
        "take": _("Take your printed ticket"),
        "show_reception": _("Show this number to the reception"),
        "no_priority": _("None of these"),
        "wait_moment": _("Please wait a moment…"),
    }


@bp.get("/kiosk")
def kiosk() -> ResponseReturnValue:
    token = request.args.get("token")
    if token:  # enrollment by URL: keep it in the signed cookie, then drop it from the URL
        return _enroll(token)
    if "lang" not in request.args and request.cookies.get("lang", "ar") != "ar":
        # A reload starts in Arabic: the last citizen's English is not the next one's.
        return redirect(url_for("kiosk.kiosk", lang="ar"))
    if not _enrolled():
        return render_template("kiosk/enroll.html", csrf=csrf_token(), error=None)
    d = dorak()
    center = d.ops.center
    priorities = [
        {"code": p.code, "name": {"ar": p.name_ar, "en": p.name_en}} for p in center.priorities
    ]
    config = {
        "csrf": csrf_token(),
        "strings": _strings(),
        "priorities": priorities,
        "idle_s": IDLE_SECONDS,
        "confirm_s": CONFIRM_SECONDS,
    }
    return render_template(
        "kiosk/kiosk.html", config=config, center={"ar": center.name_ar, "en": center.name_en}
    )


@bp.post("/kiosk/enroll")
def enroll() -> ResponseReturnValue:
    from dorak.web.errors import ApiError
    from dorak.web.identity import check_csrf

    try:
        check_csrf()
    except ApiError:
        return render_template(
            "kiosk/enroll.html", csrf=csrf_token(), error=_("The form has expired. Try again.")
        ), 403
    return _enroll(request.form.get("token", ""))


def _enroll(token: str) -> ResponseReturnValue:
    who = principal_from_token(token.strip())
    if who is None or who.role != "kiosk":
        return render_template(
            "kiosk/enroll.html", csrf=csrf_token(), error=_("This is not a valid kiosk token.")
        ), 403
    session["device"] = token.strip()
    session.permanent = True
    lang = request.args.get("lang")
    return redirect(url_for("kiosk.kiosk", lang=lang) if lang else url_for("kiosk.kiosk"))


def _ticket_or_404(tracking_id: str) -> Ticket:
    t = dorak().ops.ticket(tracking_id)
    if t is None:
        abort(404)
    return t


@bp.get("/t/<tracking_id>")
def track(tracking_id: str) -> ResponseReturnValue:
    t = _ticket_or_404(tracking_id)
    strings = _strings()
    strings.update(
        {
            "waiting": _("Waiting"),
            "called": _("Please go to window %(n)s", n="{n}"),
            "serving": _("Being served at window %(n)s", n="{n}"),
            "done": _("Your visit is complete. Thank you."),
            "no_show": _("You were called but did not come. Please ask at the reception."),
            "transferred": _("You were transferred."),
            "cancelled": _("This ticket was cancelled."),
            "expired": _("This ticket expired at the end of its day."),
            "alerts_on": _(
                "Alerts are on: sound and vibration when 3 are ahead of you and when you are "
                "called."
            ),
            "near": _("Your turn is near: 3 people ahead of you."),
            # The visit's outcome and what the clerk said to do next (case files).
            "outcome_completed": _("Result: your request is complete."),
            "outcome_documents_missing": _("Result: documents are missing."),
            "outcome_referred": _("Result: your request was referred to another office."),
            "answer": _("Answer: %(text)s", text="{text}"),
            "pending": _("Sent. A supervisor will read it."),
        }
    )
    return render_template(
        "kiosk/track.html", tracking_id=t.tracking_id, number=t.number, strings=strings
    )


@bp.get("/public")
def public_page() -> ResponseReturnValue:
    from dorak.api.public import public_figures

    strings = {
        "minutes": _("%(n)s min", n="{n}"),
        "none": _("—"),
        "waiting": _("Waiting now"),
        "estimate": _("Estimated wait"),
        "served": _("Served today"),
        "median": _("Median wait today"),
        "within": _("Within target"),
        "closed": _("Not available now"),
        "live": _("Live"),
        "offline": _("Connection lost. Reconnecting…"),
        "in_order": _("Served in order today: %(p)s", p="{p}"),
    }
    return render_template(
        "kiosk/public.html",
        data=public_figures(dorak().ops),
        strings=strings,
        center=dorak().ops.center,
    )


@bp.get("/t/<tracking_id>/qr.svg")
def qr(tracking_id: str) -> ResponseReturnValue:
    t = _ticket_or_404(tracking_id)
    img = qrcode.make(
        track_url(dorak().base_url(), t),
        image_factory=qrcode.image.svg.SvgPathImage,
        border=2,
    )
    out = io.BytesIO()
    img.save(out)
    return (
        out.getvalue(),
        200,
        {"Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400"},
    )


@bp.get("/rate/window/<int:n>")
def rating_tablet(n: int) -> ResponseReturnValue:
    """A tablet at window n: after each finished visit it asks the citizen for a rating."""
    if dorak().ops.center.window(n) is None:
        abort(404)
    token = request.args.get("token")
    if token:
        who = principal_from_token(token.strip())
        if who is None or who.role != "display":
            return render_template(
                "kiosk/enroll.html",
                csrf=csrf_token(),
                error=_("This is not a valid display token."),
            ), 403
        session["device"] = token.strip()
        session.permanent = True
        return redirect(url_for("kiosk.rating_tablet", n=n))
    who = principal_from_token(session.get("device"))
    if who is None or who.role != "display":
        return render_template(
            "kiosk/enroll.html",
            csrf=csrf_token(),
            error=_(
                "Enrol this tablet from the admin page (Devices, rating tablet at this window)."
            ),
        ), 403
    strings = {"thanks": _("Thank you for your rating."), "idle": _("Thank you for your visit.")}
    return render_template("kiosk/tablet.html", window=n, strings=strings)
