"""The lobby display (a TV, read from five metres) and the small screen above each window."""

from flask import Blueprint

bp = Blueprint(
    "display",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/display/static",
)

from . import views  # noqa: E402,F401  (routes register themselves on bp)
