"""Lobby display pages and the spoken-call audio."""

from __future__ import annotations

import re

from flask import abort, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from dorak.speech import SpeechUnavailable
from dorak.web.identity import dorak

from . import bp

NUMBER_RE = re.compile(r"^[A-Z]{1,2}\d{1,5}$")


def _strings() -> dict[str, str]:
    return {
        "window": _("Window %(n)s", n="{n}"),
        "closed": _("Closed"),
        "idle": _("—"),
        "paused": _("Paused"),
        "go_to": _("Ticket %(t)s, please go to window %(n)s", t="{t}", n="{n}"),
        "waiting": _("waiting"),
        "offline": _("Connection lost. Reconnecting…"),
        "enable_sound": _("Tap to turn on the sound"),
    }


def _config() -> dict[str, object]:
    settings = dorak().settings()
    return {
        "strings": _strings(),
        "voice": bool(settings["display_voice"]),
        "timezone": dorak().ops.center.timezone,
        "recent": int(settings["display_recent"]),
        "highlight_s": int(current_app.config.get("DISPLAY_HIGHLIGHT_S", 10)),
    }


@bp.get("/display")
def lobby() -> ResponseReturnValue:
    center = dorak().ops.center
    return render_template(
        "display/lobby.html", config=_config(), center={"ar": center.name_ar, "en": center.name_en}
    )


@bp.get("/display/window/<int:n>")
def window(n: int) -> ResponseReturnValue:
    w = dorak().ops.center.window(n)
    if w is None:
        abort(404)
    return render_template(
        "display/window.html",
        config={**_config(), "window": n},
        label={"ar": w.label_ar, "en": w.label_en},
    )


@bp.get("/display/announce/<number>/<int:window>.wav")
def announce(number: str, window: int) -> ResponseReturnValue:
    d = dorak()
    if not NUMBER_RE.match(number) or d.ops.center.window(window) is None:
        abort(404)
    try:
        audio = d.announcer.wav(number, window)
    except SpeechUnavailable:
        abort(503)
    return audio, 200, {"Content-Type": "audio/wav", "Cache-Control": "public, max-age=3600"}
