"""Request and response schemas: the OpenAPI document and the request validator share them."""

from __future__ import annotations

from typing import Any

from ..domain.case_files import FileStatus
from ..domain.model import Outcome, Status
from ..domain.roles import TOKEN_ROLES, USER_ROLES

CODE = {"type": "string", "pattern": "^[a-z][a-z0-9_-]{0,31}$"}
HHMM = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
DAY_HOURS = {
    "anyOf": [
        {"const": "closed"},
        {
            "type": "object",
            "properties": {"open": HHMM, "close": HHMM, "last_ticket": HHMM},
            "required": ["open", "close"],
            "additionalProperties": False,
        },
    ]
}
HOURS = {
    "type": "object",
    "description": "the week (24-hour times), holidays, always open: as [hours] in the TOML",
    "properties": {
        **{
            day: DAY_HOURS
            for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
        },
        "sunday": DAY_HOURS,
        "closed": {
            "type": "array",
            "maxItems": 400,
            "items": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        },
        "always_open": {"type": "boolean"},
    },
    "additionalProperties": False,
}
TEXT = {"type": "string", "maxLength": 1000, "format": "multi-line"}
# Formats (dorak/domain/texts.py): which characters a text may hold. "name" and "username"
# refuse control and invisible characters, "single-line" and "multi-line" allow direction
# marks, "multi-line" also line breaks; lone surrogates are refused everywhere.
NAME_FORMAT = {"format": "name"}
LINE_FORMAT = {"format": "single-line"}
I18N = {
    "type": "object",
    "properties": {"ar": {"type": "string"}, "en": {"type": "string"}},
    "required": ["ar", "en"],
}
TIME = {"type": ["string", "null"], "format": "date-time"}
# One vocabulary: the domain's enums, nowhere else written out.
OUTCOMES = [o.value for o in Outcome]
STATUSES = [s.value for s in Status]
FILE_STATUSES = [s.value for s in FileStatus]


def obj(props: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(required),
        "additionalProperties": False,
    }


WEIGHTS_BY_WINDOW = {
    "type": "object",
    "maxProperties": 200,
    "propertyNames": {"pattern": "^[0-9]{1,3}$"},
    "additionalProperties": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
    "description": "window number -> weight of this service at that window",
}

SERVICE_FIELDS: dict[str, Any] = {
    "prefix": {"type": "string", "pattern": "^[A-HJ-NPR-Z]{1,2}$", "description": "no I, O, Q"},
    "name_ar": {"type": "string", "minLength": 1, "maxLength": 100, **NAME_FORMAT},
    "name_en": {"type": "string", "minLength": 1, "maxLength": 100, **NAME_FORMAT},
    "target_wait_min": {"type": "number", "exclusiveMinimum": 0, "maximum": 600},
    "expected_service_min": {"type": "number", "exclusiveMinimum": 0, "maximum": 600},
    "parent": {"anyOf": [CODE, {"type": "null"}]},
    "windows": WEIGHTS_BY_WINDOW,
}

