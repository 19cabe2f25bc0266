"""The `[[file_types]]` tables of a center's configuration: read from TOML, written back.

[[file_types]]
code = "reconciliation"
service = "reconciliation"
name_ar = "ملف تصالح"
name_en = "Reconciliation file"
pattern = '^\\d{1,7}/\\d{4}$'
example = "1234/2026"
statuses = ["opened", "documents_missing", "under_review", "decided", "completed",
            "rejected", "referred"]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .domain.case_files import FileStatus, FileType
from .domain.model import Service

CODE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
NEEDED = (FileStatus.OPENED, FileStatus.COMPLETED)  # every file starts and may end
Fail = Callable[..., Exception]


def _text(table: dict[str, Any], key: str, where: str, fail: Fail, longest: int = 100) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > longest:
        raise fail(f"{where}: '{key}' must be a text of 1 to {longest} characters", key)
    return value.strip()


def parse_file_types(raw: Any, services: tuple[Service, ...], fail: Fail) -> tuple[FileType, ...]:
    if not isinstance(raw, list):
        raise fail("'file_types' must be a list of [[file_types]] tables")
    queues = {s.code for s in services if s.prefix}
    out: list[FileType] = []
    for i, t in enumerate(raw, 1):
        where = f"[[file_types]] #{i}"
        if not isinstance(t, dict):
            raise fail(f"{where}: must be a table")
        code = _text(t, "code", where, fail, 32)
        if not CODE_RE.match(code) or any(o.code == code for o in out):
            raise fail(f"{where}: code {code!r} must be a new lower-case code", code)
        service = _text(t, "service", where, fail, 32)
        if service not in queues:
            raise fail(f"{where}: 'service' {service!r} is not a service with tickets", service)
        pattern = _text(t, "pattern", where, fail, 200)
        try:
            re.compile(pattern)
        except re.error as e:
            raise fail(f"{where}: 'pattern' is not a regular expression ({e})", "pattern") from None
        example = str(t.get("example", "")).strip()
        if example and not re.fullmatch(pattern, example):
            raise fail(f"{where}: the example {example!r} does not match the pattern", "example")
        names = t.get("statuses", [s.value for s in FileStatus])
        try:
            statuses = tuple(FileStatus(s) for s in names)
        except (TypeError, ValueError):
            known = ", ".join(s.value for s in FileStatus)
            raise fail(f"{where}: 'statuses' must be among {known}", "statuses") from None
        if any(s not in statuses for s in NEEDED):
            raise fail(f"{where}: 'statuses' must hold opened and completed", "statuses")
        out.append(
            FileType(
                code=code,
                service=service,
                name_ar=_text(t, "name_ar", where, fail),
                name_en=_text(t, "name_en", where, fail),
                pattern=pattern,
                example=example,
                statuses=statuses,
            )
        )
    return tuple(out)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is JSON-compatible


def file_types_toml(types: tuple[FileType, ...]) -> list[str]:
    lines: list[str] = []
    q = _q
    for t in types:
        lines += [
            "[[file_types]]",
            f"code = {q(t.code)}",
            f"service = {q(t.service)}",
            f"name_ar = {q(t.name_ar)}",
            f"name_en = {q(t.name_en)}",
            f"pattern = {q(t.pattern)}",
        ]
        if t.example:
            lines.append(f"example = {q(t.example)}")
        lines += [f"statuses = {json.dumps([s.value for s in t.statuses])}", ""]
    return lines
