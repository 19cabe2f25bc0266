"""Front-end files from the npm registry (package.json + lockfile), served by Dorak itself so a
kiosk or a lobby TV works with no internet. Only the files pages need are reachable."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory
from flask.typing import ResponseReturnValue

bp = Blueprint("assets", __name__, url_prefix="/assets")

ALLOWED = ("socket.io-client/dist/", "@fontsource/cairo/", "chart.js/dist/")
ROOT = Path(__file__).resolve().parents[2]


def node_modules() -> Path:
    configured = current_app.config.get("NODE_MODULES") or os.environ.get("DORAK_NODE_MODULES")
    return Path(str(configured)) if configured else ROOT / "node_modules"


@bp.get("/vendor/<path:name>")
def vendor(name: str) -> ResponseReturnValue:
    if not name.startswith(ALLOWED) or ".." in name:
        abort(404)
    return send_from_directory(node_modules(), name, max_age=86400)
