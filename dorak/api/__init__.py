"""The versioned JSON API under /api/v1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import accounts, admin, case_files, public, remarks, reports, supervision, tickets, windows  # noqa: E402,F401  (routes register themselves on bp)
