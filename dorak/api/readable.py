"""The readable form of the period reports (`view=readable&lang=ar|en`, CSV or XLSX) beside
the machine form, which stays as it is. The texts and numbers: dorak/readable_report.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from ..i18n import select_lang
from ..readable_files import as_readable_csv, as_readable_xlsx
from ..readable_report import LANGS, names_of, readable_table
from ..web.errors import ApiError
from ..web.identity import dorak

VIEWS = ("machine", "readable")
VIEW_QUERY: tuple[dict[str, Any], ...] = (
    {
        "name": "view",
        "required": False,
        "description": "machine (default): code names, fractions, seconds; readable (CSV or "
        "XLSX only): headers in `lang`, names, minutes, percentages, a title row",
        "schema": {"type": "string", "enum": list(VIEWS)},
    },
    {
        "name": "lang",
        "required": False,
        "description": "the readable form's language (default: the page's, else Arabic)",
        "schema": {"type": "string", "enum": list(LANGS)},
    },
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_view() -> str | None:
    """The language of a readable answer, None for the machine form; a 400 (nothing done) for
    a view or language that is not one of ours, or a readable JSON."""
    args = request.args
    view = args.get("view", "machine")
    if view not in VIEWS:
        raise ApiError("bad_view", 400, view=view[:40])
    if "lang" in args and args["lang"] not in LANGS:
        raise ApiError("bad_lang", 400, lang=args["lang"][:40])
    if view == "machine":
        return None
    if args.get("format", "json") not in ("csv", "xlsx"):
        raise ApiError("readable_format", 400)
    return select_lang()


def readable_answer(
    rows: list[dict[str, Any]], what: str, name: str, by: str, start: date, end: date, lang: str
) -> ResponseReturnValue:
    """The rows as a readable CSV or XLSX named <name>-<lang>."""
    d = dorak()
    center = d.ops.center
    names = names_of(center, d.accounts.users())
    table = readable_table(rows, what, by, center, names, start, end, lang)
    if request.args.get("format") == "csv":
        disposition = f'attachment; filename="{name}-{lang}.csv"'
        headers = {"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition}
        return as_readable_csv(table), 200, headers
    disposition = f'attachment; filename="{name}-{lang}.xlsx"'
    return as_readable_xlsx(table), 200, {"Content-Type": XLSX, "Content-Disposition": disposition}
