"""The OpenAPI 3.1 document of /api/v1, built from the same schemas that validate requests."""

from __future__ import annotations

from functools import cache
from typing import Any

from .schemas import REQUESTS, RESPONSES


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "Invalid request",
        401: "Not signed in / no valid token",
        403: "Not allowed (or CSRF token missing)",
        404: "Not found",
        409: "Not possible in the current state",
        413: "Body too large",
        429: "Too many tickets from this device",
        415: "Body is not JSON",
        503: "Database unavailable, nothing was saved",
    }
    return {str(c): _json(_ref("Error"), text[c]) for c in codes}


WINDOW_PARAM = {"name": "n", "in": "path", "required": True, "schema": {"type": "integer"}}
CODE_PARAM = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
TICKET_PARAM = {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}
BEARER = [{"bearer": []}, {"session": []}]


def _window_op(
    summary: str, request: str, ok: dict[str, Any], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "parameters": [WINDOW_PARAM],
        "security": BEARER,
        "requestBody": {
            # Optional only where nothing in it is: an empty body counts as {}.
            "required": bool(REQUESTS[request].get("required")),
            "content": {"application/json": {"schema": _ref(request)}},
        },
        "responses": {
            "200": ok,
            **(extra or {}),
            **_errors(400, 401, 403, 404, 409, 413, 415, 503),
        },
    }
    return {"post": op}


def _admin(
    summary: str,
    request: str | None = None,
    ok: str = "200",
    params: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary + " (admin)",
        "security": BEARER,
        "parameters": params or [],
        "responses": {
            ok: _json({"type": "object"}, "Done"),
            **_errors(400, 401, 403, 404, 409, 413, 415, 503),
        },
    }
    if request:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(request)}},
        }
    return op


USER_PARAM = {"name": "username", "in": "path", "required": True, "schema": {"type": "string"}}
ID_PARAM = {"name": "token_id", "in": "path", "required": True, "schema": {"type": "integer"}}
ADMIN_PATHS: dict[str, Any] = {
    "/api/v1/admin/config": {
        "get": _admin("The whole configuration as TOML"),
        "put": _admin(
            "Replace the configuration from TOML (checked against the running day)", "ConfigToml"
        ),
    },
    "/api/v1/admin/center": {
        "put": _admin(
            "Names, time zone, start of the working day, priority categories", "AdminCenter"
        )
    },
    "/api/v1/admin/settings": {
        "get": _admin("Printer and lobby display settings"),
        "put": _admin("Change printer and lobby display settings (at once)", "AdminSettings"),
    },
    "/api/v1/admin/printer/test": {
        "post": _admin(
            "Print a test ticket; with the virtual printer, the image it printed", "Empty"
        )
    },
    "/api/v1/admin/logo": {
        "put": _admin(
            "The center's logo for the top of the ticket (PNG or JPEG, base64)", "AdminLogo"
        ),
        "delete": _admin("Print tickets without a logo"),
    },
    "/api/v1/admin/services": {"post": _admin("Add a service", "AdminService", "201")},
    "/api/v1/admin/services/{code}": {
        "put": _admin("Edit a service", "AdminServiceEdit", params=[CODE_PARAM]),
        "delete": _admin("Retire a service (refused while tickets wait)", params=[CODE_PARAM]),
    },
    "/api/v1/admin/windows/{n}": {
        "put": _admin(
            "Edit a window: label, services and weights", "AdminWindow", params=[WINDOW_PARAM]
        )
    },
    "/api/v1/admin/users": {
        "get": _admin("Users"),
        "post": _admin("Add a user", "AdminUser", "201"),
    },
    "/api/v1/admin/users/{username}/password": {
        "post": _admin("Reset a password", "AdminPassword", params=[USER_PARAM])
    },
    "/api/v1/admin/users/{username}/active": {
        "post": _admin("Enable or disable a user", "AdminActive", params=[USER_PARAM])
    },
    "/api/v1/admin/tokens": {
        "get": _admin("Device tokens (never their values)"),
        "post": _admin("Create a device token (shown once)", "AdminToken", "201"),
    },
    "/api/v1/admin/tokens/{token_id}/revoke": {
        "post": _admin("Revoke a device token", "Empty", params=[ID_PARAM])
    },
}


