"""The versioned JSON API under /api/v1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import (  # noqa: E402,F401  (routes register themselves on bp)
    accounts,
    admin,
    case_files,
    integrity,
    preview,
    public,
    rating_comments,
    remarks,
    reports,
    restore,
    supervision,
    tickets,
    windows,
)
