"""axe-core (npm, in the lockfile) over every page, in Arabic and in English: no critical or
serious violation anywhere, and no moderate one on the pages citizens use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot
from tests.live import LiveServer, dorak_cli

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long password 1"


def axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def signed_in(browser: Browser, server: LiveServer, username: str, path: str, lang: str) -> Page:
    page = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 768}).new_page()
    page.goto(f"{server.url}/login?lang={lang}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{server.url}{path}")
    return page


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_axe_on_every_page(server: LiveServer, browser: Browser, lang: str) -> None:
    for user, role, *extra in (
        ("clerk3", "clerk", "--window", "3"),
        ("sara", "supervisor"),
        ("root", "admin"),
    ):
        dorak_cli(
            server.instance, "user", "add", user, "--role", role, *extra, "--password", PASSWORD
        )
    kiosk = server.token("--role", "kiosk")
    tablet = server.token("--role", "display", "--window", "3")
    ticket = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    ).json()

    def anonymous(path: str, size: tuple[int, int] = (1080, 1920)) -> Page:
        context = browser.new_context(
            bypass_csp=True, viewport={"width": size[0], "height": size[1]}
        )
        page = context.new_page()
        page.goto(f"{server.url}{path}")
        return page

    def ready(page: Page) -> Page:
        expect(page.locator("body")).to_have_attribute("data-ready", "1")
        return page

    def finished_ticket(page: Page) -> Page:
        """The tracking page of a finished visit: the rating faces show."""
        clerk = {"Authorization": f"Bearer {server.token('--role', 'clerk', '--window', '1')}"}
        for action, body in (
            ("call-next", {}),
            ("start", {}),
            ("finish", {"outcome": "completed"}),
        ):
            requests.post(
                f"{server.url}/api/v1/windows/1/{action}", json=body, headers=clerk, timeout=5
            )
        expect(page.locator("#rate")).to_be_visible()
        expect(page.locator("#rate .faces svg")).to_have_count(5)  # drawn, not emoji
        shot(page, f"track-rating-{lang}")
        return page

    q = f"lang={lang}"
    citizen: dict[str, Callable[[], Page]] = {
        "index": lambda: anonymous(f"/?{q}"),
        "kiosk-enrol": lambda: anonymous(f"/kiosk?{q}"),
        "kiosk": lambda: _kiosk(anonymous(f"/kiosk?token={kiosk}"), server, lang),
        "track": lambda: anonymous(f"/t/{ticket['tracking_id']}?{q}", (390, 844)),
        "track-rating": lambda: finished_ticket(
            anonymous(f"/t/{ticket['tracking_id']}?{q}", (390, 844))
        ),
        "display": lambda: anonymous(f"/display?{q}", (1920, 1080)),
        "display-window": lambda: anonymous(f"/display/window/3?{q}", (1920, 1080)),
        "public-tv": lambda: ready(anonymous(f"/public?{q}", (1920, 1080))),
        "public-phone": lambda: ready(anonymous(f"/public?{q}", (390, 844))),
        "rating-tablet": lambda: anonymous(f"/rate/window/3?token={tablet}&{q}", (800, 1280)),
    }
    staff: dict[str, Callable[[], Page]] = {
        "login": lambda: anonymous(f"/login?{q}", (1366, 768)),
        "counter": lambda: ready(signed_in(browser, server, "clerk3", f"/counter?{q}", lang)),
        "counter-choose": lambda: signed_in(browser, server, "sara", f"/counter?{q}", lang),
        "dashboard": lambda: ready(signed_in(browser, server, "sara", f"/dashboard?{q}", lang)),
        "admin-refused": lambda: signed_in(browser, server, "sara", f"/admin?{q}", lang),
        "admin": lambda: ready(signed_in(browser, server, "root", f"/admin?{q}", lang)),
    }
    # axe sees what it should: an input without a label is a critical `label` violation.
    probe = anonymous(f"/?{q}")
    probe.evaluate("() => document.body.append(document.createElement('input'))")
    assert any(v["id"] == "label" and v["impact"] == "critical" for v in axe(probe))
    probe.context.close()

    found: dict[str, list[dict[str, Any]]] = {}
    for name, open_page in {**citizen, **staff}.items():
        page = open_page()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        bad = {"critical", "serious"} | ({"moderate"} if name in citizen else set())
        violations = [v for v in axe(page) if v["impact"] in bad]
        if violations:
            found[name] = violations
        page.context.close()
    assert not found, found


def _kiosk(page: Page, server: LiveServer, lang: str) -> Page:
    page.goto(f"{server.url}/kiosk?lang={lang}")
    expect(page.locator("button[data-service=reconciliation]")).to_be_enabled()
    return page