REQUESTS: dict[str, dict[str, Any]] = {
    "IssueTicket": obj(
        {
            "service": CODE,
            "priority": {"anyOf": [CODE, {"type": "null"}]},
            "lang": {"type": "string", "enum": ["ar", "en"]},
        },
        ("service",),
    ),
    "Empty": obj({}),
    "Finish": obj(
        {
            "outcome": {"type": "string", "enum": OUTCOMES},
            "note": {"anyOf": [TEXT, {"type": "null"}]},
            "file_ref": {
                "anyOf": [{"type": "string", "maxLength": 100, **LINE_FORMAT}, {"type": "null"}]
            },
            # Case files (README "Case files"): shown to the citizen / where the file goes.
            "next_step": {"anyOf": [{**TEXT, "maxLength": 500}, {"type": "null"}]},
            "file_status": {"anyOf": [{"type": "string", "enum": FILE_STATUSES}, {"type": "null"}]},
        },
        ("outcome",),
    ),
    "Transfer": obj({"service": CODE, "note": {"anyOf": [TEXT, {"type": "null"}]}}, ("service",)),
    "CallTicket": obj(
        {
            "ticket": {"type": "string", "minLength": 1, "maxLength": 64, **LINE_FORMAT},
            # Needed when the call skips older waiting tickets (409 reason_needed otherwise).
            "reason": {
                "type": "string",
                "enum": ["priority", "returned", "wrong_service", "other"],
            },
        },
        ("ticket",),
    ),
    "Notice": obj(
        {
            "ar": {"type": "string", "maxLength": 500, **LINE_FORMAT},
            "en": {"type": "string", "maxLength": 500, **LINE_FORMAT},
        },
        ("ar", "en"),
    ),
    "Rating": obj(
        {
            "stars": {"type": "integer", "minimum": 1, "maximum": 5},
            "comment": {"anyOf": [{**TEXT, "maxLength": 500}, {"type": "null"}]},
        },
        ("stars",),
    ),
    "ConfigToml": obj({"toml": {"type": "string", "minLength": 1, "maxLength": 60000}}, ("toml",)),
    "AdminService": obj({"code": CODE, **SERVICE_FIELDS}, ("code", "name_ar", "name_en")),
    "AdminServiceEdit": obj(SERVICE_FIELDS),
    "AdminCenter": obj(
        {
            "hours": HOURS,
            "name_ar": {"type": "string", "minLength": 1, "maxLength": 150, **NAME_FORMAT},
            "name_en": {"type": "string", "minLength": 1, "maxLength": 150, **NAME_FORMAT},
            "timezone": {"type": "string", "minLength": 1, "maxLength": 64},
            "day_starts_at": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "priorities": {
                "type": "array",
                "maxItems": 20,
                "items": obj(
                    {
                        "code": CODE,
                        "name_ar": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": 60,
                            **NAME_FORMAT,
                        },
                        "name_en": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": 60,
                            **NAME_FORMAT,
                        },
                    },
                    ("code", "name_ar", "name_en"),
                ),
            },
        }
    ),
    "AdminSettings": obj(
        {
            "printer": {"type": "string", "minLength": 1, "maxLength": 200},
            "printer_width": {"type": "integer", "enum": [384, 432, 512, 546, 576, 640]},
            "ticket_digits": {"type": "string", "enum": ["latin", "arabic"]},
            "display_voice": {"type": "boolean"},
            "display_langs": {"type": "string", "enum": ["ar,en", "ar", "en", "en,ar"]},
            "display_recent": {"type": "integer", "minimum": 1, "maximum": 20},
            "restore_min": {"type": "integer", "minimum": 0, "maximum": 240},
        }
    ),
    "AdminLogo": obj(
        {"image": {"type": "string", "minLength": 8, "maxLength": 270_000}}, ("image",)
    ),
    "AdminWindow": obj(
        {
            "label_ar": {"type": "string", "minLength": 1, "maxLength": 50, **NAME_FORMAT},
            "label_en": {"type": "string", "minLength": 1, "maxLength": 50, **NAME_FORMAT},
            "services": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 50,
                "propertyNames": CODE,
                "additionalProperties": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            },
        }
    ),
    "AdminUser": obj(
        {
            "username": {"type": "string", "minLength": 1, "maxLength": 64, "format": "username"},
            "password": {"type": "string", "minLength": 8, "maxLength": 200},
            "role": {"type": "string", "enum": [r.value for r in USER_ROLES]},
            "window": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
            "name": {
                "anyOf": [{"type": "string", "maxLength": 100, **NAME_FORMAT}, {"type": "null"}]
            },
        },
        ("username", "password", "role"),
    ),
    "AdminPassword": obj(
        {"password": {"type": "string", "minLength": 8, "maxLength": 200}}, ("password",)
    ),
    "AdminActive": obj({"active": {"type": "boolean"}}, ("active",)),
    "AdminToken": obj(
        {
            "role": {"type": "string", "enum": [r.value for r in TOKEN_ROLES]},
            "window": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
            "label": {
                "anyOf": [{"type": "string", "maxLength": 60, **NAME_FORMAT}, {"type": "null"}]
            },
        },
        ("role",),
    ),
    "Pause": obj(
        {"reason": {"type": "string", "minLength": 1, "maxLength": 200, **LINE_FORMAT}}, ("reason",)
    ),
}

TICKET = {
    "type": "object",
    "properties": {
        "tracking_id": {
            "type": "string",
            "description": "The citizen's unguessable tracking id (/t/<tracking_id>, the QR)",
        },
        "number": {"type": "string", "example": "A017"},
        "service": {"type": "string"},
        "service_name": I18N,
        "status": {"type": "string", "enum": STATUSES},
        "priority": {"type": ["string", "null"]},
        "window": {"type": ["integer", "null"]},
        "ahead": {"type": ["integer", "null"]},
        "estimated_wait_s": {"type": ["integer", "null"]},
        "estimated_range_s": {
            "type": ["array", "null"],
            "items": {"type": "integer"},
            "description": "the 80 % range of the wait, [low, high] seconds",
        },
        "recalls": {"type": "integer"},
        "outcome": {"type": ["string", "null"]},
        "next_step": {
            "type": ["string", "null"],
            "description": "a finished visit: what the clerk said to do or bring next",
        },
        "rated": {"type": "boolean"},
        "track_url": {"type": "string"},
        "issued_at": {"type": "string", "format": "date-time"},
        "called_at": TIME,
        "started_at": TIME,
        "finished_at": TIME,
        "note": {"type": ["string", "null"]},
        "file_ref": {"type": ["string", "null"]},
        "clerk": {"type": ["string", "null"]},
        "transferred_from": {"type": "boolean"},
    },
    "required": [
        "tracking_id",
        "number",
        "service",
        "status",
        "issued_at",
        "ahead",
        "estimated_wait_s",
        "track_url",
    ],
}

