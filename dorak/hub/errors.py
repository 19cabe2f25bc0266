"""The hub's errors: JSON {"error", "message": {"ar", "en"}} and a 4xx status, as the center."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from ..reports import ReportError

MESSAGES: dict[str, tuple[str, str]] = {
    "unauthorized": ("سجّل الدخول أو أرسل رمزًا صالحًا.", "Sign in or send a valid token."),
    "wrong_center_token": (
        "رمز المزامنة غير صحيح لأي مركز.",
        "This sync token belongs to no center.",
    ),
    "not_your_center": (
        "لا يكتب مركز إلا سجل أحداثه.",
        "A center writes only its own events.",
    ),
    "forbidden": ("ليس لك الاطلاع على هذا المركز.", "You may not see this center."),
    "not_found": ("غير موجود.", "Not found."),
    "bad_batch": ("دفعة الأحداث غير صالحة: {detail}", "The batch of events is not valid: {detail}"),
    "bad_report": ("طلب التقرير غير صالح: {detail}", "The report request is not valid: {detail}"),
    "too_large": ("الطلب أكبر من المسموح.", "The request is too large."),
    "bad_request": ("طلب غير صالح.", "Bad request."),
    "method_not_allowed": ("الطريقة غير مسموحة.", "Method not allowed."),
    "csrf": ("انتهت صلاحية الصفحة، أعد تحميلها.", "The page expired: reload it."),
}


class HubError(Exception):
    def __init__(self, code: str, status: int = 400, **details: Any) -> None:
        super().__init__(code)
        self.code, self.status, self.details = code, status, details


def body(code: str, **details: Any) -> dict[str, Any]:
    ar, en = MESSAGES.get(code, MESSAGES["bad_request"])
    out: dict[str, Any] = {
        "error": code,
        "message": {"ar": ar.format(**details), "en": en.format(**details)},
    }
    if details:
        out["details"] = details
    return out


def register(app: Flask) -> None:
    @app.errorhandler(HubError)
    def _hub(e: HubError) -> ResponseReturnValue:
        return jsonify(body(e.code, **e.details)), e.status

    @app.errorhandler(ReportError)
    def _report(e: ReportError) -> ResponseReturnValue:
        return jsonify(body("bad_report", detail=str(e))), 400

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException) -> ResponseReturnValue:
        code = {
            401: "unauthorized",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
        }.get(e.code or 400, "bad_request")
        return jsonify(body(code)), e.code or 400
