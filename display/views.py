"""Lobby display pages and the spoken-call audio."""

from __future__ import annotations

import re

from flask import abort, current_app, render_template, request
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
        "unstaffed": _("Closed"),
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
        "langs": [x.strip() for x in str(settings["display_langs"]).split(",") if x.strip()],
        "timezone": dorak().ops.center.timezone,
        "recent": int(settings["display_recent"]),
        "highlight_s": int(current_app.config.get("DISPLAY_HIGHLIGHT_S", 10)),
        # the screen's name in supervisors' alerts (the launcher passes ?screen=...)
        "screen": (request.args.get("screen") or "")[:40] or _("Lobby screen"),
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


MAX_MERGED = 12  # calls in one announcement
WAV_HEADERS = {"Content-Type": "audio/wav", "Cache-Control": "public, max-age=86400"}


@bp.get("/display/announce/<calls>.wav")
def announce(calls: str) -> ResponseReturnValue:
    """One announcement for every call the screen has waiting: `A014-1,B003-2`, said language
    by language (`?lang=ar`: that language only); `?chime=0` for calls that follow another
    announcement without a pause."""
    d = dorak()
    if d.announcer is None:
        abort(404)
    wanted = []
    for part in calls.split(",")[:MAX_MERGED]:
        number, _, window = part.rpartition("-")
        if not NUMBER_RE.match(number) or not window.isdigit():
            abort(404)
        if d.ops.center.window(int(window)) is None:
            abort(404)
        wanted.append((number, int(window)))
    try:
        audio = d.announcer.announcement(
            wanted,
            with_chime=request.args.get("chime") != "0",
            langs=[request.args["lang"]] if request.args.get("lang") else None,
        )
    except SpeechUnavailable:
        abort(503)
    return audio, 200, {"Content-Type": "audio/wav", "Cache-Control": "public, max-age=3600"}


@bp.get("/display/chime.wav")
def chime() -> ResponseReturnValue:
    """The chime alone: played the moment a call comes, while the words are fetched."""
    from dorak.speech import as_wav
    from dorak.speech import chime as tones

    return as_wav([tones()]), 200, WAV_HEADERS


@bp.get("/display/silence.wav")
def quiet() -> ResponseReturnValue:
    """A tenth of a second of silence: a screen plays it to learn whether it may play sound."""
    from dorak.speech import as_wav, silence

    return (
        as_wav([silence(0.1)]),
        200,
        {"Content-Type": "audio/wav", "Cache-Control": "max-age=86400"},
    )
