"""Case files over the API: attach the visit at a window to a file by its number, the file at a
window now, a file's history by number (staff), and the files' completion figures."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ..case_file_figures import GROUPINGS, file_figures
from ..case_file_payloads import file_view
from ..domain.roles import Role
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import AT_WINDOW, SUPERVISORS, Who, caller, route
from .period import period_query, read_period, rows_answer
from .schemas import LINE_FORMAT, REQUESTS, RESPONSES, listing, obj

STAFF = Who(
    "a clerk, a supervisor or an admin",
    lambda p, **_: p.role in (Role.CLERK, Role.SUPERVISOR, Role.ADMIN),
)
REQUESTS["AttachFile"] = obj(
    {"number": {"type": "string", "minLength": 1, "maxLength": 40, **LINE_FORMAT}}, ("number",)
)
RESPONSES["CaseFile"] = {
    "type": "object",
    "properties": {
        "file_type": {"type": "string"},
        "type_name": {"type": "object"},
        "number": {"type": "string", "example": "1234/2026"},
        "service": {"type": "string"},
        "status": {"type": "string"},
        "status_name": {"type": "object"},
        "closed": {"type": "boolean"},
        "opened_day": {"type": "string"},
        "visits": {
            "type": "array",
            "items": {"type": "object"},
            "description": "every visit, oldest first: ticket, day, window, clerk, outcome, "
            "status before and after, note, next step",
        },
    },
    "required": ["file_type", "number", "status", "visits"],
}
RESPONSES["CaseFiles"] = listing("files", {"$ref": "#/components/schemas/CaseFile"})
RESPONSES["FileAtWindow"] = {
    "type": "object",
    "properties": {
        "file": {"anyOf": [{"$ref": "#/components/schemas/CaseFile"}, {"type": "null"}]}
    },
    "required": ["file"],
}
FILE_OK = ("CaseFile", "The file, with every visit")


def _known(n: int) -> None:
    if dorak().ops.center.window(n) is None:
        raise ApiError("unknown_window", 404, window=n)


@route(
    "POST",
    "/windows/<int:n>/file",
    "Attach the visit at the window to a case file by its number (a new number opens a file)",
    who=AT_WINDOW,
    body="AttachFile",
    ok=FILE_OK,
    errors=(409,),
)
def attach_file(n: int, data: dict[str, Any]) -> ResponseReturnValue:
    _known(n)
    d = dorak()
    who = caller()
    record, events = d.ops.attach_file(n, who.name, data["number"], by=who)
    d.dispatch(events)
    return jsonify(file_view(d.ops.center, record))


@route(
    "GET",
    "/windows/<int:n>/file",
    "The case file of the visit at the window now (null: none attached)",
    who=AT_WINDOW,
    ok=("FileAtWindow", "The file or null"),
)
def file_at_window(n: int) -> ResponseReturnValue:
    _known(n)
    record = dorak().ops.file_at_window(n)
    return jsonify({"file": file_view(dorak().ops.center, record) if record else None})


@route(
    "GET",
    "/files",
    "Case files by number, each with its history",
    who=STAFF,
    ok=("CaseFiles", "The files with this number (of any file type)"),
    query=({"name": "number", "required": True, "schema": {"type": "string", "maxLength": 40}},),
)
def find_files() -> ResponseReturnValue:
    number = request.args.get("number", "")
    if not number.strip() or len(number) > 40:
        raise ApiError("bad_request", 400, detail="number: 1 to 40 characters")
    d = dorak()
    return jsonify({"files": [file_view(d.ops.center, r) for r in d.ops.find_files(number)]})


@route(
    "GET",
    "/reports/files",
    "Case-file completion figures per file type (and service, window or clerk) for a period",
    who=SUPERVISORS,
    ok=("Report", "One row per file type and group (CSV and XLSX: the same rows)"),
    query=period_query(GROUPINGS),
)
def file_report() -> ResponseReturnValue:
    start, end, by = read_period(GROUPINGS, "file_type")
    return rows_answer(file_figures(dorak().store, start, end, by), "files", start, end, by)
