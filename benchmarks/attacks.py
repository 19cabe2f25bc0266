"""What a hostile or broken client costs the center, against the production start (gunicorn,
gevent worker, one process) on loopback.

    python benchmarks/attacks.py [body] [signin] [crash] [--seconds 20] [--code DIR]

body    an attacker posts 4 GB chunked bodies, one after the other; a lobby client reads
        GET /api/v1/state meanwhile. Prints how long each body took to be refused, and the
        lobby's p50/p99 before and during the attack.
signin  8 machines (127.0.0.2-9) spray sign-ins, a new username every guess; the lobby reads
        its state meanwhile. Prints the lobby's p50/p99 and the guesses checked (401) and
        refused unchecked (429) per minute and address; `--no-budgets` lifts the failure
        budgets, so that every guess runs scrypt (hashing off the loop, measured alone).
crash   20 tickets queued behind a hung printer, master and worker SIGKILLed, restarted with
        the printer back: how many are printed, and how soon.

`--code DIR` serves another checkout's `dorak` (e.g. the main branch) for a before/after.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import signal
import socket
import statistics
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests
from common import ROOT, bench_env, cli, free_port, gunicorn, percentile
from requests.adapters import HTTPAdapter

from printer.virtual import VirtualPrinter

BODY = 4 * 2**30
WARM_UP_S = 3  # the lobby's first reads after the boot are not counted
FRAME_DATA = b"[" * 65536
FRAME = b"%x\r\n" % len(FRAME_DATA) + FRAME_DATA + b"\r\n"


def _read_state(url: str, stop: Any, out: Any) -> None:
    s = requests.Session()
    times = []
    while not stop.is_set():
        started = time.monotonic()
        s.get(f"{url}/api/v1/state", timeout=120).raise_for_status()
        times.append((started, time.monotonic() - started))
        time.sleep(0.01)  # a screen, not a load generator
    out.send(times)


class Lobby:
    """A screen reading the state over and over, timing each answer. In a process of its
    own: in the attackers' process it would wait for their GIL, not for the server."""

    def __init__(self, url: str) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._stop = ctx.Event()
        self._out, child = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_read_state, args=(url, self._stop, child), daemon=True)
        self.times: list[tuple[float, float]] = []  # (when it started, seconds)

    def start(self) -> Lobby:
        self._proc.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.times = self._out.recv()
        self._proc.join(130)

    def between(self, t0: float, t1: float) -> str:
        ms = [d * 1000 for at, d in self.times if t0 <= at < t1]
        if not ms:
            return "no answers"
        return (
            f"p50 {statistics.median(ms):6.1f} ms  p99 {percentile(ms, 0.99):6.1f} ms  "
            f"max {max(ms):7.1f} ms  ({len(ms)} reads)"
        )


