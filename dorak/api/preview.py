"""The ticket as it will print, for the admin page (logo, digits and paper width as set): an
admin sees the logo on a ticket before a citizen does, with or without a printer."""

from __future__ import annotations

import base64
import io

from flask.typing import ResponseReturnValue
from PIL import Image

from printer.layout import render_ticket

from ..printing import sample_ticket, ticket_print
from ..web.identity import dorak
from .declare import ADMINS, route


@route(
    "GET",
    "/admin/ticket-preview",
    "A sample ticket drawn as it prints now (PNG): the logo, the digits, the paper width",
    who=ADMINS,
    ok=({"type": "string", "contentMediaType": "image/png"}, "The ticket image"),
)
def ticket_preview() -> ResponseReturnValue:
    d = dorak()
    settings = d.settings()
    center = d.ops.center
    stored = d.store.settings.get("logo_png")
    logo = Image.open(io.BytesIO(base64.b64decode(stored))) if stored else None
    t = sample_ticket(center, d.ops.now())
    job = ticket_print(center, t, d.base_url() + "t/preview", settings["ticket_digits"], logo)
    out = io.BytesIO()
    render_ticket(job, int(settings["printer_width"])).save(out, "PNG")
    return out.getvalue(), 200, {"Content-Type": "image/png", "Cache-Control": "no-store"}
