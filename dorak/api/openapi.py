"""The OpenAPI 3.1 document of /api/v1, generated from the routes' declarations
(dorak/api/declare.py) and the schemas that validate requests (schemas.py)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .declare import ROUTES, Route
from .schemas import REQUESTS, RESPONSES

ERRORS = {
    400: "Invalid request (the body, a path or query value)",
    401: "Not signed in / no valid token",
    403: "Not allowed (or CSRF token missing)",
    404: "Not found",
    409: "Not possible in the current state",
    413: "Body too large",
    415: "Body is not JSON",
    429: "Too many requests from this device",
    503: "Database unavailable, nothing was saved",
}
BEARER: list[dict[str, list[str]]] = [{"bearer": []}, {"session": []}]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _content(schema: str | dict[str, Any]) -> dict[str, Any]:
    s = _ref(schema) if isinstance(schema, str) else schema
    return {"application/json": {"schema": s}}


def _operation(r: Route) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": r.summary, "x-who": r.who.says, "responses": {}}
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": kind}}
        for name, kind in r.path_params.items()
    ]
    params += [{"in": "query", **q} for q in r.query]
    params += [{"in": "header", **h} for h in r.headers]
    if params:
        op["parameters"] = params
    if r.who.allows is not None:
        op["security"] = BEARER
        op["description"] = f"Who may call it: {r.who.says}."
    if r.body is not None:
        op["requestBody"] = {
            # Optional only where nothing in it is: an empty body counts as {}.
            "required": bool(REQUESTS[r.body].get("required")),
            "content": _content(r.body),
        }
    for status, answer in r.statuses().items():
        if answer is None:
            op["responses"][str(status)] = {
                "description": ERRORS.get(status, "Error"),
                "content": _content("Error"),
            }
            continue
        schema, text = answer
        op["responses"][str(status)] = (
            {"description": text, "content": _content(schema)} if schema else {"description": text}
        )
    return op


def openapi_path(rule: str) -> str:
    return "/api/v1" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


@cache
def openapi_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for r in ROUTES:
        paths.setdefault(openapi_path(r.rule), {})[r.method.lower()] = _operation(r)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Dorak queue API",
            "version": "1",
            "description": "Errors are JSON {error, message: {ar, en}}; "
            "times are ISO 8601 with the center's offset. Each operation's `x-who` says "
            "who may call it.",
        },
        "paths": paths,
        "components": {
            "schemas": {**REQUESTS, **RESPONSES},
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `dorak token create`",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "Signed-in session; unsafe requests also need the "
                    "X-CSRF-Token header",
                },
            },
        },
    }
