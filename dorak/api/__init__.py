"""The versioned JSON API under /api/v1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# The routes register themselves on bp.
from . import accounts, admin, public, reports, supervision, tickets, windows  # noqa: E402,F401,I001
from . import case_files, integrity, remarks  # noqa: E402, F401  (issue 16)
