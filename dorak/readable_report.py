"""The period reports as a person reads them: headers in Arabic or English, names instead of
codes, waits in minutes, shares as percentages, and a title saying what, when and where.

Plain Python (no Flask): the API (dorak/api/readable.py) hands it the machine rows of
dorak/reports.py or of the files / remarks / integrity figures; readable_files.py writes the
table as XLSX or CSV. The machine form itself is never changed here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .domain.integrity import REASON_NAMES
from .domain.model import Center
from .domain.remarks import CATEGORY_NAMES
from .messages import MONTHS_AR

LANGS = ("ar", "en")
Texts = tuple[str, str]  # (Arabic, English)

# How a column's value is shown: "count" and "number" as they are, "share" (a fraction) as a
# percentage, "seconds" as minutes; each with one decimal where it is not whole.
KEYS: dict[str, Texts] = {
    "service": ("الخدمة", "Service"),
    "window": ("الشباك", "Window"),
    "clerk": ("الموظف", "Clerk"),
    "hour": ("الساعة", "Hour"),
    "day": ("اليوم", "Day"),
    "file_type": ("نوع الملف", "File type"),
    "category": ("الموضوع", "Category"),
    "source": ("المصدر", "Source"),
}
BY_PHRASES: dict[str, Texts] = {
    "service": ("حسب الخدمة", "by service"),
    "window": ("حسب الشباك", "by window"),
    "clerk": ("حسب الموظف", "by clerk"),
    "hour": ("حسب ساعة اليوم", "by hour of the day"),
    "day": ("حسب اليوم", "by day"),
    "file_type": ("حسب نوع الملف", "by file type"),
    "category": ("حسب الموضوع", "by category"),
    "source": ("حسب المصدر", "by source"),
}
TITLES: dict[str, Texts] = {
    "reports": ("تقرير الانتظار والخدمة", "Waiting and service report"),
    "files": ("تقرير ملفات المواطنين", "Case files report"),
    "remarks": ("تقرير ملاحظات المواطنين", "Citizens' remarks report"),
    "integrity": ("تقرير انتظام الدور", "Integrity of the line report"),
}
SOURCE_NAMES: dict[str, Texts] = {
    "phone": ("الهاتف", "Phone"),
    "tablet": ("جهاز الشباك", "Window tablet"),
    "kiosk": ("جهاز التذاكر", "Kiosk"),
}

_TIMES: dict[str, Texts] = {
    "wait": ("الانتظار", "Wait"),
    "walk": ("الوصول إلى الشباك", "Walk to the window"),
    "service": ("مدة الخدمة", "Service time"),
}
_STATS: dict[str, Texts] = {
    "mean": ("المتوسط", "mean"),
    "median": ("الوسيط", "median"),
    "p90": ("90٪ حتى", "90% within"),
    "max": ("الأطول", "longest"),
}
_MIN = (" (دقيقة)", " (min)")
_PCT = (" (%)", " (%)")


def _with(texts: Texts, unit: Texts) -> Texts:
    return texts[0] + unit[0], texts[1] + unit[1]


# One entry per column: (Arabic header, English header, kind).
Column = tuple[str, str, str]
_REPORT: dict[str, Column] = {
    "issued": ("دخلوا الطابور (الكل)", "Joined the queue (all)", "count"),
    "tickets": ("تذاكر جديدة", "New tickets", "count"),
    "transferred_in": ("محوَّلون إليها", "Transferred in", "count"),
    "called": ("نودي عليهم", "Called", "count"),
    "served": ("خُدموا", "Served", "count"),
    "completed": ("أُنجزت", "Completed", "count"),
    "no_shows": ("لم يحضروا", "No-shows", "count"),
    "transfers": ("حُوِّلوا لخدمة أخرى", "Transferred on", "count"),
    "cancelled": ("أُلغيت", "Cancelled", "count"),
    "expired": ("انتهى اليوم قبل خدمتهم", "Expired at the day's end", "count"),
    "open": ("ما زالوا في الانتظار أو الخدمة", "Still waiting or being served", "count"),
    "ratings": ("عدد التقييمات", "Ratings", "count"),
    "completion_rate": (*_with(("نسبة الإنجاز", "Completion rate"), _PCT), "share"),
    "no_show_rate": (*_with(("نسبة عدم الحضور", "No-show rate"), _PCT), "share"),
    "within_target": (
        *_with(("نودي عليهم خلال الانتظار المستهدف", "Called within the target wait"), _PCT),
        "share",
    ),
    "rating_mean": ("متوسط التقييم (من 5)", "Mean rating (of 5)", "number"),
}
for _name, _what in _TIMES.items():
    for _stat, _how in _STATS.items():
        _ar, _en = _with((f"{_what[0]}: {_how[0]}", f"{_what[1]}: {_how[1]}"), _MIN)
        _REPORT[f"{_name}_{_stat}_s"] = (_ar, _en, "seconds")

_FILES: dict[str, Column] = {
    "opened": ("ملفات فُتحت", "Opened", "count"),
    "completed": ("أُنجزت", "Completed", "count"),
    "rejected": ("رُفضت", "Rejected", "count"),
    "still_open": ("ما زالت مفتوحة", "Still open", "count"),
    "completion_rate": _REPORT["completion_rate"],
    "days_to_completion_median": ("أيام حتى الإنجاز: الوسيط", "Days to complete: median", "number"),
    "days_to_completion_p90": (
        "أيام حتى الإنجاز: 90٪ حتى",
        "Days to complete: 90% within",
        "number",
    ),
    "visits_per_completed_file": ("زيارات لكل ملف منجز", "Visits per completed file", "number"),
    "visits": ("زيارات", "Visits", "count"),
    "documents_missing_visits": ("زيارات ناقصة المستندات", "Visits: documents missing", "count"),
    "documents_missing_share": (
        *_with(("زيارات ناقصة المستندات", "Visits with documents missing"), _PCT),
        "share",
    ),
}
_REMARKS: dict[str, Column] = {
    "remarks": ("ملاحظات", "Remarks", "count"),
    "answered": ("رُدَّ عليها", "Answered", "count"),
    "closed": ("أُغلقت", "Closed", "count"),
    "open": ("مفتوحة", "Open", "count"),
    "answer_median_min": (*_with(("زمن الرد: الوسيط", "Time to answer: median"), _MIN), "number"),
    "answer_p90_min": (*_with(("زمن الرد: 90٪ حتى", "Time to answer: 90% within"), _MIN), "number"),
}
_INTEGRITY: dict[str, Column] = {
    "calls": ("نداءات", "Calls", "count"),
    "in_order": ("بالترتيب", "In order", "count"),
    "out_of_order": ("خارج الترتيب", "Out of order", "count"),
    "in_order_share": (*_with(("نداءات بالترتيب", "Calls in order"), _PCT), "share"),
    **{
        f"reason_{r.value}": (f"خارج الترتيب: {ar}", f"Out of order: {en}", "count")
        for r, (ar, en) in REASON_NAMES.items()
    },
    "skipped_tickets": ("تذاكر تم تخطيها", "Tickets skipped", "count"),
    "recalls_beyond_second": ("نداءات بعد الثاني", "Recalls beyond the second", "count"),
    "cancels": ("إلغاءات", "Cancels", "count"),
    "reprints": ("إعادات طباعة", "Reprints", "count"),
}
COLUMNS: dict[str, dict[str, Column]] = {
    "reports": _REPORT,
    "files": _FILES,
    "remarks": _REMARKS,
    "integrity": _INTEGRITY,
}
DAYS_SHORT: tuple[Texts, ...] = (
    ("الاثنين", "Mon"),
    ("الثلاثاء", "Tue"),
    ("الأربعاء", "Wed"),
    ("الخميس", "Thu"),
    ("الجمعة", "Fri"),
    ("السبت", "Sat"),
    ("الأحد", "Sun"),
)


@dataclass(frozen=True)
class Names:
    """What a person calls each key: grouping -> key (as text) -> (Arabic, English)."""

    of: Mapping[str, Mapping[str, Texts]]

    def name(self, by: str, key: Any, lang: str) -> str:
        i = LANGS.index(lang)
        if key is None or key == "-":
            return "—"
        if by == "hour" and isinstance(key, int):
            return f"{key:02d}:00–{(key + 1) % 24:02d}:00"
        if by == "day":
            day = date.fromisoformat(str(key))
            return f"{DAYS_SHORT[day.weekday()][i]} {day.isoformat()}"
        texts = self.of.get(by, {}).get(str(key))
        if texts is None:
            return (f"شباك {key}", f"Window {key}")[i] if by == "window" else str(key)
        return texts[i] or texts[0] or str(key)


def names_of(center: Center, users: Iterable[Mapping[str, Any]]) -> Names:
    """Names from the center's configuration and the accounts (clerks by their full name)."""
    clerks = {str(u["username"]): str(u.get("name") or u["username"]) for u in users}
    return Names(
        {
            "service": {s.code: (s.name_ar, s.name_en) for s in center.services},
            "window": {str(w.number): (w.label_ar, w.label_en) for w in center.windows},
            "clerk": {k: (v, v) for k, v in clerks.items()},
            "file_type": {t.code: (t.name_ar, t.name_en) for t in center.file_types},
            "category": {c.value: n for c, n in CATEGORY_NAMES.items()},
            "source": SOURCE_NAMES,
        }
    )


