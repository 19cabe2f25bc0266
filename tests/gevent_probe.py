"""Run a snippet in a fresh gevent-patched Python beside a greenlet that ticks every 5 ms: the
ticks counted while the snippet waited show whether the event loop kept serving meanwhile."""

from __future__ import annotations

import subprocess
import sys

PRELUDE = """
from gevent import monkey; monkey.patch_all()
import gevent
import time
ticks = []
def _tick():
    while True:
        ticks.append(time.monotonic())
        gevent.sleep(0.005)
gevent.spawn(_tick)
gevent.sleep(0.05)
"""


def run_under_gevent(body: str, *args: str) -> list[str]:
    """The words the snippet printed; it reads `ticks` (a list
    that grows by one per tick, each its monotonic time)."""
    out = subprocess.run(
        [sys.executable, "-c", PRELUDE + body, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.split()
