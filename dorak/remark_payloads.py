"""The shape of a remark: for supervisors (everything), and for the citizen who sent it (their
own text, the answer; never who answered)."""

from __future__ import annotations

from typing import Any

from .domain.model import Center
from .domain.remarks import CATEGORY_NAMES, Remark
from .payloads import iso, service_names


def _category(r: Remark) -> dict[str, str]:
    ar, en = CATEGORY_NAMES[r.category]
    return {"ar": ar, "en": en}


def remark_public(center: Center, r: Remark) -> dict[str, Any]:
    tz = center.timezone
    return {
        "id": r.id,
        "category": r.category.value,
        "category_name": _category(r),
        "text": r.text,
        "status": r.status.value,
        "answer": r.answer,
        "at": iso(r.at, tz),
        "answered_at": iso(r.answered_at, tz),
    }


def remark_staff(center: Center, r: Remark) -> dict[str, Any]:
    tz = center.timezone
    return {
        **remark_public(center, r),
        "source": r.source.value,
        "day": r.day,
        "number": r.number,
        "service": r.service,
        "service_name": service_names(center, r.service) if r.service else None,
        "window": r.window,
        "answered_by": r.answered_by,
        "closed_at": iso(r.closed_at, tz),
        "closed_by": r.closed_by,
    }
