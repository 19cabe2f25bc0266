"""Running espeak-ng: output, failures, a hung program, and a gevent loop that keeps serving."""

from __future__ import annotations

import os
import resource
import time

import pytest

from dorak.speech import SpeechUnavailable, output_of
from tests.gevent_probe import run_under_gevent


def test_output_is_what_the_program_wrote() -> None:
    assert output_of(["/bin/sh", "-c", "printf 'سلام'; echo oops >&2"], 5) == "سلام".encode()


def test_a_failing_program_is_reported() -> None:
    with pytest.raises(SpeechUnavailable, match="exit code 3"):
        output_of(["/bin/sh", "-c", "exit 3"], 5)


def test_a_hung_program_is_killed_at_the_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(SpeechUnavailable, match="longer than"):
        output_of(["/bin/sleep", "30"], 0.3)
    assert time.monotonic() - started < 5


SPEAK = """
from dorak.speech import Announcer
before = len(ticks)
data = Announcer(["ar", "en"]).wav("A123", 3)
print(len(data), len(ticks) - before)
"""


def test_under_gevent_the_loop_keeps_running_while_speech_is_made() -> None:
    out = run_under_gevent(SPEAK)
    size, ticks = int(out[0]), int(out[1])
    assert size > 50_000  # seconds of audio came back
    assert ticks >= 5  # other greenlets ran while espeak-ng spoke (it takes 100 ms or more)


def test_works_with_more_than_1024_files_open() -> None:
    """A busy server holds many sockets: the wait must not use select(), limited to fd 1023."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        assert output_of(["/bin/sh", "-c", "printf ok"], 5) == b"ok"
    finally:
        for fd in held:
            os.close(fd)
