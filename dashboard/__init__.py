"""The supervisors' live dashboard."""

from flask import Blueprint

bp = Blueprint(
    "dashboard",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/dashboard/static",
)

from . import views  # noqa: E402,F401  (routes register themselves on bp)
