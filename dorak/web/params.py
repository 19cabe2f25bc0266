"""Numbers in paths and query strings: checked for range at the edge, so a number too big for
SQLite (or for any sense) is a 400 with the reason, never a 500 from deep inside."""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1  # SQLite's largest integer


class BoundedInt(IntegerConverter):
    """`<int:...>` in every route: a whole number SQLite can hold."""

    def to_python(self, value: str) -> Any:
        number = super().to_python(value)
        if number > MAX_ID:
            raise BadRequest(f"{value[:30]}: a number at most {MAX_ID}")
        return number


def int_arg(name: str, default: int, low: int, high: int) -> int:
    """A whole-number query parameter from `low` to `high`; 400 otherwise."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18 or not low <= int(raw) <= high:
        raise BadRequest(f"{name}: a whole number from {low} to {high}")
    return int(raw)
