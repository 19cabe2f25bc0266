"""Strict JSON bodies: the right types, no unknown fields, nothing huge."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import request
from jsonschema import Draft202012Validator

from ..web.errors import ApiError
from .schemas import REQUESTS


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(REQUESTS[name])


def body(schema: str) -> dict[str, Any]:
    """The request's JSON body checked against a named schema; an empty body counts as {}."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        data: Any = {}
    else:
        if not request.is_json:
            raise ApiError("not_json", 415)
        data = request.get_json(silent=True)
        if data is None:
            raise ApiError("bad_request", 400, detail="malformed JSON")
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.path) or "body"
        raise ApiError("bad_request", 400, detail=f"{where}: {e.message}"[:300])
    return dict(data)
