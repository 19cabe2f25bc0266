"""Strict JSON bodies: the right types, no unknown fields, nothing huge, nothing nested deep,
no characters a field cannot hold."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from flask import request
from jsonschema import Draft202012Validator, FormatChecker

from ..domain.texts import TextKind, has_surrogate, text_problem
from ..web.errors import ApiError
from .schemas import REQUESTS

MAX_DEPTH = 16  # our bodies nest 4 deep; Python's parser fails past ~1000 with a 500
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")

TEXT_FORMATS = FormatChecker(formats=())
for _kind in TextKind:
    TEXT_FORMATS.checks(_kind.value)(
        lambda value, kind=_kind: not isinstance(value, str) or text_problem(value, kind) is None
    )


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(REQUESTS[name], format_checker=TEXT_FORMATS)


def nesting_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings not counted)."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        depth += 1 if m.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def _surrogate_at(data: Any, path: str = "body") -> str | None:
    """Where a lone surrogate ("\\ud800" in JSON) hides in a parsed body, in keys or values."""
    if isinstance(data, str):
        return path if has_surrogate(data) else None
    if isinstance(data, dict):
        for k, v in data.items():
            where = f"{path}/{k}" if path != "body" else str(k)
            if has_surrogate(k):
                return path
            found = _surrogate_at(v, where)
            if found:
                return found
    if isinstance(data, list):
        for i, v in enumerate(data):
            found = _surrogate_at(v, f"{path}/{i}")
            if found:
                return found
    return None


def body(schema: str) -> dict[str, Any]:
    """The request's JSON body checked against a named schema; an empty body counts as {}."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        data: Any = {}
    else:
        if not request.is_json:
            raise ApiError("not_json", 415)
        if nesting_depth(raw) > MAX_DEPTH:
            raise ApiError("bad_request", 400, detail=f"nested deeper than {MAX_DEPTH} levels")
        data = request.get_json(silent=True)
        if data is None:
            raise ApiError("bad_request", 400, detail="malformed JSON")
        where = _surrogate_at(data)
        if where:
            raise ApiError("bad_text", 400, field=where, char="\\ud800-\\udfff")
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.path) or "body"
        # A text with a character it may not hold (also inside "text or null").
        for f in [e, *(e.context or [])]:
            if f.validator == "format" and isinstance(f.instance, str):
                char = text_problem(f.instance, TextKind(f.validator_value))
                raise ApiError("bad_text", 400, field=where, char=char)
        raise ApiError("bad_request", 400, detail=f"{where}: {e.message}"[:300])
    return dict(data)
