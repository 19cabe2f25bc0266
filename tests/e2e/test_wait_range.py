"""The estimate and its 80 % range as a citizen sees them: the kiosk button, the kiosk's ticket
screen and the phone page say "about N minutes (from a to b)", the same figures the server
gives; Arabic and English, at the kiosk's and the phone's real sizes."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import shot
from tests.live import LiveServer

# The range carries its unit: "(from 31 to 72 minutes)", "(31-72 min)".
RANGE = {"ar": r"\(من\s(\d+)\sإلى\s(\d+)\s(?:دقيقة|دقائق)\)", "en": r"\((\d+)-(\d+)\smin\)"}


def minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_range_on_kiosk_and_phone(lang: str, server: LiveServer, browser: Browser) -> None:
    kiosk = server.token("--role", "kiosk")
    auth = {"Authorization": f"Bearer {kiosk}"}
    made = []
    for _ in range(12):  # four windows serve reconciliation: the fifth on wait
        r = requests.post(
            f"{server.url}/api/v1/tickets",
            json={"service": "reconciliation"},
            headers=auth,
            timeout=5,
        )
        assert r.status_code == 201, r.text
        made.append(r.json())
    state = requests.get(f"{server.url}/api/v1/state", timeout=5).json()
    service = next(s for s in state["services"] if s["code"] == "reconciliation")
    wait, (low, high) = service["estimated_wait_s"], service["estimated_range_s"]
    assert minutes(wait) >= 3 and low < wait < high

    screen = browser.new_context(viewport={"width": 1080, "height": 1920})
    page = screen.new_page()
    page.goto(f"{server.url}/kiosk?token={kiosk}&lang={lang}")
    button = page.locator("button[data-service=reconciliation]")
    expect(button).to_contain_text(str(minutes(wait)))
    found = re.search(RANGE[lang], button.inner_text().replace("\xa0", " "))
    assert found, button.inner_text()
    assert (int(found[1]), int(found[2])) == (max(1, low // 60), minutes(high))
    shot(page, f"kiosk-range-{lang}")
    screen.close()

    last = made[-1]
    assert last["estimated_range_s"][0] <= last["estimated_wait_s"] <= last["estimated_range_s"][1]
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(f"{last['track_url']}?lang={lang}")
    told = mobile.locator("#wait")
    expect(told).to_contain_text(re.compile(RANGE[lang]))
    found = re.search(RANGE[lang], told.inner_text().replace("\xa0", " "))
    assert found is not None
    shot(mobile, f"track-range-{lang}")
    phone.close()
