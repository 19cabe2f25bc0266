"""What the wait estimate costs the server: reading the floor (one statement) and playing it
forward (dorak/domain/replay.py), against the formula it replaced, with 20 to 400 people waiting
at the sample center's ten busy windows, citizens coming at the sample day's pace (a ticket a
minute) or at a rush no center sees (one every 7 s, so the play has many more to place).

    python benchmarks/estimate_cost.py [--repeat 200]

Each figure is the median of `--repeat` runs on a fresh floor (the play is kept per floor, so a
floor played once costs nothing the second time).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dorak.config import load_center  # noqa: E402
from dorak.domain.estimate import predict  # noqa: E402
from dorak.domain.floor import Floor  # noqa: E402
from dorak.domain.model import Center  # noqa: E402
from dorak.domain.staffing import FIXED  # noqa: E402
from dorak.simulate import VirtualClock  # noqa: E402
from dorak.store import Store  # noqa: E402
from dorak.usecases import Operations  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def floor_of(center: Center, codes: list[str], waiting: int, gap: int) -> Operations:
    """The sample center, every window busy, `waiting` people in line who came `gap` s apart."""
    store = Store(Path(tempfile.mkdtemp()) / "b.db")
    store.migrate()
    clock = VirtualClock(datetime(2026, 11, 29, 6, 0, tzinfo=UTC))
    ops = Operations(store, lambda: center, clock)
    rng = random.Random(1)
    for w in center.windows:
        ops.sign_in(w.number, f"c{w.number}", FIXED)
    for _ in range(waiting + len(center.windows)):
        clock.now = datetime.fromtimestamp(clock.now.timestamp() + gap, UTC)
        priority = "elderly" if rng.random() < 0.08 else None
        ops.issue(rng.choice(codes), priority, anyway=True)  # past the last ticket too
    for w in center.windows:
        ops.call_next(w.number, f"c{w.number}")
    return ops


def formula(center: Center, floor: Floor) -> None:
    """The estimate before the floor was played: the formula for every place of every line."""
    for code in {c for w in center.windows for c in w.services}:
        view = floor.line_view(center, code, 0)
        for i in range(floor.waiting(code) + 1):
            predict(replace(view, ahead=i))


def played(center: Center, floors: Iterator[Floor]) -> None:
    next(floors).played(center)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    center = load_center()
    codes = [c for w in center.windows for c in w.services]
    print("waiting  arrivals/h  read floor  play forward  formula (old)  [ms, medians]")
    for waiting, gap in ((20, 60), (100, 60), (400, 60), (100, 7), (400, 7)):
        ops = floor_of(center, codes, waiting, gap)
        read = median_ms(ops.floor, args.repeat)
        fresh = iter([ops.floor() for _ in range(args.repeat)])
        play = median_ms(partial(played, center, fresh), args.repeat)
        old = median_ms(partial(formula, center, ops.floor()), args.repeat)
        print(f"{waiting:7d}  {3600 // gap:10d}  {read:10.2f}  {play:12.2f}  {old:13.2f}")


if __name__ == "__main__":
    main()