@dataclass(frozen=True)
class Table:
    """What a readable file holds: a title line, the headers, the rows; `kinds` per column
    ("key", "count", "share", "seconds", "number") tell the writer how to format numbers."""

    title: str
    sheet: str
    headers: list[str]
    kinds: list[str]
    rows: list[list[Any]]
    lang: str


def value(kind: str, v: Any) -> Any:
    """A machine value as a person reads it: minutes and percentages to one decimal."""
    if v is None:
        return None
    if kind == "share":
        return round(v * 100, 1)
    if kind == "seconds":
        return round(v / 60, 1)
    return v


def day_text(day: date, lang: str) -> str:
    if lang == "ar":
        return f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def title_of(what: str, by: str, center: Center, start: date, end: date, lang: str) -> str:
    i = LANGS.index(lang)
    head = f"{TITLES[what][i]} {BY_PHRASES.get(by, (by, by))[i]}"
    place = (center.name_ar, center.name_en)[i] or center.name_ar
    a, b = day_text(start, lang), day_text(end, lang)
    if lang == "ar":
        when = f"يوم {a}" if start == end else f"من {a} إلى {b}"
    else:
        when = f"on {a}" if start == end else f"from {a} to {b}"
    return f"{head} — {place} — {when}"


def _keys(what: str, by: str) -> list[str]:
    """The key columns of a report, as its rows hold them (for a period with no rows)."""
    if what == "files" and by != "file_type":
        return ["file_type", by]
    return [by]


def readable_table(
    rows: list[dict[str, Any]],
    what: str,
    by: str,
    center: Center,
    names: Names,
    start: date,
    end: date,
    lang: str,
) -> Table:
    """The machine rows (one dict per group, all with the same keys) as a readable table."""
    i = LANGS.index(lang)
    columns = COLUMNS[what]
    codes = list(rows[0]) if rows else [*_keys(what, by), *columns]
    headers, kinds = [], []
    for code in codes:
        if code in KEYS:
            headers.append(KEYS[code][i])
            kinds.append("key")
        else:
            ar, en, kind = columns.get(code, (code, code, "number"))
            headers.append((ar, en)[i])
            kinds.append(kind)
    body = [
        [
            names.name(code, r[code], lang) if kind == "key" else value(kind, r[code])
            for code, kind in zip(codes, kinds, strict=True)
        ]
        for r in rows
    ]
    sheet = BY_PHRASES.get(by, (by, by))[i]
    return Table(title_of(what, by, center, start, end, lang), sheet, headers, kinds, body, lang)
