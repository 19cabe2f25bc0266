"""The shape of a case file as staff see it (the counter, the file page, the API). The public
never gets this: a citizen's tracking page shows only their own visit's outcome and next step
(dorak/payloads.py `ticket_public`)."""

from __future__ import annotations

from typing import Any

from .domain.case_files import STATUS_NAMES, CaseFile, FileStatus
from .domain.model import Center
from .payloads import iso, service_names
from .usecases.case_files import FileRecord


def status_names(status: str | None) -> dict[str, str] | None:
    if not status:
        return None
    ar, en = STATUS_NAMES[FileStatus(status)]
    return {"ar": ar, "en": en}


def type_names(center: Center, f: CaseFile) -> dict[str, str]:
    t = next((t for t in center.file_types if t.code == f.file_type), None)
    return {"ar": t.name_ar, "en": t.name_en} if t else {"ar": f.file_type, "en": f.file_type}


def file_type_names(center: Center) -> dict[str, dict[str, str]]:
    return {t.code: {"ar": t.name_ar, "en": t.name_en} for t in center.file_types}


def file_view(center: Center, record: FileRecord) -> dict[str, Any]:
    f, tz = record.file, center.timezone
    visits = [
        {
            "ticket": v["ticket"],
            "service": v["service"],
            "day": v["day"],
            "window": v["window"],
            "clerk": v["clerk"],
            "attached_at": iso(v["attached_at"], tz),
            "finished_at": iso(v["finished_at"], tz),
            "outcome": v["outcome"],
            "status_before": v["status_before"],
            "status_after": v["status_after"],
            "status_after_name": status_names(v["status_after"]),
            "note": v["note"],
            "next_step": v["next_step"],
            "current": v["ticket_id"] == record.ticket_id,
        }
        for v in record.visits
    ]
    return {
        "file_type": f.file_type,
        "type_name": type_names(center, f),
        "number": f.number,
        "service": f.service,
        "service_name": service_names(center, f.service),
        "status": f.status.value,
        "status_name": status_names(f.status.value),
        "closed": f.closed,
        "opened_day": f.opened_day,
        "opened_at": iso(f.opened_at, tz),
        "updated_at": iso(f.updated_at, tz),
        "visits": visits,
    }
