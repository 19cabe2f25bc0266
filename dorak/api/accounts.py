"""Users and device tokens over HTTP (admins only); each change audited in its transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import jsonify
from flask.typing import ResponseReturnValue

from ..auth import AccountError
from ..web.errors import ApiError
from ..web.identity import dorak
from .declare import ADMINS, caller, route
from .enrol import enrolment

T = TypeVar("T")
DONE = ("Done", "Done")


def _account(action: Callable[[], T]) -> T:
    try:
        return action()
    except AccountError as e:
        raise ApiError("account", 400, detail=str(e)) from None


@route("GET", "/admin/users", "Users", who=ADMINS, ok=("Users", "Users"))
def list_users() -> ResponseReturnValue:
    return jsonify({"users": dorak().accounts.users()})


@route(
    "POST",
    "/admin/users",
    "Add a user",
    who=ADMINS,
    body="AdminUser",
    ok=("Users", "Users"),
    status=201,
)
def add_user(data: dict[str, Any]) -> ResponseReturnValue:
    window = data.get("window")
    if window is not None and dorak().ops.center.window(window) is None:
        raise ApiError("unknown_window", 404, window=window)
    who = caller()
    _account(
        lambda: dorak().accounts.add_user(
            data["username"], data["password"], data["role"], window, data.get("name"), by=who
        )
    )
    return jsonify({"users": dorak().accounts.users()}), 201


@route(
    "POST",
    "/admin/users/<username>/password",
    "Reset a password (ends the user's sessions)",
    who=ADMINS,
    body="AdminPassword",
    ok=DONE,
)
def reset_password(username: str, data: dict[str, Any]) -> ResponseReturnValue:
    who = caller()
    _account(lambda: dorak().accounts.set_password(username, data["password"], by=who))
    return jsonify({"ok": True})


@route(
    "POST",
    "/admin/users/<username>/active",
    "Enable or disable a user",
    who=ADMINS,
    body="AdminActive",
    ok=("Users", "Users"),
)
def set_user_active(username: str, data: dict[str, Any]) -> ResponseReturnValue:
    who = caller()
    _account(lambda: dorak().accounts.set_active(username, data["active"], by=who))
    return jsonify({"users": dorak().accounts.users()})


@route(
    "GET",
    "/admin/tokens",
    "Device tokens (never their values)",
    who=ADMINS,
    ok=("Tokens", "Tokens"),
)
def list_tokens() -> ResponseReturnValue:
    return jsonify({"tokens": dorak().accounts.tokens()})


@route(
    "POST",
    "/admin/tokens",
    "Create a device token (shown once)",
    who=ADMINS,
    body="AdminToken",
    ok=("NewToken", "The token, once"),
    status=201,
)
def create_token(data: dict[str, Any]) -> ResponseReturnValue:
    window = data.get("window")
    if window is not None and dorak().ops.center.window(window) is None:
        raise ApiError("unknown_window", 404, window=window)
    who = caller()
    token = _account(
        lambda: dorak().accounts.create_token(data["role"], window, data.get("label"), by=who)
    )
    enrol = enrolment(dorak().base_url(), data["role"], token, window)
    return jsonify({"token": token, "tokens": dorak().accounts.tokens(), **enrol}), 201


@route(
    "POST",
    "/admin/tokens/<int:token_id>/revoke",
    "Revoke a device token",
    who=ADMINS,
    body="Empty",
    ok=("Tokens", "Tokens"),
)
def revoke_token(token_id: int, data: dict[str, Any]) -> ResponseReturnValue:
    who = caller()
    _account(lambda: dorak().accounts.revoke_token(token_id, by=who))
    return jsonify({"tokens": dorak().accounts.tokens()})
