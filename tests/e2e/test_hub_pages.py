"""The hub's pages in Debian chromium: the dashboard follows a heartbeat live (no reload), sorts
by a column, speaks English one tap away; a viewer limited to one center sees only it; the
public page shows each center's waits on a phone."""

from __future__ import annotations

import itertools
from pathlib import Path

import requests
from playwright.sync_api import Browser, Page, expect

from dorak.store.hub import HubStore
from dorak.store.hub.devpg import TempPostgres
from tests.e2e.conftest import shot
from tests.hub.conftest import postgres  # noqa: F401 - a PostgreSQL for this module
from tests.hub.live_hub import HubServer

_n = itertools.count()


def beat(hub: HubServer, token: str, waiting: int, staffed: list[int]) -> None:
    live = {
        "waiting": {"reconciliation": waiting},
        "staffed": staffed,
        "windows": 10,
        "services": {
            "reconciliation": {"ar": "التصالح", "en": "Reconciliation", "next_wait_s": 60 * waiting}
        },
        "calls": [{"window": 3, "number": "A017", "service": "reconciliation", "status": "called"}],
        "alerts": [],
    }
    r = requests.post(
        f"{hub.url}/hub/api/v1/sync/heartbeat",
        json={"live": live},
        timeout=10,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200


def sign_in(page: Page, hub: HubServer, user: str) -> None:
    page.goto(f"{hub.url}/hub/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", f"{user} password")
    page.click("button")


def test_dashboard_live_sortable_bilingual_and_limited(
    browser: Browser,
    postgres: TempPostgres,  # noqa: F811
    tmp_path: Path,
) -> None:
    url = postgres.create_database(f"pages_{next(_n)}")
    store = HubStore(url, max_size=1)
    store.migrate()
    from werkzeug.security import generate_password_hash

    for code, ar, en in (("C1", "مركز المحافظة", "Governorate"), ("C2", "مركز حلوان", "Helwan")):
        store.add_center(code, ar, en, "Africa/Cairo", f"tok-{code}", 0)
    for user, centers in (("boss", None), ("helwan", [store.center_ids(["C2"])["C2"]])):
        digest = generate_password_hash(f"{user} password", method="scrypt")
        store.reads.add_user(user, digest, "admin" if centers is None else "viewer", centers, 0)
    store.close()
    with HubServer(url, tmp_path / "hub") as hub:
        beat(hub, "tok-C1", 3, [1, 2])
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        sign_in(page, hub, "boss")
        rows = page.locator("#centers tbody tr")
        expect(rows).to_have_count(2)
        c1 = page.locator("tr[data-code=C1]")
        expect(c1.locator("td").nth(1)).to_have_text("متصل")
        expect(c1.locator("td").nth(2)).to_have_text("٣")
        expect(page.locator("tr[data-code=C2] td").nth(1)).to_have_text("لم يتصل بعد")

        beat(hub, "tok-C2", 9, [4, 5, 6])  # news over Socket.IO, no reload
        c2 = page.locator("tr[data-code=C2]")
        expect(c2.locator("td").nth(2)).to_have_text("٩")
        expect(c2.locator("td").nth(3)).to_have_text("٣ / ١٠")
        page.click("th[data-key=waiting]")  # fewest first, then most first
        expect(rows.first).to_have_attribute("data-code", "C1")
        page.click("th[data-key=waiting]")
        expect(rows.first).to_have_attribute("data-code", "C2")
        shot(page, "hub-dashboard-ar")

        page.click("a.lang")
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        expect(page.locator("tr[data-code=C1] td").nth(1)).to_have_text("live")
        page.goto(f"{hub.url}/hub/centers/C2")
        expect(page.locator("#calls li")).to_have_count(1)
        expect(page.locator("#calls li")).to_contain_text("A017")
        context.close()

        limited = browser.new_context(viewport={"width": 1366, "height": 768})
        page = limited.new_page()
        sign_in(page, hub, "helwan")
        expect(page.locator("#centers tbody tr")).to_have_count(1)
        expect(page.locator("#centers tbody tr")).to_have_attribute("data-code", "C2")
        beat(hub, "tok-C1", 5, [1])  # C1's news never reaches this reader
        beat(hub, "tok-C2", 2, [4])
        expect(page.locator("tr[data-code=C2] td").nth(2)).to_have_text("٢")
        expect(page.locator("#centers tbody tr")).to_have_count(1)
        assert page.goto(f"{hub.url}/hub/centers/C1").status == 403
        limited.close()

        phone = browser.new_context(viewport={"width": 390, "height": 844})
        page = phone.new_page()
        page.goto(f"{hub.url}/hub/waits")
        expect(page.locator("#waits article")).to_have_count(2)
        expect(page.locator("#waits article").nth(1)).to_contain_text("مركز حلوان")
        beat(hub, "tok-C2", 6, [4])
        expect(page.locator("#waits article").nth(1).locator("td.num").first).to_have_text("٦")
        shot(page, "hub-waits-phone-ar")
        phone.close()
