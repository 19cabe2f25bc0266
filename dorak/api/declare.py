"""An API route declared once: its method and path, who may call it, its body's schema and its
answers. The decorator registers the view, checks who is calling (401/403, the CSRF token of a
session), validates the body (400/413/415) and hands it to the view as `data`; the OpenAPI
document (openapi.py) is generated from the same declarations, never written beside them.

Answers that follow from the declaration are added by themselves: a body can be invalid (400),
too large (413) or not JSON (415); a guarded route answers 401 and 403; a path with parameters
404; a write 503 when the database cannot be written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import g
from flask.typing import ResponseReturnValue

from ..domain.roles import Principal, Role, is_admin, may_act_at, may_issue, may_supervise
from ..web.errors import ApiError
from ..web.identity import check_csrf, current_principal
from . import bp
from .validation import body as read_body


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


def _path_params(rule: str) -> dict[str, str]:
    import re

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
) -> Callable[[Callable[..., ResponseReturnValue]], Callable[..., ResponseReturnValue]]:
    declared = {status: ok or (None, "Done"), **(answers or {})}
    decl = Route(
        method, rule, summary, who, body, declared, errors, query, headers, _path_params(rule)
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
                kwargs["data"] = read_body(decl.body)
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
