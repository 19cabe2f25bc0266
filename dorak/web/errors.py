"""Every error leaves as JSON {"error", "message": {"ar", "en"}} with a 4xx status."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from ..domain.errors import DomainError
from ..domain.events import StoreFailed
from ..messages import message
from ..store import StoreError


class ApiError(Exception):
    def __init__(self, code: str, status: int = 400, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.details = details


def error_body(
    code: str, http_status: int, details: dict[str, Any] | None = None
) -> ResponseReturnValue:
    return jsonify(_body(code, details)), http_status


def _body(code: str, details: dict[str, Any] | None) -> dict[str, Any]:
    details = {k: v for k, v in (details or {}).items() if v is not None}
    body: dict[str, Any] = {"error": code, "message": message(code, **details)}
    if details:
        body["details"] = details
    return body


HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api(e: ApiError) -> ResponseReturnValue:
        return error_body(e.code, e.status, e.details)

    @app.errorhandler(DomainError)
    def _domain(e: DomainError) -> ResponseReturnValue:
        return error_body(e.code, e.status, e.details)

    @app.errorhandler(StoreError)
    def _store(e: StoreError) -> ResponseReturnValue:
        app.logger.error("store error: %s", e)
        app.extensions["dorak"].dispatch([StoreFailed(str(e))])
        return error_body("unavailable", 503)

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException) -> ResponseReturnValue:
        if not request.path.startswith("/api/"):
            return e  # pages keep Werkzeug's own HTML error pages
        status = e.code or 500
        code = HTTP_CODES.get(status, "internal")
        detail = e.description if code == "bad_request" else None
        response = jsonify(_body(code, {"detail": detail}))
        if e.code == 405:  # which methods the path does take
            response.headers["Allow"] = dict(e.get_headers()).get("Allow", "")
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> ResponseReturnValue:
        app.logger.exception("unexpected error")
        if isinstance(e, sqlite3.Error):  # counted, alerted, and the file checked soon
            app.extensions["dorak"].dispatch([StoreFailed(str(e), check_file=True)])
        if not request.path.startswith("/api/"):
            return "Internal error", 500
        return error_body("internal", 500)
