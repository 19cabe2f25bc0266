"""A throwaway PostgreSQL server in a folder, from Debian's `postgresql` package: the hub's tests,
benchmarks and `make hub-demo` start one on a free loopback port and stop it when done.

PostgreSQL refuses to run as root: when we are root the folder is given to the `postgres` user
(which Debian's package creates) and the server runs as that user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any


def bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (scripts/setup.sh installs it)")
    return Path(found[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempPostgres:
    """`with TempPostgres() as pg: pg.url("hub")` - a database per name, created on demand."""

    def __init__(self, folder: str | None = None, fsync: bool = False) -> None:
        self.folder = Path(folder or tempfile.mkdtemp(prefix="dorak-pg-"))
        self.owned = folder is None
        self.fsync = fsync  # off for tests: a killed hub is what they test, not a power cut
        self.port = 0
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "postgres"
            pwd.getpwnam(self.user)  # KeyError: the package that creates it is missing

    def _run(self, *args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir() / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            text=True,
            user=self.user,
            cwd=self.folder,
            timeout=120,
            **kw,
        )

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def start(self) -> TempPostgres:
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "dorak",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            )
        for _ in range(3):  # a port taken between the look and the bind: another one
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=200"
            )
            try:
                self._run(
                    "pg_ctl",
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.folder / "log"),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    options,
                    "start",
                )
                return self
            except subprocess.CalledProcessError:
                continue
        log = (self.folder / "log").read_text(errors="replace")
        raise RuntimeError(f"PostgreSQL did not start:\n{log[-3000:]}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://dorak@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a name the caller chose, not input
        return self.url(name)

    def stop(self) -> None:
        if self.port and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        if self.owned:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
