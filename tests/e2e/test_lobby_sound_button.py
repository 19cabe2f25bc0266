"""A lobby screen whose browser wants a tap before it may play sound shows "tap to turn on the
sound" until someone touches it; at 1920x1080 that button hides no window, number, label, call,
count or notice, in either language."""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ARGS, CHROMIUM, shot
from tests.e2e.test_lobby import FULL_HD, busy_lobby, overlaps
from tests.live import LiveServer

# What a person reads on the lobby screen; the button must cover none of it.
SHOWN = [
    ".lobby-head h1", "#date", "#time", ".win", ".win .label", ".win .num", ".calls h2",
    "#calls li", ".waiting .svc", ".ticker",
]  # fmt: skip


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_sound_button_hides_nothing(server: LiveServer, browser: Browser, lang: str) -> None:
    boss = busy_lobby(server)
    r = requests.put(
        f"{server.url}/api/v1/notice",
        json={"ar": "تنبيه: الشباك 4 للمستندات الناقصة", "en": "Window 4 takes missing documents"},
        headers={"Authorization": f"Bearer {boss}"},
        timeout=5,
    )
    assert r.status_code == 200
    # A browser started without the launcher's autoplay flag: it refuses sound until a tap.
    plain = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[a for a in ARGS if not a.startswith("--autoplay")]
    )
    try:
        page = plain.new_page(viewport=FULL_HD)
        page.goto(f"{server.url}/display?lang={lang}")
        expect(page.locator(".win .num").nth(9)).not_to_have_text("—")
        button = page.locator("#sound")
        expect(button).to_be_visible()
        page.wait_for_function("() => document.body.dataset.sound === 'blocked'")
        shot(page, f"lobby-sound-button-{lang}")
        box = button.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= FULL_HD["height"]
        for selector in SHOWN:
            items = page.locator(selector)
            assert items.count(), selector
            for i in range(items.count()):
                other = items.nth(i).bounding_box()
                assert other is not None
                assert not overlaps(box, other), f"the sound button covers {selector} #{i + 1}"

        button.click()  # someone taps it once: it goes, the sound is on
        page.wait_for_function("() => document.body.dataset.sound === 'ok'")
        expect(button).to_be_hidden()
    finally:
        plain.close()
