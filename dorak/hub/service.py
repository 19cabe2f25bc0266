"""What the hub's pages and API answer, in plain Python over the hub's store: who may see which
center, each center's line of the governorate dashboard, reports across centers."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..config import load_center, parse_center
from ..domain.model import Center
from ..domain.numbering import local_day
from ..reports import ReportError, parse_day
from ..store.hub import CenterRow, HubStore
from ..store.hub.reads import Reader
from . import figures

LIVE_S = 45.0  # three heartbeats missed: the center is cut off
MAX_REPORT_DAYS = 366


@functools.lru_cache(maxsize=512)
def center_model(toml: str | None) -> Center:
    """The center as its configuration says (targets, time zone); the sample before any came."""
    return load_center(None) if toml is None else parse_center(toml, "hub", strict=False)


def visible(reader: Reader, center_id: int) -> bool:
    return reader.centers is None or center_id in reader.centers


@dataclass
class Hub:
    store: HubStore
    clock: Callable[[], datetime]

    def now(self) -> float:
        return self.clock().timestamp()

    def centers_for(self, reader: Reader) -> list[CenterRow]:
        return self.store.centers(None if reader.centers is None else list(reader.centers))

    def today(self, c: CenterRow) -> str:
        return local_day(self.clock(), c.timezone)

    def summaries(self, rows: Sequence[CenterRow]) -> list[dict[str, Any]]:
        days = sorted({self.today(c) for c in rows})
        figs: dict[int, dict[str, dict[str, Any]]] = {}
        for center_id, day, service, f in self.store.day_figures(days, [c.id for c in rows]):
            c = next(r for r in rows if r.id == center_id)
            if day == self.today(c):
                figs.setdefault(center_id, {})[service] = f
        return [self.summary(c, figs.get(c.id, {})) for c in rows]

    def summary(self, c: CenterRow, figs: dict[str, dict[str, Any]]) -> dict[str, Any]:
        live = c.live or {}
        whole = figs.get("", {})
        model = center_model(c.config_toml)
        names = {s.code: {"ar": s.name_ar, "en": s.name_en} for s in model.services}
        seen = c.last_seen
        return {
            "code": c.code,
            "name": {"ar": c.name_ar, "en": c.name_en},
            "status": "live" if seen is not None and self.now() - seen <= LIVE_S else "cut",
            "last_seen": seen,
            "day": self.today(c),
            "waiting": sum(int(v) for v in (live.get("waiting") or {}).values()),
            "waiting_per_service": live.get("waiting") or {},
            "staffed_windows": len(live.get("staffed") or []),
            "windows": live.get("windows"),
            "issued": whole.get("issued", 0),
            "served": whole.get("served", 0),
            "wait_median_s": whole.get("wait_median_s"),
            "within_target": whole.get("within_target"),
            "completion_rate": whole.get("completion_rate"),
            "rating_mean": whole.get("rating_mean"),
            "ratings": whole.get("ratings", 0),
            "services": [
                {
                    "service": code,
                    "name": names.get(code, {"ar": code, "en": code}),
                    "issued": f.get("issued"),
                    "completion_rate": f.get("completion_rate"),
                    "wait_median_s": f.get("wait_median_s"),
                    "within_target": f.get("within_target"),
                }
                for code, f in sorted(figs.items())
                if code
            ],
            "alerts": live.get("alerts") or [],
            "events": c.high_water,
        }

    def detail(self, c: CenterRow) -> dict[str, Any]:
        out = self.summaries([c])[0]
        out["live"] = c.live or {}
        return out

    def report(
        self, reader: Reader, start: str | None, end: str | None, by: str
    ) -> list[dict[str, Any]]:
        """The center's own report for each center the reader may see, rows tagged with it:
        by=center is one row per center (the report by day over the whole period would split
        it, so the period is one group)."""
        if by not in ("center", *figures.HUB_GROUPINGS):
            raise ReportError("'by' must be one of center, service, day, hour")
        first, last = parse_day(start, "from"), parse_day(end or start, "to")
        if (last - first).days >= MAX_REPORT_DAYS:
            raise ReportError(f"a report covers at most {MAX_REPORT_DAYS} days")
        out: list[dict[str, Any]] = []
        for c in self.centers_for(reader):
            rows = self.store.entry_rows(c.id, first.isoformat(), last.isoformat())
            model = center_model(c.config_toml)
            if by == "center":
                whole = [(*r[:1], first.isoformat(), *r[2:]) for r in rows]  # one group
                got = figures.center_report(whole, model, first, last, "day")
                for r in got:
                    r.pop("day")
            else:
                got = figures.center_report(rows, model, first, last, by)
            out.extend({"center": c.code, **r} for r in got)
        return out

    def public_waits(self) -> list[dict[str, Any]]:
        return self.public_waits_of(self.store.centers())

    def public_waits_of(self, rows: Sequence[CenterRow]) -> list[dict[str, Any]]:
        out = []
        for c in rows:
            live = c.live or {}
            up = c.last_seen is not None and self.now() - c.last_seen <= LIVE_S
            out.append(
                {
                    "code": c.code,
                    "name": {"ar": c.name_ar, "en": c.name_en},
                    "status": "live" if up else "cut",
                    "last_seen": c.last_seen,
                    "services": [
                        {
                            "service": code,
                            "name": {"ar": s.get("ar"), "en": s.get("en")},
                            "waiting": (live.get("waiting") or {}).get(code, 0),
                            "next_wait_s": s.get("next_wait_s"),
                        }
                        for code, s in (live.get("services") or {}).items()
                    ]
                    if up
                    else [],
                }
            )
        return out
