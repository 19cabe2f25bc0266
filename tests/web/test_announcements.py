"""Spoken calls that keep up: short, merged when they come together, and a screen that cannot
play sound is named to the supervisors."""

from __future__ import annotations

import io
import wave

import pytest
from flask import Flask

from dorak.realtime import socketio
from dorak.speech import MAX_CALL_S, Announcer, chime, seconds
from tests.conftest import Api


def duration(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as w:
        return w.getnframes() / w.getframerate()


@pytest.mark.parametrize("langs", [["ar"], ["ar", "en"]])
def test_three_calls_in_a_second_make_one_short_announcement(langs: list[str]) -> None:
    a = Announcer(langs)
    calls = [("A014", 1), ("B003", 2), ("C378", 12)]
    merged = duration(a.announcement(calls, with_chime=True))
    chime_s = seconds(chime()) + 0.15
    per_call = (merged - chime_s) / (len(calls) * len(langs))
    print(f"announcement of 3 calls in {'+'.join(langs)}: {merged:.2f} s, {per_call:.2f} s/call")
    assert per_call <= 3.5
    # Each call in each language alone is at most 3.5 s too, the longest numbers included.
    for number, window in [("A777", 12), ("B378", 16), ("C1777", 12), ("D7", 1)]:
        for lang in langs:
            assert seconds(a.segment(number, window, lang)) <= MAX_CALL_S


def test_the_display_gets_one_wav_for_waiting_calls(api: Api, client: object) -> None:
    for _ in range(3):
        api.issue()
    for n in (1, 2, 3):
        api.act(n, "call-next")
    r = api.client.get("/display/announce/A001-1,A002-2,A003-3.wav?chime=0")
    assert r.status_code == 200 and r.headers["Content-Type"] == "audio/wav"
    alone = api.client.get("/display/announce/A001-1.wav?chime=0")
    assert duration(r.data) > 2.5 * duration(alone.data) * 0.8  # three calls, one file
    assert api.client.get("/display/announce/A001-99.wav").status_code == 404
    assert api.client.get("/display/announce/rm -rf-1.wav").status_code == 404
    assert api.client.get("/display/chime.wav").status_code == 200


def test_a_silent_screen_alerts_the_supervisors(app: Flask, api: Api) -> None:
    flask_client = app.test_client()
    boss = socketio.test_client(
        app, auth={"token": api.tokens["supervisor"]}, flask_test_client=flask_client
    )
    screen = socketio.test_client(app, flask_test_client=flask_client)
    boss.get_received()
    screen.emit("display_sound", {"ok": False, "screen": "Hall TV 2"})
    alerts = [m["args"][0] for m in boss.get_received() if m["name"] == "alert_raised"]
    assert (
        alerts
        and alerts[0]["kind"] == "display_muted"
        and "Hall TV 2" in alerts[0]["message"]["en"]
    )
    assert any(
        a["subject"] == "Hall TV 2" for a in api.get("/alerts", "supervisor").get_json()["alerts"]
    )
    screen.emit("display_sound", {"ok": True, "screen": "Hall TV 2"})
    assert not api.get("/alerts", "supervisor").get_json()["alerts"]
    screen.emit("display_sound", {"ok": False, "screen": "Hall TV 2"})
    screen.disconnect()  # a screen switched off is not a silent screen
    assert not api.get("/alerts", "supervisor").get_json()["alerts"]
    boss.disconnect()
