"""The hub API's OpenAPI 3.1 document, made from the route declarations (dorak/hub/api.py)."""

from __future__ import annotations

from typing import Any

SECURITY: dict[str, list[dict[str, list[str]]]] = {
    "center": [{"centerToken": []}],
    "reader": [{"readerToken": []}, {"session": []}],
    "public": [],
}


def document(declared: list[Any]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for d in declared:
        op: dict[str, Any] = {
            "summary": d.summary,
            "operationId": f"{d.method.lower()}_{d.path.strip('/').replace('/', '_')}",
            "security": SECURITY[d.who],
            "responses": {
                str(code): {"description": text}
                for code, text in (d.answers or {200: "OK"}).items()
            },
        }
        params = [
            {
                "name": name,
                "in": "query",
                "required": name == "from",
                "description": text,
                "schema": {"type": "string"},
            }
            for name, text in d.params.items()
        ]
        if "{code}" in d.path:
            params.append(
                {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
            )
        if params:
            op["parameters"] = params
        if d.body:
            op["requestBody"] = {
                "description": d.body,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        paths.setdefault(f"/hub/api/v1{d.path}", {})[d.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "Dorak governorate hub", "version": "1"},
        "paths": paths,
        "components": {
            "securitySchemes": {
                "centerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "a center's sync token (dorak hub center add)",
                },
                "readerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "dorak hub token create",
                },
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            }
        },
    }
