"""A real day in a real browser: the kiosk says plainly why it cannot issue, in both languages;
a clerk signing in and out opens and closes the window for kiosk and dashboard; every citizen
starts in Arabic; the phone alerts, keeps awake and knows when the visit is over."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer, dorak_cli, open_center_file


@pytest.fixture
def empty_center(tmp_path: Path) -> LiveServer:
    """Open around the clock, but nobody signed in at any window."""
    dorak_cli(tmp_path, "init")
    center = open_center_file(tmp_path)
    live = LiveServer(tmp_path, env={"DORAK_CENTER_FILE": str(center)}, staffed=False).start()
    yield live  # type: ignore[misc]
    live.stop()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_clerk_opens_and_closes_the_window_for_the_kiosk(
    empty_center: LiveServer, browser: Browser, page: Page, lang: str
) -> None:
    server = empty_center
    kiosk = browser.new_context(viewport={"width": 1080, "height": 1920}).new_page()
    kiosk.goto(f"{server.url}/kiosk?token={server.token('--role', 'kiosk')}&lang={lang}")
    closed = kiosk.get_by_test_id("closed")
    expect(closed).to_be_visible()  # both languages, whatever the page's
    expect(kiosk.locator("#closed-ar")).to_contain_text("لا يوجد شباك مفتوح")
    expect(kiosk.locator("#closed-en")).to_contain_text("No window is open")
    payments = kiosk.locator("button[data-service=payments]")
    expect(payments).to_be_disabled()
    shot(kiosk, f"kiosk-nobody-{lang}")

    sign_in(page, server, f"/dashboard?lang={lang}", "boss", "supervisor")
    row = page.locator("#windows tr[data-window='9']")
    expect(row).to_have_attribute("data-status", "unstaffed")
    counter = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    sign_in(counter, server, f"/counter?lang={lang}", "nadia", "clerk", "--window", "9")
    expect(counter.locator("#window-status")).to_have_attribute("data-status", "open")
    shot(counter, f"counter-signed-in-{lang}")
    expect(payments).to_be_enabled()  # the kiosk learns it at once
    expect(closed).to_be_hidden()
    legalization = kiosk.locator("button[data-service=legalization]")
    expect(legalization).to_be_disabled()  # still nobody there: why, in both languages
    expect(legalization).to_contain_text("reception")
    expect(legalization).to_contain_text("الاستعلامات")
    shot(kiosk, f"kiosk-one-window-{lang}")
    expect(row).to_have_attribute("data-status", "open")
    expect(row).to_contain_text("nadia")
    expect(page.get_by_test_id("staffing")).to_contain_text("1")
    shot(page, f"dashboard-staffing-{lang}")
    counter.click("form[action='/logout'] button")  # signing out closes the window at once
    expect(payments).to_be_disabled()
    expect(row).to_have_attribute("data-status", "unstaffed")


def test_every_citizen_starts_in_arabic(server: LiveServer, browser: Browser) -> None:
    kiosk = browser.new_context(viewport={"width": 1080, "height": 1920}).new_page()
    kiosk.clock.install()
    kiosk.goto(f"{server.url}/kiosk?token={server.token('--role', 'kiosk')}")
    expect(kiosk.locator("html")).to_have_attribute("lang", "ar")
    kiosk.click("[data-testid=lang]")  # a citizen who reads English
    expect(kiosk.locator("html")).to_have_attribute("lang", "en")
    kiosk.click("button[data-service=permits]")
    kiosk.click("button[data-priority=none]")
    expect(kiosk.get_by_test_id("take")).to_have_text("Take your printed ticket")
    shot(kiosk, "kiosk-ticket-take-en")
    kiosk.clock.fast_forward(16_000)  # the confirmation stays 15 s
    expect(kiosk.locator("html")).to_have_attribute("lang", "ar")
    expect(kiosk.locator("#screen-services")).to_be_visible()
    kiosk.reload()  # a reload too starts in Arabic
    expect(kiosk.locator("html")).to_have_attribute("lang", "ar")
    kiosk.click("[data-testid=lang]")
    expect(kiosk.locator("html")).to_have_attribute("lang", "en")
    expect(kiosk.locator("#screen-services")).to_be_visible()
    expect(kiosk.locator("body")).to_have_attribute("data-ready", "1")  # its idle timer is armed
    kiosk.clock.fast_forward(21_000)  # 20 s untouched (the fake clock stays installed)
    expect(kiosk.locator("html")).to_have_attribute("lang", "ar")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_phone_alerts_and_knows_when_the_visit_is_over(
    empty_center: LiveServer, browser: Browser, lang: str
) -> None:
    server = empty_center
    dorak_cli(server.instance, "window", "staff", "1")  # one window for reconciliation
    kiosk = {"Authorization": f"Bearer {server.token('--role', 'kiosk')}"}
    boss = {"Authorization": f"Bearer {server.token('--role', 'supervisor')}"}
    url = f"{server.url}/api/v1/tickets"
    tickets = [
        requests.post(url, json={"service": "reconciliation"}, headers=kiosk, timeout=5).json()
        for _ in range(7)
    ]
    mine = tickets[-1]
    assert mine["estimated_wait_s"] > 3600  # six ahead at 15 minutes each, one window
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{server.url}/t/{mine['tracking_id']}?lang={lang}")
    expect(page.locator("#wait")).to_contain_text("ساعة" if lang == "ar" else " h ")
    expect(page.locator("#alert-me")).to_be_visible()
    shot(page, f"track-alert-me-{lang}")
    page.click("#alert-me")
    expect(page.locator("#alerts-on")).to_be_visible()
    expect(page.locator("body")).to_have_attribute("data-alerts", "on")
    for _ in range(3):  # three served: three ahead now
        r = requests.post(f"{server.url}/api/v1/windows/1/call-next", headers=boss, timeout=5)
        requests.post(f"{url}/{r.json()['tracking_id']}/cancel", headers=boss, timeout=5)
    expect(page.locator("#alerts-on")).to_contain_text("3")
    shot(page, f"track-near-{lang}")
    requests.post(
        f"{server.url}/api/v1/tickets/{mine['tracking_id']}/cancel", headers=boss, timeout=5
    )
    expect(page.locator("#status")).to_have_class("status cancelled")
    expect(page.locator("#hint")).to_be_hidden()  # no "we will alert you" once it is over
    expect(page.locator("#alerts-on")).to_be_hidden()
    phone.close()


def test_a_printer_fault_sends_the_citizen_to_the_reception(tmp_path: Path, page: Page) -> None:
    from tests.live import free_port

    dorak_cli(tmp_path, "init")
    dead = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there: the printer is offline
    env = {"DORAK_PRINTER": dead, "DORAK_PRINTER_TIMEOUT": "0.5"}
    with LiveServer(tmp_path, env=env) as server:
        page.set_viewport_size({"width": 1080, "height": 1920})
        page.goto(f"{server.url}/kiosk?token={server.token('--role', 'kiosk')}")
        page.click("button[data-service=complaints]")
        page.click("button[data-priority=elderly]")
        expect(page.get_by_test_id("ticket-number")).to_have_text("G001")
        take = page.get_by_test_id("take")
        expect(take).to_have_text("أظهر هذا الرقم للاستعلامات")  # the printer failed
        expect(page.locator("#reprint")).to_be_visible()
        shot(page, "kiosk-printer-fault-ar")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_outside_hours_the_kiosk_says_when_it_opens(
    tmp_path: Path, browser: Browser, lang: str
) -> None:
    from dataclasses import replace
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from dorak.center_config import to_toml
    from dorak.config import load_center
    from dorak.domain.hours import DayHours, OpeningHours

    today = datetime.now(ZoneInfo("Africa/Cairo")).date()
    every_day = {i: DayHours("00:00", "23:59", "23:59") for i in range(7)}
    hours = OpeningHours(every_day, frozenset({today.isoformat()}))  # a holiday: today
    path = tmp_path / "holiday.toml"
    path.write_text(to_toml(replace(load_center(), hours=hours)), encoding="utf-8")
    dorak_cli(tmp_path, "window", "staff", "--all", "--config", str(path))
    with LiveServer(tmp_path, env={"DORAK_CENTER_FILE": str(path)}) as server:
        token = server.token("--role", "kiosk")
        kiosk = browser.new_context(viewport={"width": 1080, "height": 1920}).new_page()
        kiosk.goto(f"{server.url}/kiosk?token={token}&lang={lang}")
        tomorrow = today + timedelta(days=1)
        expect(kiosk.locator("#closed-en")).to_contain_text(
            f"The center is closed now. We open on {tomorrow:%A} {tomorrow.day}"
        )
        expect(kiosk.locator("#closed-ar")).to_contain_text("المركز مغلق الآن. نفتح")
        expect(kiosk.locator("button[data-service=reconciliation]")).to_be_disabled()
        shot(kiosk, f"kiosk-closed-{lang}")
        r = requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "reconciliation"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert r.status_code == 409 and r.json()["error"] == "outside_hours"
        state = requests.get(f"{server.url}/api/v1/state", timeout=5).json()
        assert all(s.get("waiting", 0) == 0 for s in state["services"])  # nothing issued


def test_a_supervisor_issues_by_hand_when_the_kiosk_cannot(
    empty_center: LiveServer, page: Page
) -> None:
    server = empty_center  # nobody at any window: the kiosk refuses
    sign_in(page, server, "/dashboard", "boss", "supervisor")
    page.select_option("#issue-service", "legalization")
    page.select_option("#issue-priority", "elderly")
    page.click("#issue-form button[type=submit]")
    expect(page.get_by_test_id("issued")).to_contain_text("B001")
    shot(page, "dashboard-issue-by-hand-ar")
    row = page.locator("#services tr[data-service=legalization]")
    expect(row.locator("td").nth(1)).to_have_text("1")
