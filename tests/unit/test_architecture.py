"""The boundaries hold: SQL only in the store, time only from the clock seam, Socket.IO messages
only from the publisher, threads only in the scheduler and the device workers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["dorak", "kiosk", "counter", "display", "dashboard", "printer"]


def sources(*allowed: str) -> list[tuple[str, str]]:
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            if not any(name.startswith(a) for a in allowed):
                out.append((name, path.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize(
    ("what", "pattern", "allowed"),
    [
        (
            "SQL",
            r"\.execute\(|\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|PRAGMA \w",
            ("dorak/store/", "dorak/app.py"),  # app.py: a comment names PRAGMA quick_check
        ),
        (
            "the system's time",
            r"time\.time\(\)|datetime\.now\(|date\.today\(\)",
            # limits counts in epoch seconds of its own; the virtual printer is a device
            ("dorak/clock.py", "dorak/ratelimit.py", "printer/virtual.py"),
        ),
        ("a Socket.IO message", r"\.emit\(", ("dorak/publisher.py", "dorak/hub/publisher.py")),
        (
            "a thread",
            r"threading\.Thread\(",
            ("dorak/scheduler.py", "printer/worker.py", "printer/virtual.py"),
        ),
    ],
)
def test_one_place_for(what: str, pattern: str, allowed: tuple[str, ...]) -> None:
    found = [
        f"{name}:{n}"
        for name, text in sources(*allowed)
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(pattern, line) and not line.lstrip().startswith("#")
    ]
    assert found == [], f"{what} outside its place"


def test_the_publisher_is_the_one_emitter_and_the_bus_calls_it() -> None:
    bootstrap = (ROOT / "dorak" / "bootstrap.py").read_text(encoding="utf-8")
    assert "bus.on_batch(d.publisher.publish)" in bootstrap
    for name, text in sources("dorak/bootstrap.py", "dorak/publisher.py", "dorak/cli.py"):
        assert ".publish(" not in text, name  # every entry point goes through the bus
