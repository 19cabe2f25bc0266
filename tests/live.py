"""Start the real server as a child process on a free loopback port: `dorak serve`, or the
README's production starts under gunicorn (gevent worker, or threads)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


GUNICORN = str(Path(sys.executable).parent / "gunicorn")
COMMANDS = {
    "serve": [sys.executable, "-m", "dorak.cli", "serve", "--port", "{port}"],
    "gunicorn-gevent": [GUNICORN, "-k", "gevent", "-w", "1", "-b", "127.0.0.1:{port}"],
    "gunicorn-threads": [GUNICORN, "-w", "1", "--threads", "20", "-b", "127.0.0.1:{port}"],
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
    ) -> None:
        self.instance = instance
        self.extra_env = env or {}
        self.how = how
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def token(self, *args: str) -> str:
        return dorak_cli(self.instance, "token", "create", *args).strip().splitlines()[-1]

    def start(self) -> LiveServer:
        env = {**os.environ, "DORAK_INSTANCE": str(self.instance), **self.extra_env}
        with open(self.instance / "server.log", "ab") as log:  # the child keeps its own copy
            command = [part.format(port=self.port) for part in COMMANDS[self.how]]
            if self.how.startswith("gunicorn"):
                command += [*QUICK_STOP, "dorak.wsgi:app"]
            self.proc = subprocess.Popen(
                command,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/api/v1/services", timeout=1)
                return self
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + (self.instance / "server.log").read_text())

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            self.proc = None
