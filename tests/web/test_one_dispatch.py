"""The bugs issue #13 named, fixed for good: an audit row is written with the change it records
(never for a refused one, never twice); what the command line reports uses the configuration the
server uses; the display settings reach screens through the bus like every other message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from flask import Flask

from dorak.cli import main
from dorak.realtime import socketio
from tests.conftest import Api, ManualClock


def audit_actions(api: Api) -> list[tuple[str, dict[str, Any]]]:
    entries = api.get("/audit", "admin").get_json()["entries"]
    return [(e["action"], e["details"]) for e in entries]


def admin(api: Api, method: str, path: str, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {api.tokens['admin']}"}
    return api.client.open(f"/api/v1/admin{path}", method=method, json=body, headers=headers)


def test_a_refused_change_leaves_no_audit_row(api: Api) -> None:
    api.issue("payments")  # waiting: payments may not be retired
    r = admin(api, "DELETE", "/services/payments")
    assert r.status_code == 409 and r.get_json()["error"] == "service_in_use"
    assert audit_actions(api) == []  # it was not retired, and the log does not say it was
    assert any(s["code"] == "payments" for s in api.get("/services").get_json()["services"])


def test_a_change_is_audited_once_with_its_version(api: Api) -> None:
    assert admin(api, "PUT", "/services/payments", {"target_wait_min": 5}).status_code == 200
    actions = audit_actions(api)
    assert len(actions) == 1
    action, details = actions[0]
    assert action == "service_edit" and details["service"] == "payments"
    assert details["version"] >= 2
    assert admin(api, "PUT", "/windows/3", {"label_en": "Desk 3"}).status_code == 200
    assert [a for a, _ in audit_actions(api)] == ["window_edit", "service_edit"]


def test_the_command_line_reports_with_the_servers_configuration(
    app: Flask, api: Api, clock: ManualClock
) -> None:
    api.issue("payments")  # target 10 minutes in the sample center's file
    clock.advance(7 * 60)
    api.act(9, "call-next", as_="supervisor")  # waited 7 minutes
    assert admin(api, "PUT", "/services/payments", {"target_wait_min": 5}).status_code == 200
    server = api.get("/public").get_json()
    payments = next(s for s in server["services"] if s["code"] == "payments")
    assert payments["within_target_today"] == 0.0  # 7 > 5, the target /admin set
    out = CliRunner().invoke(
        main,
        ["report", "--from", "2026-11-26", "--db", app.config["DATABASE"], "--by", "service"],
    )
    assert out.exit_code == 0, out.output
    header, *rows = out.output.splitlines()
    row = next(line for line in rows if line.startswith("payments"))
    # within target: the same figure as the server's
    assert row.split()[header.split().index("within_target")] == "0.0"


def test_display_settings_reach_screens_through_the_bus(app: Flask, api: Api) -> None:
    screen = socketio.test_client(app, flask_test_client=api.client)
    screen.get_received()
    body = {"display_voice": False, "display_recent": 5, "display_langs": "ar,en"}
    assert admin(api, "PUT", "/settings", body).status_code == 200
    got = [m for m in screen.get_received() if m["name"] == "display_settings_updated"]
    assert [m["args"][0] for m in got] == [{"voice": False, "recent": 5, "langs": ["ar", "en"]}]
    assert [a for a, _ in audit_actions(api)] == ["settings"]


def test_a_window_action_by_a_supervisor_is_audited_with_its_transaction(
    api: Api, tmp_path: Path
) -> None:
    api.issue()
    assert api.act(1, "call-next", as_="supervisor").status_code == 200
    assert api.act(1, "start", as_="supervisor").status_code == 200
    refused = api.act(1, "start", as_="supervisor")  # already started: refused
    assert refused.status_code == 409
    assert [a for a, _ in audit_actions(api)] == ["window_start", "window_call-next"]
