"""Start the real server as a child process on a free loopback port: `dorak serve`, or the
README's production starts under gunicorn (gevent worker, or threads).

Every process started here is stopped by its owner (a fixture's teardown or a `with` block),
never left to `Popen.__del__`: a leaked child fails later, unrelated tests with a
ResourceWarning, and keeps its port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

STARTUP_S = 60  # a slow or busy machine boots gunicorn's worker in seconds, not milliseconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def on_a_free_port(
    start: Callable[[int], subprocess.Popen[Any]],
    ready: Callable[[int, subprocess.Popen[Any]], bool],
    tries: int = 3,
) -> tuple[int, subprocess.Popen[Any]]:
    """Start a child on a free port and wait until `ready`. Between `free_port` and the child's
    bind another process may take the port: a child that exits before it is ready is started
    again on another port (one that is alive but never ready is stopped, and that fails)."""
    for _ in range(tries):
        port = free_port()
        proc = start(port)
        if ready(port, proc):
            return port, proc
        died = proc.poll() is not None
        stop_process(proc)
        if not died:
            break
    raise RuntimeError("the child process did not start")


def dorak_cli(instance: Path, *args: str) -> str:
    env = {**os.environ, "DORAK_INSTANCE": str(instance)}
    out = subprocess.run(
        [sys.executable, "-m", "dorak.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out.stdout


def open_center_file(folder: Path) -> Path:
    """The sample center open around the clock, as a TOML file: live servers of tests and
    benchmarks run at any hour on any day (their own tests check the opening hours)."""
    from dataclasses import replace

    from dorak.center_config import to_toml
    from dorak.config import load_center
    from dorak.domain.hours import ALWAYS_OPEN

    path = folder / "center-always-open.toml"
    path.write_text(to_toml(replace(load_center(), hours=ALWAYS_OPEN)), encoding="utf-8")
    return path


def staff_every_window(instance: Path, center_file: Path) -> None:
    """A clerk at every window with no heartbeat needed, as `dorak demo` does."""
    dorak_cli(instance, "window", "staff", "--all", "--config", str(center_file))


def stop_process(proc: subprocess.Popen[Any], timeout: float = 10) -> None:
    """SIGTERM, then SIGKILL if it does not go; always reaped."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait(timeout)


def wait_until_answers(
    url: str, proc: subprocess.Popen[Any], deadline_s: float = STARTUP_S
) -> bool:
    """Poll `url` until it answers at all. Any failure (refused, reset, a read timeout while
    gunicorn's worker is still booting behind a bound port) means "not yet"; a child that has
    exited means "never". False when the deadline passed or the child died."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            requests.get(url, timeout=2)
            return True
        except requests.RequestException:
            time.sleep(0.05)
    return False


def wait_for(condition: Callable[[], bool], timeout: float = 20, what: str = "condition") -> None:
    """Wait for a condition instead of sleeping a fixed time."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


GUNICORN = str(Path(sys.executable).parent / "gunicorn")
# gunicorn 27 opens ~/.gunicorn/gunicorn.ctl by default, shared by every gunicorn on the host.
NO_CONTROL = "--no-control-socket"
COMMANDS = {
    "serve": [sys.executable, "-m", "dorak.cli", "serve", "--port", "{port}"],
    "gunicorn-gevent": [GUNICORN, *f"-k gevent -w 1 {NO_CONTROL} -b 127.0.0.1:{{port}}".split()],
    "gunicorn-threads": [
        GUNICORN,
        *f"-w 1 --threads 20 {NO_CONTROL} -b 127.0.0.1:{{port}}".split(),
    ],
}
# Tests stop servers with screens still connected: do not wait 30 s for them to leave.
QUICK_STOP = ["--graceful-timeout", "2"]


class LiveServer:
    def __init__(
        self,
        instance: Path,
        port: int | None = None,
        env: dict[str, str] | None = None,
        how: str = "serve",
        staffed: bool = True,
    ) -> None:
        self.instance = instance
        self.extra_env = env or {}
        self.staffed = staffed  # open around the clock, a clerk at every window
        self.how = how
        self.fixed_port = port is not None
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def token(self, *args: str) -> str:
        return dorak_cli(self.instance, "token", "create", *args).strip().splitlines()[-1]

    def _spawn(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, "DORAK_INSTANCE": str(self.instance), **self.extra_env}
        if self.staffed and "DORAK_CENTER_FILE" not in env:
            center = open_center_file(self.instance)
            staff_every_window(self.instance, center)
            env["DORAK_CENTER_FILE"] = str(center)
        command = [part.format(port=self.port) for part in COMMANDS[self.how]]
        if self.how.startswith("gunicorn"):
            command += [*QUICK_STOP, "dorak.wsgi:app"]
        with open(self.instance / "server.log", "ab") as log:  # the child keeps its own copy
            return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def start(self) -> LiveServer:
        """Start and wait until it answers. A child that exits early (its port taken by
        someone between `free_port` and its bind) is tried again on another port; one that
        does not answer in time is stopped before the error is raised."""
        for _ in range(3):
            proc = self._spawn()
            if wait_until_answers(f"{self.url}/healthz", proc):
                self.proc = proc
                return self
            died = proc.poll() is not None
            stop_process(proc)
            if self.fixed_port or not died:
                break
            self.port = free_port()
        log = (self.instance / "server.log").read_text(errors="replace")
        raise RuntimeError(f"server did not start ({self.how}):\n{log[-4000:]}")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
