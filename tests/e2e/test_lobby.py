"""The lobby from 5 m, in a real browser at 1920x1080: big numbers (measured by their ink), a
highlight that hides nothing, counts that can be read, room for 12 or 16 windows; and the calls
spoken as one announcement when they come together."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.e2e.ink import ink_shares
from tests.live import LiveServer, dorak_cli

FULL_HD = {"width": 1920, "height": 1080}


def busy_lobby(server: LiveServer) -> str:
    """Tickets for every service and a call at every window."""
    kiosk = {"Authorization": f"Bearer {server.token('--role', 'kiosk')}"}
    boss = server.token("--role", "supervisor")
    for code in ["reconciliation", "legalization", "permits", "shops", "certificates",
                 "extracts", "complaints", "payments"] * 3:  # fmt: skip
        r = requests.post(f"{server.url}/api/v1/tickets", json={"service": code}, headers=kiosk)
        assert r.status_code == 201
    for n in range(1, 11):
        r = requests.post(
            f"{server.url}/api/v1/windows/{n}/call-next",
            headers={"Authorization": f"Bearer {boss}"},
            timeout=5,
        )
        assert r.status_code == 200
    return boss


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_lobby_reads_from_five_metres(server: LiveServer, page: Page, lang: str) -> None:
    boss = busy_lobby(server)
    page.set_viewport_size(FULL_HD)
    page.goto(f"{server.url}/display?lang={lang}")
    numbers = page.locator(".win .num")
    expect(numbers.nth(9)).not_to_have_text("—")
    requests.post(
        f"{server.url}/api/v1/windows/3/recall",
        headers={"Authorization": f"Bearer {boss}"},
        timeout=5,
    )
    fresh = page.locator(".win.fresh")
    expect(fresh).to_have_count(1)
    shares = ink_shares(page, numbers)
    counts = ink_shares(page, page.locator(".waiting .count"))
    shot(page, f"lobby-{lang}")
    print(
        f"lobby ({lang}) number ink: min {min(shares):.1%} of the height; counts {min(counts):.1%}"
    )
    assert len(shares) == 10 and min(shares) >= 0.10
    assert len(counts) == 8 and min(counts) >= 0.035
    # The highlighted window covers no other window and not the latest calls.
    lit = fresh.bounding_box()
    assert lit is not None
    others = [page.locator(".win").nth(i).bounding_box() for i in range(10)]
    assert sum(overlaps(lit, b) for b in others if b) == 1  # itself only
    calls = page.locator(".calls").bounding_box()
    assert calls is not None and not overlaps(lit, calls)
    window = "شباك 3" if lang == "ar" else "Window 3"
    expect(page.locator("#calls li").first).to_contain_text(window)  # the recall heads them


@pytest.mark.parametrize("count", [12, 16])
def test_twelve_or_sixteen_windows_fit(tmp_path: Path, page: Page, count: int) -> None:
    from dataclasses import replace

    from dorak.center_config import to_toml
    from dorak.config import load_center
    from dorak.domain.hours import ALWAYS_OPEN
    from dorak.domain.model import Window

    center = load_center()
    extra = tuple(
        Window(n, f"شباك {n}", f"Window {n}", {"payments": 1.0}) for n in range(11, count + 1)
    )
    center = replace(center, hours=ALWAYS_OPEN, windows=center.windows + extra)
    path = tmp_path / "big.toml"
    path.write_text(to_toml(center), encoding="utf-8")
    dorak_cli(tmp_path, "window", "staff", "--all", "--config", str(path))
    with LiveServer(tmp_path, env={"DORAK_CENTER_FILE": str(path)}) as server:
        page.set_viewport_size(FULL_HD)
        page.goto(f"{server.url}/display")
        cells = page.locator(".win")
        expect(cells).to_have_count(count)
        boxes = [cells.nth(i).bounding_box() for i in range(count)]
        assert all(b is not None for b in boxes)
        for i, a in enumerate(boxes):
            assert a["y"] + a["height"] <= 1080 and a["x"] >= 0 and a["x"] + a["width"] <= 1920  # type: ignore[index]
            for b in boxes[i + 1 :]:
                assert not overlaps(a, b)  # type: ignore[arg-type]
        numbers = page.locator(".win .num")
        for i in range(count):  # every number fits its window
            fits = numbers.nth(i).evaluate("e => e.scrollWidth <= e.parentElement.clientWidth")
            assert fits
        shot(page, f"lobby-{count}-windows")


def test_calls_together_are_said_in_one_announcement(server: LiveServer, page: Page) -> None:
    kiosk = {"Authorization": f"Bearer {server.token('--role', 'kiosk')}"}
    boss = {"Authorization": f"Bearer {server.token('--role', 'supervisor')}"}
    url = f"{server.url}/api/v1/tickets"
    for _ in range(3):
        requests.post(url, json={"service": "reconciliation"}, headers=kiosk, timeout=5)
    page.set_viewport_size(FULL_HD)
    page.goto(f"{server.url}/display")
    expect(page.locator(".win")).to_have_count(10)
    # Played slowly, the chime outlasts the three requests however busy the machine is.
    page.evaluate("""() => {
        document.getElementById('chime').playbackRate = 0.25;
        window.said = [];
        const a = document.getElementById('announcer');
        a.addEventListener('play', () => window.said.push(a.getAttribute('src')));
    }""")
    for n in (1, 2, 3):
        r = requests.post(f"{server.url}/api/v1/windows/{n}/call-next", headers=boss, timeout=5)
        assert r.status_code == 200
    page.wait_for_function("() => window.said.length >= 1")
    said = page.evaluate("() => window.said")
    assert said == ["/display/announce/A001-1,A002-2,A003-3.wav?chime=0&lang=ar"]
    requests.post(f"{server.url}/api/v1/windows/2/recall", headers=boss, timeout=5)
    page.wait_for_function("() => window.said.length >= 2")  # a recall is said again
    assert page.evaluate("() => window.said[1]") == "/display/announce/A002-2.wav?chime=0&lang=ar"


def test_english_waits_until_no_arabic_call_does(server: LiveServer, page: Page) -> None:
    kiosk = {"Authorization": f"Bearer {server.token('--role', 'kiosk')}"}
    boss = {"Authorization": f"Bearer {server.token('--role', 'supervisor')}"}
    admin = {"Authorization": f"Bearer {server.token('--role', 'admin')}"}
    r = requests.put(
        f"{server.url}/api/v1/admin/settings",
        json={"display_langs": "ar,en"},
        headers=admin,
        timeout=5,
    )
    assert r.status_code == 200
    url = f"{server.url}/api/v1/tickets"
    for _ in range(3):
        requests.post(url, json={"service": "reconciliation"}, headers=kiosk, timeout=5)
    page.set_viewport_size(FULL_HD)
    page.goto(f"{server.url}/display?lang=en")
    expect(page.locator(".win")).to_have_count(10)
    page.evaluate("""() => {
        document.getElementById('chime').playbackRate = 0.25;
        window.said = [];
        const a = document.getElementById('announcer');
        a.addEventListener('play', () => window.said.push(a.getAttribute('src')));
    }""")
    for n in (1, 2):
        requests.post(f"{server.url}/api/v1/windows/{n}/call-next", headers=boss, timeout=5)
    page.wait_for_function("() => window.said.length >= 1")
    # A call while the Arabic is said: its Arabic comes before anyone's English.
    requests.post(f"{server.url}/api/v1/windows/3/call-next", headers=boss, timeout=5)
    page.wait_for_function("() => window.said.length >= 3", timeout=30_000)
    assert page.evaluate("() => window.said") == [
        "/display/announce/A001-1,A002-2.wav?chime=0&lang=ar",
        "/display/announce/A003-3.wav?chime=0&lang=ar",
        "/display/announce/A001-1,A002-2,A003-3.wav?chime=0&lang=en",
    ]
