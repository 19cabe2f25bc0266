"""The clerk's terminal: one window, keyboard-driven, live."""

from flask import Blueprint

bp = Blueprint(
    "counter",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/counter/static",
)

from . import case_files, views  # noqa: E402,F401  (routes register themselves on bp)
