"""`make hub-demo`: a throwaway PostgreSQL, the hub, and three simulated centers (each its own
`dorak serve` and SQLite) whose kiosks and clerks work on their own while the centers sync to
the hub. Ctrl-C stops everything it started.

    .venv/bin/python scripts/hub_demo.py [--port 8000] [--folder hub-demo]"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from dorak.store.hub.devpg import TempPostgres

CENTERS = [
    ("CAI-01", "مركز المحافظة", "Governorate center"),
    ("CAI-02", "مركز مدينة نصر", "Nasr City center"),
    ("CAI-03", "مركز حلوان", "Helwan center"),
]
WINDOWS = {1: "reconciliation", 4: "legalization", 9: "payments", 6: "permits"}


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "dorak.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _open_center(folder: Path) -> Path:
    """The sample center open around the clock: the demo works at any hour."""
    from dataclasses import replace

    from dorak.center_config import to_toml
    from dorak.config import load_center
    from dorak.domain.hours import ALWAYS_OPEN

    path = folder / "center.toml"
    path.write_text(to_toml(replace(load_center(), hours=ALWAYS_OPEN)), encoding="utf-8")
    return path


def _post(url: str, token: str | None, body: dict[str, Any] | None = None) -> int:
    import json

    data = json.dumps(body or {}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=5) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return int(e.code)
    except OSError:
        return 0


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"a process of the demo stopped: {proc.args}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def _citizens_and_clerks(
    base: str, kiosk: str, clerks: dict[int, str], stop: threading.Event
) -> None:
    """A steady day: a citizen every few seconds, clerks who call, serve and finish."""
    rng = random.Random(base)
    while not stop.wait(rng.uniform(0.3, 2.0)):
        _post(f"{base}/api/v1/tickets", kiosk, {"service": rng.choice(list(WINDOWS.values()))})
        w = rng.choice(list(clerks))
        if _post(f"{base}/api/v1/windows/{w}/call-next", clerks[w]) == 200:
            if rng.random() < 0.1:
                _post(f"{base}/api/v1/windows/{w}/no-show", clerks[w])
                continue
            _post(f"{base}/api/v1/windows/{w}/start", clerks[w])
            outcome = "completed" if rng.random() < 0.8 else "documents_missing"
            _post(f"{base}/api/v1/windows/{w}/finish", clerks[w], {"outcome": outcome})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--folder", default="hub-demo")
    args = parser.parse_args()
    folder = Path(args.folder).resolve()
    folder.mkdir(exist_ok=True)
    procs: list[subprocess.Popen[bytes]] = []
    stop = threading.Event()
    pg = TempPostgres().start()
    try:
        url = pg.create_database("hub")
        env = {**os.environ, "DORAK_HUB_DATABASE_URL": url,
               "DORAK_HUB_INSTANCE": str(folder / "hub")}  # fmt: skip
        _cli(env, "hub", "init")
        _cli(env, "hub", "user", "add", "admin", "--role", "admin", "--password", "admin")
        hub_url = f"http://127.0.0.1:{args.port}"
        log = open(folder / "hub.log", "ab")  # noqa: SIM115 - open while the demo runs
        hub = subprocess.Popen(
            [sys.executable, "-m", "dorak.cli", "hub", "serve", "--port", str(args.port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        procs.append(hub)
        _wait(f"{hub_url}/hub/healthz", hub)
        for n, (code, ar, en) in enumerate(CENTERS, 1):
            token = _cli(env, "hub", "center", "add", code, "--name-ar", ar, "--name-en", en)
            instance = folder / code
            instance.mkdir(exist_ok=True)
            cenv = {**os.environ, "DORAK_INSTANCE": str(instance), "DORAK_HUB_URL": hub_url,
                    "DORAK_CENTER_FILE": str(_open_center(instance)),
                    "DORAK_HUB_TOKEN": token.strip().splitlines()[-1], "DORAK_PRINTER": "none",
                    "DORAK_DISPLAY_VOICE": "false"}  # fmt: skip
            _cli(cenv, "init")
            _cli(cenv, "window", "staff", "--all")
            kiosk = _cli(cenv, "token", "create", "--role", "kiosk").strip().splitlines()[-1]
            clerks = {
                w: _cli(cenv, "token", "create", "--role", "clerk", "--window", str(w))
                .strip()
                .splitlines()[-1]
                for w in WINDOWS
            }
            port = args.port + n
            clog = open(instance / "server.log", "ab")  # noqa: SIM115
            center = subprocess.Popen(
                [sys.executable, "-m", "dorak.cli", "serve", "--port", str(port)],
                env=cenv, stdout=clog, stderr=subprocess.STDOUT,
            )  # fmt: skip
            procs.append(center)
            base = f"http://127.0.0.1:{port}"
            _wait(f"{base}/healthz", center)
            threading.Thread(
                target=_citizens_and_clerks, args=(base, kiosk, clerks, stop), daemon=True
            ).start()
            print(f"center {code}: {base}/  (its database: {instance / 'dorak.db'})")
        print(f"hub: {hub_url}/hub/  (sign in admin / admin); public waits: {hub_url}/hub/waits")
        print("Ctrl-C stops the demo")
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    finally:
        stop.set()
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        pg.stop()


if __name__ == "__main__":
    main()
