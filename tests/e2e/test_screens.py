"""A lobby TV needs no tap: the shipped launcher's Chromium flags let it speak; a screen started
without them is named to the supervisors. The box set-up installs the launcher."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import requests
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ARGS, CHROMIUM
from tests.live import LiveServer, wait_for

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "scripts" / "screen-launcher.sh"


def launcher_flags() -> list[str]:
    out = subprocess.run(
        ["bash", str(LAUNCHER), "--print-flags"], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def muted(server: LiveServer, boss: str) -> list[dict[str, object]]:
    """The current alerts about screens that cannot play sound."""
    r = requests.get(
        f"{server.url}/api/v1/alerts", headers={"Authorization": f"Bearer {boss}"}, timeout=5
    )
    return [a for a in r.json()["alerts"] if a["kind"] == "display_muted"]


def test_the_launcher_lets_the_tv_speak_and_a_silent_tv_is_named(
    server: LiveServer, browser: Browser
) -> None:
    boss = server.token("--role", "supervisor")
    assert "--autoplay-policy=no-user-gesture-required" in launcher_flags()
    no_autoplay = [a for a in ARGS if not a.startswith("--autoplay-policy")]
    chromium = browser.browser_type  # the test session's Playwright, other flags
    launched = chromium.launch(executable_path=CHROMIUM, args=[*no_autoplay, *launcher_flags()])
    plain = chromium.launch(executable_path=CHROMIUM, args=no_autoplay)
    try:
        tv = launched.new_page(viewport={"width": 1920, "height": 1080})
        tv.goto(f"{server.url}/display?screen=Hall%20TV%201")
        expect(tv.locator(".win")).to_have_count(10)
        tv.wait_for_function("() => document.body.dataset.sound === 'ok'")
        expect(tv.locator("#sound")).to_be_hidden()
        assert not muted(server, boss)

        other = plain.new_page(viewport={"width": 1920, "height": 1080})
        other.goto(f"{server.url}/display?screen=Hall%20TV%202")
        expect(other.locator("#sound")).to_be_visible()  # the browser wants a tap
        wait_for(lambda: bool(muted(server, boss)), what="the silent screen's alert")
        assert [a["subject"] for a in muted(server, boss)] == ["Hall TV 2"]
        other.click("#sound")  # someone taps it once: the alert ends
        other.wait_for_function("() => document.body.dataset.sound === 'ok'")
        wait_for(lambda: not muted(server, boss), what="the alert to end")
    finally:
        plain.close()
        launched.close()


def test_the_box_setup_installs_a_desktop_entry_or_a_user_unit(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config")}
    script = ROOT / "scripts" / "install-screen.sh"
    url = "http://192.0.2.1:8000/display"
    subprocess.run(["bash", str(script), url, "Hall TV 1"], env=env, check=True)
    entry = (tmp_path / ".config/autostart/dorak-screen-Hall_TV_1.desktop").read_text()
    assert f'Exec="{LAUNCHER}" "{url}" "Hall TV 1"' in entry
    subprocess.run(
        ["bash", str(script), url, "Hall TV 1", "--systemd"],
        env={**env, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    unit = (tmp_path / ".config/systemd/user/dorak-screen-Hall_TV_1.service").read_text()
    assert f'ExecStart="{LAUNCHER}" "{url}" "Hall TV 1"' in unit and "Restart=always" in unit
    # The launcher starts the browser with the flags and names the screen in the address.
    fake = tmp_path / "browser"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    out = subprocess.run(
        ["bash", str(LAUNCHER), url, "Hall TV 1"],
        env={**env, "CHROMIUM": str(fake)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert "--autoplay-policy=no-user-gesture-required" in out and "--kiosk" in out
    assert f"{url}?screen=Hall%20TV%201" in out
