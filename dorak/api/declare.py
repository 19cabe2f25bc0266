"""An API route declared once, and strict JSON bodies.

A route declares its method and path, who may call it, its body's schema and its answers. The
decorator registers the view, checks who is calling (401/403, the CSRF token of a session),
validates the body (400/413/415) and hands it to the view as `data`; the OpenAPI document
(openapi.py) is generated from the same declarations, never written beside them.

Answers that follow from the declaration are added by themselves: a body can be invalid (400),
too large (413) or not JSON (415); a guarded route answers 401 and 403; a path with parameters
404; a write 503 when the database cannot be written."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, wraps
from typing import Any

from flask import g, request
from flask.typing import ResponseReturnValue
from jsonschema import Draft202012Validator, FormatChecker

from ..domain.roles import Principal, Role, is_admin, may_act_at, may_issue, may_supervise
from ..domain.texts import TextKind, has_surrogate, text_problem
from ..web.errors import ApiError
from ..web.identity import check_csrf, current_principal
from . import bp
from .schemas import REQUESTS


@dataclass(frozen=True)
class Who:
    """Who may call a route: said in the document, checked on every call."""

    says: str
    allows: Callable[..., bool] | None = None  # (principal, **path params); None: anyone


ANYONE = Who("anyone")
TRACKING_ID = Who("anyone holding the ticket's tracking id (the QR code)")
ISSUERS = Who("a kiosk token or signed-in staff", lambda p, **_: may_issue(p))
AT_WINDOW = Who(
    "the clerk of window n, a supervisor or an admin", lambda p, n, **_: may_act_at(p, n)
)
SUPERVISORS = Who("a supervisor or an admin", lambda p, **_: may_supervise(p))
ADMINS = Who("an admin", lambda p, **_: is_admin(p))
REPRINTERS = Who(
    "its kiosk (within 15 minutes), a supervisor or an admin",
    lambda p, **_: p.role in (Role.KIOSK, Role.SUPERVISOR, Role.ADMIN),
)

Answer = tuple[str | dict[str, Any] | None, str]  # (schema name or schema, description)


@dataclass(frozen=True)
class Route:
    method: str
    rule: str  # Flask's: /windows/<int:n>/finish
    summary: str
    who: Who
    body: str | None
    answers: dict[int, Answer]
    errors: tuple[int, ...]
    query: tuple[dict[str, Any], ...] = ()
    headers: tuple[dict[str, Any], ...] = ()
    path_params: dict[str, str] = field(default_factory=dict)  # name -> "integer" / "string"
    max_body: int | None = None  # a larger body than MAX_CONTENT_LENGTH (the logo's upload)

    @property
    def writes(self) -> bool:
        return self.method != "GET"

    def statuses(self) -> dict[int, Answer | None]:
        """Every answer, the declared and the implied (None: an Error body)."""
        implied: set[int] = set(self.errors)
        if self.body is not None:
            implied |= {400, 413, 415}
        if self.who.allows is not None:
            implied |= {401, 403}
        if self.path_params:
            implied |= {404}
        if self.query:
            implied |= {400}
        if self.writes:
            implied |= {503}
        out: dict[int, Answer | None] = dict(self.answers)
        for status in sorted(implied):
            out.setdefault(status, None)
        return out


ROUTES: list[Route] = []


def larger_bodies(prefix: str) -> dict[tuple[str, str], int]:
    """(method, path) -> the body limit of the routes that declare their own."""
    return {(r.method, prefix + r.rule): r.max_body for r in ROUTES if r.max_body is not None}


def _path_params(rule: str) -> dict[str, str]:
    return {
        name: "integer" if conv == "int" else "string"
        for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule)
    }


def route(
    method: str,
    rule: str,
    summary: str,
    *,
    who: Who = ANYONE,
    body: str | None = None,
    ok: Answer | None = None,
    status: int = 200,
    answers: dict[int, Answer] | None = None,
    errors: tuple[int, ...] = (),
    query: tuple[dict[str, Any], ...] = (),
    headers: tuple[dict[str, Any], ...] = (),
    max_body: int | None = None,
) -> Callable[[Callable[..., ResponseReturnValue]], Callable[..., ResponseReturnValue]]:
    declared = {status: ok or (None, "Done"), **(answers or {})}
    params = _path_params(rule)
    assert max_body is None or not params, "a larger body is declared for a fixed path"
    decl = Route(
        method, rule, summary, who, body, declared, errors, query, headers, params, max_body
    )
    ROUTES.append(decl)

    def register(
        view: Callable[..., ResponseReturnValue],
    ) -> Callable[..., ResponseReturnValue]:
        @wraps(view)
        def guarded(**kwargs: Any) -> ResponseReturnValue:
            if decl.who.allows is not None:
                who = current_principal()
                if who is None:
                    raise ApiError("unauthorized", 401)
                if g.via_session:
                    check_csrf()
                if not decl.who.allows(who, **kwargs):
                    raise ApiError("forbidden", 403)
            if decl.body is not None:
                if decl.max_body is not None:
                    request.max_content_length = decl.max_body
                kwargs["data"] = json_body(decl.body)
            return view(**kwargs)

        endpoint = view.__name__
        bp.add_url_rule(rule, endpoint=endpoint, view_func=guarded, methods=[method])
        return guarded

    return register


def caller() -> Principal:
    """The principal of a guarded route (checked by the declaration)."""
    who = current_principal()
    assert who is not None
    return who


# -- strict JSON bodies: the right types, no unknown fields, nothing huge, nothing nested deep,
# no characters a field cannot hold ------------------------------------------------------------
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


def json_body(schema: str) -> dict[str, Any]:
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
