"""Print jobs that survive the server: a row per job, written in the same transaction as the
ticket it prints, closed when the printer has confirmed it (or the job failed for good).

A job belongs to the server process that made it. Each process holds an exclusive flock on a
small file of its own beside the database for as long as it lives; the kernel lets go of it
when the process dies, SIGKILL included. A process starting up takes over the open jobs of
owners whose lock it can take: those are dead. Another process still running keeps its own."""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from pathlib import Path

from .domain.events import PrintJob
from .store import Store


class PrintJobs:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.owner = secrets.token_hex(8)
        self._lock_fd: int | None = None

    def _lock_path(self, owner: str) -> Path:
        return Path(f"{self.store.path}.print-{owner}.lock")

    def claim_ownership(self) -> None:
        """Hold this process's lock for as long as it lives (read-only folder: no takeover).
        Taken with the first job, so a process that never prints holds no file."""
        if self._lock_fd is not None:
            return
        try:
            fd = os.open(self._lock_path(self.owner), os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._lock_fd = fd
        except OSError:
            self._lock_fd = None

    def _alive(self, owner: str) -> bool:
        if owner == self.owner:
            return True
        try:
            fd = os.open(self._lock_path(owner), os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing drops the lock taken to look
        self._lock_path(owner).unlink(missing_ok=True)
        return False

    def queue(self, ticket_id: int, track_url: str, at: float) -> int:
        with self.store.write():
            return self.store.print_jobs.add(ticket_id, track_url, at, self.owner)

    def orphans(self) -> list[PrintJob]:
        """Open jobs whose process is gone, oldest first; from now on they are ours."""
        jobs = self.store.print_jobs.open_not_of(self.owner)
        dead = {owner for owner in {j.owner for j in jobs} if not self._alive(owner)}
        taken: list[PrintJob] = []
        if dead:
            self.claim_ownership()  # they become ours: we must be seen alive from now on
            with self.store.write():
                for j in jobs:
                    # unless another process starting took it first
                    if j.owner in dead and self.store.print_jobs.take_over(
                        j.id, j.owner, self.owner
                    ):
                        taken.append(j)
        return taken

    def stop(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_path(self.owner).unlink(missing_ok=True)
            self._lock_fd = None
