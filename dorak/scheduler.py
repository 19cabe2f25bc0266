"""Background jobs under one small seam: the alert watcher, the housekeeper (a new working day,
silent counter pages, opening hours), the database check, the daily backup. One thread runs
them when they are due; tests call `run_due()` with their own clock instead of starting it.

A job is a name, a function, and when it runs next: every N seconds, or at the next local
time of day. `soon(name)` brings a job forward (a failing request asks for a database check)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    run: Callable[[], object]
    next_after: Callable[[datetime], datetime]  # when it runs next, after a run at `now`
    due: datetime
    min_gap_s: float = 0.0  # runs brought forward come at most this often


class Scheduler:
    def __init__(self, clock: Callable[[], datetime], idle_s: float = 1.0) -> None:
        self.clock = clock
        self.idle_s = idle_s  # the longest the thread sleeps before looking again
        self.jobs: dict[str, Job] = {}
        self._last: dict[str, datetime] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def every(
        self, name: str, seconds: float, run: Callable[[], object], min_gap_s: float = 0.0
    ) -> None:
        step = timedelta(seconds=seconds)
        self.add(Job(name, run, lambda now: now + step, self.clock() + step, min_gap_s))

    def add(self, job: Job) -> None:
        with self._lock:
            self.jobs[job.name] = job
        self._wake.set()

    def soon(self, name: str) -> None:
        """Run this job at the next look (within its minimum gap from its last run)."""
        with self._lock:
            job = self.jobs.get(name)
            if job is None:
                return
            now = self.clock()
            last = self._last.get(name)
            earliest = now if last is None else max(now, last + timedelta(seconds=job.min_gap_s))
            job.due = min(job.due, earliest)
        self._wake.set()

    def run_due(self) -> list[str]:
        """Run every job that is due now; the names of those that ran."""
        now = self.clock()
        with self._lock:
            due = [j for j in self.jobs.values() if j.due <= now]
        ran = []
        for job in due:
            try:
                job.run()
            except Exception:  # one failed round stops neither this job nor the others
                log.exception("background job %s failed", job.name)
            finished = self.clock()
            with self._lock:
                self._last[job.name] = finished
                job.due = job.next_after(finished)
            ran.append(job.name)
        return ran

    def _seconds_to_next(self) -> float:
        now = self.clock()
        with self._lock:
            dues = [(j.due - now).total_seconds() for j in self.jobs.values()]
        return max(0.0, min([self.idle_s, *dues]))

    def start(self) -> Scheduler:
        def loop() -> None:
            while not self._stop.is_set():
                self._wake.wait(self._seconds_to_next())
                self._wake.clear()
                if self._stop.is_set():
                    return
                self.run_due()

        self._thread = threading.Thread(target=loop, daemon=True, name="scheduler")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()


class Worker:
    """Work handed over to run in the background, one job after another, in one long-lived
    thread (the spoken calls are made here, never on a request)."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.Queue[Callable[[], object]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True, name=name)
        self._thread.start()

    def submit(self, job: Callable[[], object]) -> None:
        self._jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:  # the worker outlives any bad job
                log.exception("background work failed")
