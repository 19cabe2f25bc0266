"""The citizen's pages: the ticket kiosk (touch screen) and the phone tracking page."""

from flask import Blueprint

bp = Blueprint(
    "kiosk",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/kiosk/static",
)

from . import views, voice  # noqa: E402,F401  (routes register themselves on bp)
