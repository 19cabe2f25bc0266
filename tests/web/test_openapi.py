"""The OpenAPI document is valid, lists exactly the routes the server has, and responses match."""

from __future__ import annotations

import re

from flask import Flask
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.conftest import Api


def test_document_is_valid_openapi(api: Api) -> None:
    doc = api.get("/openapi.json").get_json()
    validate(doc)


def test_document_lists_every_api_route(app: Flask, api: Api) -> None:
    doc = api.get("/openapi.json").get_json()
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
            served.add((path, method))
    assert documented == served


def _validator(doc: dict, name: str) -> Draft202012Validator:  # type: ignore[type-arg]
    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    return Draft202012Validator(schema)


def test_responses_match_their_schemas(api: Api) -> None:
    doc = api.get("/openapi.json").get_json()
    t = api.issue()
    _validator(doc, "Ticket").validate(t)
    _validator(doc, "Ticket").validate(api.act(1, "call-next").get_json())
    _validator(doc, "State").validate(api.get("/state").get_json())
    _validator(doc, "Window").validate(api.act(2, "pause", {"reason": "break"}).get_json())
    for s in api.get("/services").get_json()["services"]:
        _validator(doc, "Service").validate(s)
    _validator(doc, "Error").validate(api.act(1, "finish", {"outcome": "x"}).get_json())
