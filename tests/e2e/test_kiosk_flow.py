"""A citizen's first minute, in a real browser: kiosk -> paper ticket -> phone -> called."""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import BOTH_SERVERS, shot
from tests.live import LiveServer, wait_for


def printed(server: LiveServer, n: int) -> list[str]:
    """The names of the tickets the virtual printer saved, once there are n."""
    folder = server.instance / "printed"

    def files() -> list[str]:
        return sorted(p.name for p in folder.glob("*.png")) if folder.exists() else []

    wait_for(lambda: len(files()) >= n, what=f"{n} printed ticket(s)")
    return files()


@BOTH_SERVERS
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_ticket_from_kiosk_to_window(
    lang: str, server: LiveServer, page: Page, browser: Browser
) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = server.token("--role", "clerk", "--window", "3")
    page.goto(f"{server.url}/kiosk?token={kiosk}&lang={lang}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    button = page.locator("button[data-service=reconciliation]")
    expect(button).to_be_enabled()
    expect(button).to_contain_text("التصالح" if lang == "ar" else "reconciliation")
    shot(page, f"kiosk-home-{lang}")
    button.click()
    expect(page.locator("#screen-priority")).to_be_visible()
    shot(page, f"kiosk-priority-{lang}")
    page.click("button[data-priority=none]")
    number = page.get_by_test_id("ticket-number")
    expect(number).to_have_text("A001")
    expect(page.locator("#t-qr")).to_be_visible()
    shot(page, f"kiosk-ticket-{lang}")
    assert printed(server, 1) == ["ticket-00001.png"]

    ticket = requests.get(f"{server.url}/api/v1/state", timeout=5).json()
    assert ticket["services"][0]["waiting"] == 1
    qr = page.locator("#t-qr").get_attribute("src")
    assert qr and qr.startswith("/t/") and qr.endswith("/qr.svg")
    track_url = f"{server.url}{qr.removesuffix('/qr.svg')}?lang={lang}"

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(track_url)
    status = mobile.locator("#status")
    expect(status).to_have_text("في الانتظار" if lang == "ar" else "Waiting")
    shot(mobile, f"track-waiting-{lang}")
    r = requests.post(
        f"{server.url}/api/v1/windows/3/call-next",
        headers={"Authorization": f"Bearer {clerk}"},
        timeout=5,
    )
    assert r.status_code == 200
    expect(status).to_have_text(
        "تفضل إلى الشباك رقم 3" if lang == "ar" else "Please go to window 3"
    )
    expect(status).to_have_class("status called")
    shot(mobile, f"track-called-{lang}")
    phone.close()


def test_sub_services_priority_and_idle_return(server: LiveServer, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    page.goto(f"{server.url}/kiosk?token={kiosk}")
    page.click("button[data-service=documents]")
    expect(page.locator("#screen-group")).to_be_visible()
    expect(page.locator("#group-title")).to_have_text("الشهادات والمستخرجات")
    page.click("#children button[data-service=extracts]")
    expect(page.locator("#screen-priority")).to_be_visible()  # the priority comes second
    expect(page.locator("#priority-service")).to_have_text("المستخرجات الرسمية")
    page.click("button[data-priority=elderly]")
    expect(page.get_by_test_id("ticket-number")).to_have_text("F001")
    expect(page.locator("#t-priority")).to_have_text("كبار السن")
    expect(page.get_by_test_id("take")).to_have_text("خذ تذكرتك المطبوعة")
    page.click("#done")
    expect(page.locator("#screen-services")).to_be_visible()


def test_closed_service_is_not_offered(server: LiveServer, page: Page) -> None:
    kiosk = server.token("--role", "kiosk")
    admin = server.token("--role", "admin")
    page.goto(f"{server.url}/kiosk?token={kiosk}")
    payments = page.locator("button[data-service=payments]")
    expect(payments).to_be_enabled()
    for window in (9, 10):  # the two clerks who take fee payments leave their windows
        r = requests.delete(
            f"{server.url}/api/v1/windows/{window}/presence",
            headers={"Authorization": f"Bearer {admin}"},
            timeout=5,
        )
        assert r.status_code == 200 and r.json()["status"] == "unstaffed"
    expect(payments).to_be_disabled()
    expect(payments).to_contain_text("لا يوجد موظف")
    r = requests.post(
        f"{server.url}/api/v1/windows/10/presence",
        headers={"Authorization": f"Bearer {admin}"},
        timeout=5,
    )
    assert r.json()["status"] == "open"
    expect(payments).to_be_enabled()


def test_citizen_rates_the_visit_on_the_phone(server: LiveServer, browser: Browser) -> None:
    kiosk = server.token("--role", "kiosk")
    clerk = {"Authorization": f"Bearer {server.token('--role', 'clerk', '--window', '9')}"}
    r = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "payments"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    ticket = r.json()
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{server.url}/t/{ticket['tracking_id']}")
    expect(phone.locator("#rate")).to_be_hidden()
    for action, body in (
        ("call-next", None),
        ("start", None),
        ("finish", {"outcome": "completed"}),
    ):
        assert (
            requests.post(
                f"{server.url}/api/v1/windows/9/{action}", json=body, headers=clerk, timeout=5
            ).status_code
            == 200
        )
    expect(phone.locator("#rate")).to_be_visible()
    phone.click(".faces button[data-stars='5']")
    phone.fill("#comment", "خدمة ممتازة")
    phone.click("#send-rating")
    expect(phone.locator("#thanks")).to_be_visible()
    shot(phone, "track-rated-ar")
    again = requests.get(f"{server.url}/api/v1/tickets/{ticket['tracking_id']}", timeout=5).json()
    assert again["rated"] is True
    phone.reload()
    expect(phone.locator("#rate")).to_be_hidden()  # once per ticket


def test_rating_tablet_at_the_window(server: LiveServer, browser: Browser) -> None:
    kiosk = server.token("--role", "kiosk")
    display = server.token("--role", "display")
    clerk = {"Authorization": f"Bearer {server.token('--role', 'clerk', '--window', '10')}"}
    tablet = browser.new_context(viewport={"width": 800, "height": 600}).new_page()
    tablet.goto(f"{server.url}/rate/window/10?token={display}")
    expect(tablet.locator("#idle")).to_be_visible()
    expect(tablet.locator("body[data-live='1']")).to_be_attached()  # in its room: it will hear
    requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "complaints"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    for action, body in (
        ("call-next", None),
        ("start", None),
        ("finish", {"outcome": "completed"}),
    ):
        requests.post(
            f"{server.url}/api/v1/windows/10/{action}", json=body, headers=clerk, timeout=5
        )
    expect(tablet.locator("#rate")).to_be_visible()
    expect(tablet.locator("#number")).to_have_text("G001")
    tablet.click(".faces button[data-stars='4']")
    expect(tablet.locator("#thanks")).to_be_visible()
    day = requests.get(f"{server.url}/api/v1/public", timeout=5).json()["day"]
    boss = {"Authorization": f"Bearer {server.token('--role', 'supervisor')}"}
    rows = requests.get(
        f"{server.url}/api/v1/reports?from={day}&by=window", headers=boss, timeout=5
    ).json()["rows"]
    assert next(r for r in rows if r["window"] == 10)["rating_mean"] == 4.0
