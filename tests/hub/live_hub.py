"""The hub as a child process (`dorak hub serve`) on a loopback port it keeps across restarts
(the centers were given its address), stopped by its owner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

from tests.live import free_port, stop_process, wait_until_answers


class HubServer:
    def __init__(self, url: str, folder: Path) -> None:
        self.database_url = url
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HubServer:
        env = {**os.environ, "DORAK_HUB_INSTANCE": str(self.folder)}
        command = [
            sys.executable,
            "-m",
            "dorak.cli",
            "hub",
            "serve",
            "--port",
            str(self.port),
            "--database-url",
            self.database_url,
        ]
        with open(self.folder / "hub.log", "ab") as log:
            proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        if not wait_until_answers(f"{self.url}/hub/healthz", proc):
            stop_process(proc)
            log_text = (self.folder / "hub.log").read_text(errors="replace")
            raise RuntimeError(f"the hub did not start:\n{log_text[-3000:]}")
        self.proc = proc
        return self

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None

    def get(self, path: str, token: str) -> Any:
        r = requests.get(self.url + path, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        r.raise_for_status()
        return r.json() if "json" in r.headers.get("Content-Type", "") else r.text

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