@cache
def openapi_document() -> dict[str, Any]:
    ticket_ok = _json(_ref("Ticket"), "The ticket after the action")
    window_ok = _json(_ref("Window"), "The window after the action")
    paths: dict[str, Any] = {
        "/api/v1/openapi.json": {
            "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI"}}}
        },
        "/api/v1/services": {
            "get": {
                "summary": "Services with their queues and current estimates",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"services": {"type": "array", "items": _ref("Service")}},
                            "required": ["services"],
                        },
                        "Services",
                    )
                },
            }
        },
        "/api/v1/tickets": {
            "post": {
                "summary": "Issue a ticket (kiosk token or signed-in staff)",
                "security": BEARER,
                "parameters": [
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "maxLength": 64},
                        "description": "Repeat a request safely: the same key returns the "
                        "same ticket instead of a new one",
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("IssueTicket")}},
                },
                "responses": {
                    "201": _json(_ref("Ticket"), "The new ticket"),
                    **_errors(400, 401, 403, 404, 409, 413, 415, 429, 503),
                },
            }
        },
        "/api/v1/tickets/{token}": {
            "get": {
                "summary": "A ticket by its tracking id (public, read-only)",
                "parameters": [TICKET_PARAM],
                "responses": {"200": _json(_ref("Ticket"), "The ticket"), **_errors(404)},
            }
        },
        "/api/v1/tickets/{token}/cancel": {
            "post": {
                "summary": "Cancel a waiting or called ticket (supervisor)",
                "parameters": [TICKET_PARAM],
                "security": BEARER,
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": _ref("Empty")}},
                },
                "responses": {
                    "200": _json(_ref("Ticket"), "The cancelled ticket"),
                    **_errors(400, 401, 403, 404, 409, 503),
                },
            }
        },
        "/api/v1/session/csrf": {
            "get": {
                "summary": "The CSRF token a signed-in page sends as X-CSRF-Token",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"csrf": {"type": "string"}},
                            "required": ["csrf"],
                        },
                        "Token",
                    )
                },
            }
        },
        "/api/v1/tickets/{token}/print": {
            "post": {
                "summary": "Print a ticket again (its kiosk within 15 minutes, or a supervisor)",
                "parameters": [TICKET_PARAM],
                "security": BEARER,
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": _ref("Empty")}},
                },
                "responses": {
                    "202": _json(
                        {
                            "type": "object",
                            "properties": {
                                "queued": {"type": "boolean"},
                                "number": {"type": "string"},
                            },
                            "required": ["queued", "number"],
                        },
                        "Sent to the print worker",
                    ),
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/api/v1/reports": {
            "get": {
                "summary": "Figures for a date range by service, window, clerk, hour or day "
                "(supervisor); JSON, CSV or XLSX",
                "security": BEARER,
                "parameters": [
                    {
                        "name": "from",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "format": "date"},
                    },
                    {
                        "name": "to",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "format": "date"},
                    },
                    {
                        "name": "by",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "string",
                            "enum": ["service", "window", "clerk", "hour", "day"],
                        },
                    },
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
                    },
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {
                                "from": {"type": "string"},
                                "to": {"type": "string"},
                                "by": {"type": "string"},
                                "rows": {"type": "array", "items": {"type": "object"}},
                            },
                            "required": ["from", "to", "by", "rows"],
                        },
                        "One row per group (CSV and XLSX: the same rows)",
                    ),
                    **_errors(400, 401, 403),
                },
            }
        },
        "/api/v1/public": {
            "get": {
                "summary": "Today's transparency figures per service (public)",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {
                                "day": {"type": "string"},
                                "services": {"type": "array", "items": {"type": "object"}},
                            },
                            "required": ["day", "services"],
                        },
                        "Figures",
                    )
                },
            }
        },
        "/api/v1/tickets/find": {
            "get": {
                "summary": "Today's ticket by its number (supervisor)",
                "security": BEARER,
                "parameters": [
                    {
                        "name": "number",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "maxLength": 10},
                    }
                ],
                "responses": {"200": _json(_ref("Ticket"), "The ticket"), **_errors(401, 403, 404)},
            }
        },
        "/api/v1/alerts": {
            "get": {
                "summary": "Current alerts: overdue, long pauses, printer, database (supervisor)",
                "security": BEARER,
                "responses": {"200": _json({"type": "object"}, "Alerts"), **_errors(401, 403)},
            }
        },
        "/api/v1/dashboard": {
            "get": {
                "summary": "Everything the live dashboard shows (supervisor)",
                "security": BEARER,
                "responses": {"200": _json({"type": "object"}, "Dashboard"), **_errors(401, 403)},
            }
        },
        "/api/v1/services/{code}/open": {
            "post": {
                "summary": "Open a service for new tickets (supervisor)",
                "parameters": [CODE_PARAM],
                "security": BEARER,
                "responses": {
                    "200": _json(_ref("Service"), "The service"),
                    **_errors(400, 401, 403, 404, 503),
                },
            }
        },
        "/api/v1/services/{code}/close": {
            "post": {
                "summary": "Close a service for new tickets; those waiting stay (supervisor)",
                "parameters": [CODE_PARAM],
                "security": BEARER,
                "responses": {
                    "200": _json(_ref("Service"), "The service"),
                    **_errors(400, 401, 403, 404, 503),
                },
            }
        },
        "/api/v1/tickets/{token}/rating": {
            "post": {
                "summary": "The citizen rates a finished visit, once (public with the tracking id)",
                "parameters": [TICKET_PARAM],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Rating")}},
                },
                "responses": {
                    "201": _json(_ref("Rating"), "Recorded"),
                    **_errors(400, 404, 409, 413, 415, 503),
                },
            }
        },
        **ADMIN_PATHS,
        "/api/v1/audit": {
            "get": {
                "summary": "What admins and supervisors did, newest first (admin)",
                "security": BEARER,
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 10_000},
                    }
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {
                                "entries": {"type": "array", "items": {"type": "object"}}
                            },
                            "required": ["entries"],
                        },
                        "Audit entries",
                    ),
                    **_errors(400, 401, 403),
                },
            }
        },
        "/api/v1/notice": {
            "get": {
                "summary": "The lobby's notice line",
                "responses": {"200": _json(_ref("Notice"), "The notice")},
            },
            "put": {
                "summary": "Set the lobby's notice line (supervisor)",
                "security": BEARER,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Notice")}},
                },
                "responses": {
                    "200": _json(_ref("Notice"), "The notice"),
                    **_errors(400, 401, 403, 413, 415),
                },
            },
        },
        "/api/v1/state": {
            "get": {
                "summary": "Snapshot: windows, what each serves now, waiting per service",
                "responses": {"200": _json(_ref("State"), "Current state")},
            }
        },
        "/api/v1/windows/{n}": {
            "get": {
                "summary": "A window with its current ticket (its clerk or a supervisor)",
                "parameters": [WINDOW_PARAM],
                "security": BEARER,
                "responses": {"200": window_ok, **_errors(401, 403, 404)},
            }
        },
        "/api/v1/windows/{n}/call-next": _window_op(
            "Call the next ticket by the call-next policy",
            "Empty",
            ticket_ok,
            {"204": {"description": "Nobody is waiting for this window"}},
        ),
        "/api/v1/windows/{n}/call": _window_op(
            "Call a specific waiting ticket by number or tracking id", "CallTicket", ticket_ok
        ),
        "/api/v1/windows/{n}/recall": _window_op(
            "Call the current ticket again", "Empty", ticket_ok
        ),
        "/api/v1/windows/{n}/start": _window_op(
            "The citizen arrived: start service", "Empty", ticket_ok
        ),
        "/api/v1/windows/{n}/finish": _window_op("Finish with an outcome", "Finish", ticket_ok),
        "/api/v1/windows/{n}/no-show": _window_op(
            "The called citizen did not come", "Empty", ticket_ok
        ),
        "/api/v1/windows/{n}/return": _window_op(
            "Put the called ticket back in its place", "Empty", ticket_ok
        ),
        "/api/v1/windows/{n}/transfer": _window_op(
            "Send the ticket being served to another service's queue",
            "Transfer",
            _json(_ref("Ticket"), "The new waiting entry"),
        ),
        "/api/v1/windows/{n}/pause": _window_op(
            "Pause the window with a reason", "Pause", window_ok
        ),
        "/api/v1/windows/{n}/resume": _window_op("Open the window again", "Empty", window_ok),
        "/api/v1/windows/{n}/presence": {
            **_window_op(
                "The clerk is at the window: sign in, then a heartbeat every ~30 s (silent for "
                "STAFF_TIMEOUT_S, the window closes by itself)",
                "Empty",
                window_ok,
            ),
            "delete": {
                "summary": "The clerk leaves the window: it closes at once",
                "parameters": [WINDOW_PARAM],
                "security": BEARER,
                "responses": {"200": window_ok, **_errors(401, 403, 404, 503)},
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Dorak queue API",
            "version": "1",
            "description": "Errors are JSON {error, message: {ar, en}}; "
            "times are ISO 8601 with the center's offset.",
        },
        "paths": paths,
        "components": {
            "schemas": {**REQUESTS, **RESPONSES},
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `dorak token create`",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "Signed-in session; unsafe requests also need the "
                    "X-CSRF-Token header",
                },
            },
        },
    }
