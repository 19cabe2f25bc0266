"""Browser tests: Debian's chromium driven by Playwright against the real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.live import LiveServer, dorak_cli

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# What a page shows is awaited, not timed: a busy machine may take seconds to render it.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "make setup installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """`dorak serve`, or another start from tests.live.COMMANDS by indirect parametrization."""
    dorak_cli(tmp_path, "init")
    live = LiveServer(tmp_path, how=getattr(request, "param", "serve")).start()
    yield live
    live.stop()


# The demo's server and the README's production start (gunicorn's gevent worker).
BOTH_SERVERS = pytest.mark.parametrize("server", ["serve", "gunicorn-gevent"], indirect=True)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(
    page: Page, server: LiveServer, path: str, username: str, role: str, *extra: str
) -> None:
    """Create a user with the command line, open `path` and sign in there."""
    password = f"{username} password 1"
    dorak_cli(
        server.instance, "user", "add", username, "--role", role, *extra, "--password", password
    )
    page.goto(f"{server.url}{path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