WINDOW = {
    "type": "object",
    "properties": {
        "number": {"type": "integer"},
        "label": I18N,
        "status": {
            "type": "string",
            "enum": ["open", "paused", "unstaffed"],
            "description": "open: a clerk is signed in and working; unstaffed: nobody is",
        },
        "clerk": {"type": ["string", "null"], "description": "who is signed in (staff view)"},
        "signed_in_at": TIME,
        "reason": {"type": ["string", "null"]},
        "since": TIME,
        "services": {"type": "array", "items": {"type": "string"}},
        "ticket": {"type": ["object", "null"]},
        "next": {"type": "array", "items": {"type": "object"}},
        "waiting": {"type": "object", "additionalProperties": {"type": "integer"}},
        "today": {"type": "object"},
    },
    "required": ["number", "status", "services", "ticket"],
}

SERVICE = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "prefix": {"type": ["string", "null"]},
        "name": I18N,
        "parent": {"type": ["string", "null"]},
        "group": {"type": "boolean"},
        "open": {"type": "boolean"},
        "available": {
            "type": "boolean",
            "description": "open, within its hours, and a clerk is at a window serving it",
        },
        "unavailable": {
            "type": ["object", "null"],
            "description": "why not available: reason, opens_at, message {ar, en}",
        },
        "target_wait_min": {"type": "number"},
        "waiting": {"type": "integer"},
        "estimated_wait_s": {"type": "integer"},
        "estimated_range_s": {
            "type": ["array", "null"],
            "items": {"type": "integer"},
            "description": "the 80 % range of the wait, [low, high] seconds",
        },
        "longest_wait_s": {
            "type": ["integer", "null"],
            "description": "how long the first in line has waited",
        },
        "windows": {"type": "array", "items": {"type": "integer"}},
    },
    "required": ["code", "name", "group", "open"],
}

STATE = {
    "type": "object",
    "properties": {
        "center": {"type": "object"},
        "now": {"type": "string", "format": "date-time"},
        "windows": {"type": "array", "items": {"$ref": "#/components/schemas/Window"}},
        "services": {"type": "array", "items": {"$ref": "#/components/schemas/Service"}},
        "recent_calls": {"type": "array", "items": {"type": "object"}},
        "notice": {"$ref": "#/components/schemas/Notice"},
    },
    "required": ["center", "now", "windows", "services", "recent_calls", "notice"],
}

ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "message": I18N, "details": {"type": "object"}},
    "required": ["error", "message"],
}


def listing(key: str, items: dict[str, Any] | None = None) -> dict[str, Any]:
    """{key: [...]}, the shape of most lists."""
    return {
        "type": "object",
        "properties": {key: {"type": "array", "items": items or {"type": "object"}}},
        "required": [key],
    }


RESPONSES: dict[str, dict[str, Any]] = {
    "Ticket": TICKET,
    "Window": WINDOW,
    "Service": SERVICE,
    "State": STATE,
    "Error": ERROR,
    "Services": listing("services", {"$ref": "#/components/schemas/Service"}),
    "Reprinted": {
        "type": "object",
        "properties": {"queued": {"type": "boolean"}, "number": {"type": "string"}},
        "required": ["queued", "number"],
    },
    "Report": {
        "type": "object",
        "properties": {
            "from": {"type": "string"},
            "to": {"type": "string"},
            "by": {"type": "string"},
            "rows": {"type": "array", "items": {"type": "object"}},
        },
        "required": ["from", "to", "by", "rows"],
    },
    "Public": {
        "type": "object",
        "properties": {
            "day": {"type": "string"},
            "services": {"type": "array", "items": {"type": "object"}},
        },
        "required": ["day", "services"],
    },
    "Alerts": listing("alerts"),
    "Remarks": listing("remarks"),
    "NoShows": listing("tickets", {"$ref": "#/components/schemas/Ticket"}),
    "Audit": listing("entries"),
    "Users": listing("users"),
    "Tokens": listing("tokens"),
    "NewToken": {
        "type": "object",
        "properties": {
            "token": {"type": "string"},
            "tokens": {"type": "array"},
            "link": {"type": "string", "description": "open it on the device to enrol it"},
            "qr_svg": {"type": "string", "description": "the link as a QR code (SVG)"},
        },
        "required": ["token", "tokens"],
    },
    "Config": {
        "type": "object",
        "properties": {"toml": {"type": "string"}, "center": {"type": "object"}},
        "required": ["toml"],
    },
    "Csrf": {
        "type": "object",
        "properties": {"csrf": {"type": "string"}},
        "required": ["csrf"],
    },
    "Done": {"type": "object"},
}