def post_huge_body(port: int) -> tuple[float, float, str, int]:
    """One 4 GB chunked POST, sent like `requests` sends it: to the end, not reading the answer
    meanwhile (a thread reads it). (Seconds until the answer, seconds until the server stopped
    taking the body (a reset, or all 4 GB taken), the answer's status line, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    answer: list[tuple[float, bytes]] = []
    started = time.monotonic()

    def read() -> None:
        try:
            data = sock.recv(200)
        except OSError:
            data = b""
        answer.append((time.monotonic() - started, data))

    reader = threading.Thread(target=read, daemon=True)
    sent = 0
    try:
        sock.sendall(
            b"POST /api/v1/tickets/x/rating HTTP/1.1\r\nHost: b\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        reader.start()
        while sent < BODY:
            sock.sendall(FRAME)
            sent += len(FRAME_DATA)
    except OSError:
        pass  # the server hung up reading
    stopped = time.monotonic() - started
    reader.join(120)
    sock.close()
    at, data = answer[0] if answer else (stopped, b"")
    head = data.split(b"\r\n")[0].decode(errors="replace") if data else "no answer"
    return at, stopped, head, sent


def body(env: dict[str, str], seconds: float) -> None:
    cli(env, "init")
    port = free_port()
    proc = gunicorn(env, port, 1, 1)
    try:
        lobby = Lobby(f"http://127.0.0.1:{port}").start()
        time.sleep(WARM_UP_S)
        calm = time.monotonic()
        time.sleep(seconds / 2)
        attack = time.monotonic()
        refusals = []
        while time.monotonic() - attack < seconds:
            refusals.append(post_huge_body(port))
        done = time.monotonic()
        time.sleep(1)
        lobby.stop()
        answered = [r[0] * 1000 for r in refusals]
        stopped = [r[1] * 1000 for r in refusals]
        first = refusals[0]
        print(f"4 GB chunked bodies posted: {len(refusals)} in {done - attack:.1f} s")
        print(
            f"  first: answer {first[2]!r} after {first[0] * 1000:.1f} ms; the server stopped "
            f"taking the body after {first[1] * 1000:.1f} ms ({first[3] / 2**20:.1f} MB sent)"
        )
        print(
            f"  answers after: median {statistics.median(answered):.1f} ms, max "
            f"{max(answered):.1f} ms; body refused after: median "
            f"{statistics.median(stopped):.1f} ms, max {max(stopped):.1f} ms"
        )
        print(f"  answers: {dict(Counter(r[2] for r in refusals))}")
        print(f"  lobby before: {lobby.between(calm, attack)}")
        print(f"  lobby during: {lobby.between(attack, done)}")
    finally:
        proc.terminate()
        proc.wait(30)


class FromAddress(HTTPAdapter):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def guess(s: requests.Session, url: str, username: str) -> int:
    html = s.get(f"{url}/login", timeout=120).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    data = {"username": username, "password": "Spring2026!", "csrf_token": csrf}
    return s.post(f"{url}/login", data=data, allow_redirects=False, timeout=120).status_code


def signin(env: dict[str, str], seconds: float, budgets: bool) -> None:
    if not budgets:
        env = {**env, **{f"DORAK_LOGIN_{k}": "1000000/1" for k in (
            "RATE_LIMIT", "ADDRESS_LIMIT", "USER_LIMIT", "CENTER_LIMIT")}}  # fmt: skip
    cli(env, "init")
    cli(env, "user", "add", "admin", "--role", "admin", "--password", "a long secret")
    port = free_port()
    proc = gunicorn(env, port, 1, 1)
    url = f"http://127.0.0.1:{port}"
    answers: dict[str, Counter[int]] = {}
    stop = threading.Event()

    def spray(n: int) -> None:
        address = f"127.0.0.{n + 2}"
        s = requests.Session()
        s.mount("http://", FromAddress(address))
        counts: Counter[int] = Counter()
        answers[address] = counts
        i = 0
        while not stop.is_set():
            i += 1
            counts[guess(s, url, f"user{n}x{i}")] += 1

    try:
        lobby = Lobby(url).start()
        time.sleep(WARM_UP_S)
        calm = time.monotonic()
        time.sleep(seconds / 3)
        start = time.monotonic()
        sprayers = [threading.Thread(target=spray, args=(n,), daemon=True) for n in range(8)]
        for t in sprayers:
            t.start()
        time.sleep(seconds)
        stop.set()
        end = time.monotonic()
        for t in sprayers:
            t.join(130)
        lobby.stop()
        minutes = (end - start) / 60
        state = "on" if budgets else "off"
        print(f"8 machines spraying sign-ins for {end - start:.0f} s (budgets {state})")
        for address, counts in sorted(answers.items()):
            print(
                f"  {address}: {counts[401] / minutes:7.1f} guesses checked/min, "
                f"{counts[429] / minutes:7.1f} refused unchecked/min"
            )
        checked = sum(c[401] for c in answers.values())
        print(f"  all machines: {checked / minutes:.1f} guesses checked/min")
        print(f"  lobby before: {lobby.between(calm, start)}")
        print(f"  lobby during: {lobby.between(start, end)}")
    finally:
        proc.terminate()
        proc.wait(30)


def kill_master_and_worker(proc: Any) -> None:
    workers = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    proc.kill()
    proc.wait(30)
    for pid in workers:
        os.kill(int(pid), signal.SIGKILL)
    for pid in workers:
        while Path(f"/proc/{pid}").exists() and " Z " not in Path(f"/proc/{pid}/stat").read_text():
            time.sleep(0.01)


def crash(env: dict[str, str], tickets: int) -> None:
    with VirtualPrinter() as printer:
        env = {**env, "DORAK_PRINTER": f"tcp://127.0.0.1:{printer.port}",
               "DORAK_PRINTER_TIMEOUT": "300"}  # fmt: skip
        cli(env, "init")
        kiosk = cli(env, "token", "create", "--role", "kiosk")
        port = free_port()
        printer.state.silent = True  # hung: the first job waits, the others queue behind it
        proc = gunicorn(env, port, 1, 1)
        for _ in range(tickets):
            r = requests.post(
                f"http://127.0.0.1:{port}/api/v1/tickets",
                json={"service": "payments"},
                headers={"Authorization": f"Bearer {kiosk}"},
                timeout=60,
            )
            r.raise_for_status()
        kill_master_and_worker(proc)
        print(f"{tickets} tickets issued, none printed ({len(printer.state.jobs)}); SIGKILL")
        printer.state.silent = False
        restart = time.monotonic()
        proc = gunicorn(env, port, 1, 1)
        try:
            deadline = time.monotonic() + 120
            while printer.server.count < tickets and time.monotonic() < deadline:
                time.sleep(0.01)
            took = time.monotonic() - restart
            time.sleep(1)  # anything printed twice would show now
            print(
                f"  after the restart: {printer.server.count} of {tickets} printed, the last "
                f"{took:.1f} s after the restart began (boot included)"
            )
        finally:
            proc.terminate()
            proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", nargs="*", default=["body", "signin", "crash"])
    ap.add_argument("--seconds", type=float, default=20, help="length of each attack")
    ap.add_argument("--tickets", type=int, default=20, help="tickets queued at the crash")
    ap.add_argument("--no-budgets", action="store_true", help="signin: lift the budgets")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout to serve")
    args = ap.parse_args()
    for what in args.what:
        _, env = bench_env(what)
        env["PYTHONPATH"] = os.pathsep.join([str(args.code.resolve()), env["PYTHONPATH"]])
        print(f"== {what} ({args.code})")
        if what == "body":
            body(env, args.seconds)
        elif what == "signin":
            signin(env, args.seconds, not args.no_budgets)
        elif what == "crash":
            crash(env, args.tickets)
        else:
            raise SystemExit(f"unknown: {what}")


if __name__ == "__main__":
    main()
