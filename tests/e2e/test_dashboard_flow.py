"""A supervisor's dashboard in a real browser: live state, closing a service the kiosk obeys."""

from __future__ import annotations

import requests
from playwright.sync_api import APIResponse, Browser, Page, Route, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer, dorak_cli


def test_supervisor_closes_a_service(server: LiveServer, browser: Browser, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "payments"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    row = page.locator("#services tr[data-service=payments]")
    expect(row).to_contain_text("سداد الرسوم")
    expect(row.locator("td").nth(1)).to_have_text("1")
    kiosk_page = browser.new_context().new_page()
    kiosk_page.goto(f"{server.url}/kiosk?token={kiosk}")
    expect(kiosk_page.locator("button[data-service=payments]")).to_be_enabled()
    row.locator("button").click()
    expect(row).to_contain_text("مغلق")
    expect(kiosk_page.locator("button[data-service=payments]")).to_be_disabled()
    requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "reconciliation"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    expect(page.locator("#services tr[data-service=reconciliation] td").nth(1)).to_have_text("1")
    shot(page, "dashboard-ar")


def test_supervisor_cancels_a_ticket_by_number(server: LiveServer, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    for _ in range(2):
        requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "complaints"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        )
    sign_in(page, server, "/dashboard", "sara", "supervisor")
    page.fill("#ticket-number", "g002")
    page.click("#ticket-form button[type=submit]")
    expect(page.locator("#ticket-found")).to_contain_text("G002")
    page.click("#cancel")
    expect(page.locator("#services tr[data-service=complaints] td").nth(1)).to_have_text("1")
    page.click("#ticket-form button[type=submit]")
    expect(page.locator("#ticket-found")).to_contain_text("ملغاة")


def test_a_late_answer_does_not_hide_news(server: LiveServer, page: Page) -> None:
    """The dashboard's first read is answered after a ticket was issued and pushed: the page
    must show the pushed line, not the older answer."""
    kiosk = server.token("--role", "kiosk")
    held: list[tuple[Route, APIResponse]] = []
    holding = [True]
    read_again: list[Route] = []

    def hold(route: Route) -> None:  # read the dashboard now, answer later
        if holding[0]:
            held.append((route, route.fetch()))
        else:
            read_again.append(route)
            route.continue_()

    page.route("**/api/v1/dashboard", hold)
    dorak_cli(
        server.instance,
        "user",
        "add",
        "sara",
        "--role",
        "supervisor",
        "--password",
        "sara password 1",
    )
    page.goto(f"{server.url}/dashboard")
    page.fill("input[name=username]", "sara")
    page.fill("input[name=password]", "sara password 1")
    page.click("button[type=submit]")
    # Both reads held: the page's own and the one its live connection asks for on connecting,
    # so the connection is up before the news (routes are answered while Playwright waits).
    while len(held) < 2:
        page.wait_for_timeout(20)
    requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "payments"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    page.wait_for_function("() => Number(document.body.dataset.news || 0) >= 1", polling=50)
    holding[0] = False
    for route, answer in held:
        route.fulfill(response=answer)  # the answers from before the ticket
    # The page reads again at once (its own refresh comes only every 30 s) and shows the line.
    expect(page.locator("#services tr[data-service=payments] td").nth(1)).to_have_text("1")
    page.wait_for_timeout(0)  # let Playwright deliver the routes it has
    assert read_again, "the dashboard kept an answer older than the news it had"
