"""What every benchmark needs: a fresh instance, the `dorak` command, a server on loopback."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_env(prefix: str, **settings: str) -> tuple[Path, dict[str, str]]:
    """A fresh instance folder and the environment for `dorak` commands and servers in it.
    The load comes from one "kiosk" token, so its rate limit is lifted."""
    tmp = Path(tempfile.mkdtemp(prefix=f"dorak-{prefix}-"))
    env = {
        **os.environ,
        "DORAK_INSTANCE": str(tmp),
        "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)])),
        "DORAK_KIOSK_RATE_LIMIT": "1000000/1",
        "DORAK_PRINTER": "none",
        "DORAK_DISPLAY_VOICE": "false",
        **settings,
    }
    # Open around the clock with a clerk at every window: a benchmark runs at any hour.
    from tests.live import open_center_file

    env["DORAK_CENTER_FILE"] = str(open_center_file(tmp))
    cli(env, "window", "staff", "--all")
    return tmp, env


def cli(env: dict[str, str], *args: str) -> str:
    """Run `dorak ARGS`; its last line of output (a token, for `token create`)."""
    out = subprocess.run(
        [sys.executable, "-m", "dorak.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def wait_ready(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/api/v1/services", timeout=1)
            return
        except requests.RequestException:  # not listening yet, or still booting
            time.sleep(0.05)
    raise SystemExit(f"the server at {base} did not start")


def serve(env: dict[str, str], port: int, *args: str) -> subprocess.Popen[bytes]:
    """`dorak serve` on loopback, ready to take requests."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "dorak.cli", "serve", "--port", str(port), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_ready(f"http://127.0.0.1:{port}")
    return proc


WORKERS = ["gevent", "gthread"]


def add_server_options(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--worker",
        choices=WORKERS,
        default="gevent",
        help="gunicorn worker: gevent (the README's production start) or gthread (threads)",
    )
    ap.add_argument("--threads", type=int, default=8, help="threads per gthread worker")
    ap.add_argument(
        "--workers",
        type=int,
        default=1,
        help="gunicorn processes on the same database file (more than one needs "
        "a message queue for Socket.IO in production)",
    )


def describe_server(args: argparse.Namespace) -> str:
    threads = f" x {args.threads} threads" if args.worker == "gthread" else ""
    return f"gunicorn {args.worker}, {args.workers} worker(s){threads}"


def gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int, worker: str = "gevent"
) -> subprocess.Popen[bytes]:
    kind = ["-k", "gevent"] if worker == "gevent" else ["-k", "gthread", "--threads", str(threads)]
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-w",
            str(workers),
            *kind,
            "--no-control-socket",  # gunicorn 27's default control socket is one per host
            "-b",
            f"127.0.0.1:{port}",
            "dorak.wsgi:app",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_ready(f"http://127.0.0.1:{port}")
    return proc


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]
