"""Sign-in: failure budgets however guesses are spread, sessions that end everywhere at sign-out,
a new password or deactivation, and `next` that stays on this site."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dorak.app import create_app
from dorak.realtime import socketio
from dorak.signin_guard import SignInGuard
from tests.conftest import ManualClock
from tests.gevent_probe import run_under_gevent
from tests.live import wait_for

PASSWORD = "correct horse"


@pytest.fixture
def app(tmp_path: Path, clock: ManualClock) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE": str(tmp_path / "instance"),
            "CLOCK": clock,
            "SECRET_KEY": "test",
            "PRINTER": "none",
            "LOGIN_RATE_LIMIT": "3/300",
            "LOGIN_ADDRESS_LIMIT": "5/300",
            "LOGIN_USER_LIMIT": "6/300",
            "LOGIN_CENTER_LIMIT": "9/300",
            "LOGIN_THROTTLED_WAIT_S": 0,
        }
    )
    accounts = app.extensions["dorak"].accounts
    accounts.add_user("mona", PASSWORD, "clerk", window=2)
    accounts.add_user("ali", PASSWORD, "admin")
    return app


def sign_in(app: Flask, user: str, password: str, address: str = "10.0.0.1", **form: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    html = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login", data={"username": user, "password": password, "csrf_token": csrf, **form}
    )
    r.client = client  # type: ignore[attr-defined]
    return r


def test_spraying_usernames_from_one_address_is_throttled(app: Flask) -> None:
    codes = [sign_in(app, f"user{i}", "guess").status_code for i in range(7)]
    assert codes == [401] * 5 + [429] * 2  # 5 per address, whatever the usernames
    assert sign_in(app, "mona", PASSWORD).status_code == 429  # not even checked
    assert sign_in(app, "mona", PASSWORD, address="10.0.0.2").status_code == 302
    metrics = app.test_client().get("/metrics").get_data(as_text=True)
    assert "dorak_sign_in_failures_total 5" in metrics
    assert "dorak_sign_in_throttled_total 3" in metrics


def test_a_refused_attempt_answers_only_after_a_wait(app: Flask) -> None:
    app.config["LOGIN_THROTTLED_WAIT_S"] = 0.3  # a guesser asking again at once goes slowly
    for i in range(5):
        sign_in(app, f"user{i}", "guess")
    started = time.monotonic()
    assert sign_in(app, "user9", "guess").status_code == 429
    assert time.monotonic() - started >= 0.3


def test_one_username_from_many_addresses_is_throttled(app: Flask) -> None:
    codes = [sign_in(app, "mona", "guess", f"10.0.1.{i % 3}").status_code for i in range(8)]
    assert codes == [401] * 6 + [429] * 2  # 6 per username, whatever the addresses
    # A machine with no failed attempt may still try: the clerk at her own window gets in.
    assert sign_in(app, "mona", PASSWORD, "10.0.2.1").status_code == 302
    assert sign_in(app, "mona", "guess", "10.0.2.2").status_code == 401  # one try, then
    assert sign_in(app, "mona", PASSWORD, "10.0.2.2").status_code == 429  # it waits too


def test_the_whole_center_has_a_budget(app: Flask, clock: ManualClock) -> None:
    codes = [sign_in(app, f"u{i}", "guess", f"10.0.3.{i}").status_code for i in range(9)]
    assert codes == [401] * 9
    assert sign_in(app, "u0", "guess", "10.0.3.0").status_code == 429
    assert sign_in(app, "mona", PASSWORD, "10.0.4.1").status_code == 302  # clean address


def test_budgets_refill_and_right_passwords_give_back_their_unit(
    tmp_path: Path, clock: ManualClock
) -> None:
    # `limits` keeps its own time: a window of three seconds, waited for for real.
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE": str(tmp_path / "short"),
            "CLOCK": clock,
            "SECRET_KEY": "test",
            "PRINTER": "none",
            "LOGIN_RATE_LIMIT": "3/3",
            "LOGIN_THROTTLED_WAIT_S": 0,
        }
    )
    app.extensions["dorak"].accounts.add_user("ali", PASSWORD, "admin")
    guard: SignInGuard = app.extensions["dorak"].login_guard
    for _ in range(4):
        assert sign_in(app, "ali", PASSWORD).status_code == 302
    assert not guard.seen("10.0.0.1")  # successes are no failures
    assert [sign_in(app, "ali", "guess").status_code for _ in range(4)] == [401] * 3 + [429]
    # The window passes: the right password is let in again (a refused try is not counted).
    wait_for(lambda: sign_in(app, "ali", PASSWORD).status_code == 302, 20, "the budget refilled")


def test_a_burst_in_parallel_cannot_pass_the_budget(app: Flask) -> None:
    guard: SignInGuard = app.extensions["dorak"].login_guard
    attempts = [guard.admit("10.9.9.9", f"n{i}") for i in range(8)]  # all before any check
    assert sum(a is not None for a in attempts) == 5


def test_sign_out_ends_every_session_of_the_user(app: Flask) -> None:
    r = sign_in(app, "mona", PASSWORD)
    laptop: FlaskClient = r.client
    cookie = laptop.get_cookie("session")
    assert cookie is not None
    copy = app.test_client()
    copy.set_cookie("session", cookie.value)
    assert copy.get("/api/v1/windows/2").status_code == 200
    screen = socketio.test_client(app, flask_test_client=copy)
    assert screen.is_connected()
    csrf = laptop.get("/api/v1/session/csrf").get_json()["csrf"]
    assert laptop.post("/logout", headers={"X-CSRF-Token": csrf}).status_code == 302
    assert copy.get("/api/v1/windows/2").status_code == 401  # the copied cookie is dead
    assert not screen.is_connected()  # and so is the socket it opened
    fresh = sign_in(app, "mona", PASSWORD).client
    assert fresh.get("/api/v1/windows/2").status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/admin/users/mona/password", {"password": "a new one!"}),
        ("/api/v1/admin/users/mona/active", {"active": False}),
    ],
)
def test_a_new_password_or_deactivation_ends_the_sessions(
    app: Flask, path: str, body: dict[str, Any]
) -> None:
    mona = sign_in(app, "mona", PASSWORD).client
    assert mona.get("/api/v1/windows/2").status_code == 200
    admin = sign_in(app, "ali", PASSWORD, address="10.0.0.9").client
    csrf = admin.get("/api/v1/session/csrf").get_json()["csrf"]
    assert admin.post(path, json=body, headers={"X-CSRF-Token": csrf}).status_code == 200
    assert mona.get("/api/v1/windows/2").status_code == 401
    assert admin.get("/api/v1/admin/users").status_code == 200  # the admin's own goes on


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example/",
        "/\n/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "/%0A\r\nX: y",
        "javascript:alert(1)",
    ],
)
def test_next_stays_on_this_site(app: Flask, target: str) -> None:
    r = sign_in(app, "ali", PASSWORD, next=target)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    client = app.test_client()
    html = client.get("/login", query_string={"next": target}).get_data(as_text=True)
    assert 'name="next" value="/"' in html


def test_next_keeps_paths_of_this_site(app: Flask) -> None:
    r = sign_in(app, "ali", PASSWORD, next="/counter?window=3")
    assert r.headers["Location"] == "/counter?window=3"
    assert app.test_client().get("/login?next=/%0A").status_code == 200  # was a 500


HASHING = """
from dorak.bootstrap import offloader as _offloader
from dorak.auth import Accounts
from dorak.store import Store
import sys
store = Store(sys.argv[1]); store.migrate()
accounts = Accounts(store, _offloader("gevent"))
accounts.add_user("mona", "correct horse", "clerk", window=2)
before = len(ticks)
jobs = [gevent.spawn(accounts.authenticate, "mona", "guess %d" % i) for i in range(4)]
gevent.joinall(jobs)
print(sum(j.value is None for j in jobs), len(ticks) - before)
"""


def test_under_gevent_password_checks_leave_the_loop_free(tmp_path: Path) -> None:
    wrong, ticks = (int(x) for x in run_under_gevent(HASHING, str(tmp_path / "d.db")))
    assert wrong == 4
    # Four scrypt checks take a few hundred milliseconds; on the loop they would stop every
    # other greenlet (no tick at all), in gevent's thread pool the loop goes on ticking.
    assert ticks >= 5
