"""The kiosk in a real browser when the printer is out of paper: the citizen sees why, keeps the
number on screen, and "print again" works once the paper is back. The kiosk recognises its
ticket in the printer's news by the number (kiosks are not told tracking ids)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from printer.virtual import VirtualPrinter
from tests.e2e.conftest import shot
from tests.live import LiveServer, dorak_cli, wait_for


@pytest.fixture
def printer() -> Iterator[VirtualPrinter]:
    with VirtualPrinter() as vp:
        yield vp


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_out_of_paper_then_print_again(
    tmp_path: Path, browser: Browser, printer: VirtualPrinter, lang: str
) -> None:
    dorak_cli(tmp_path, "init")
    env = {"DORAK_PRINTER": f"tcp://127.0.0.1:{printer.port}", "DORAK_DISPLAY_VOICE": "false"}
    with LiveServer(tmp_path, env=env, how="gunicorn-gevent") as server:
        kiosk = server.token("--role", "kiosk")
        context = browser.new_context(viewport={"width": 1080, "height": 1920})
        page = context.new_page()
        printer.state.paper = "out"
        page.goto(f"{server.url}/kiosk?token={kiosk}&lang={lang}")
        page.click("button[data-service=payments]")
        page.click("button[data-priority=none]")  # the second step: no priority
        expect(page.get_by_test_id("ticket-number")).to_have_text("H001")
        expect(page.get_by_test_id("take")).to_have_text(
            "أظهر هذا الرقم للاستعلامات" if lang == "ar" else "Show this number to the reception"
        )
        fault = page.locator("#t-print")
        expect(fault).to_be_visible(timeout=10_000)
        expect(fault).to_contain_text("نفد ورق الطابعة" if lang == "ar" else "out of paper")
        expect(page.locator("#reprint")).to_be_visible()
        shot(page, f"kiosk-paper-out-{lang}")
        assert printer.state.jobs == []
        printer.state.paper = "ok"
        page.click("#reprint")
        expect(fault).to_contain_text("جارٍ" if lang == "ar" else "Printing again")
        wait_for(lambda: len(printer.state.jobs) == 1, 30, "the ticket printed again")
        shot(page, f"kiosk-printed-again-{lang}")
        context.close()
