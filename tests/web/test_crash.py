"""Kill the server with SIGKILL while kiosks issue tickets: nothing acknowledged is lost, and
numbers stay unique and gap-free."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

from dorak.store import Store
from tests.live import LiveServer, dorak_cli, wait_for

SERVICES = ["reconciliation", "legalization", "payments"]
PER_ROUND = 40  # tickets acknowledged between two kills


def test_sigkill_while_issuing_loses_nothing(tmp_path: Path) -> None:
    dorak_cli(tmp_path, "init")
    server = LiveServer(
        tmp_path,
        env={
            "DORAK_KIOSK_RATE_LIMIT": "1000000/1",
            "DORAK_PRINTER": "none",
            "DORAK_DISPLAY_VOICE": "false",
        },
    )
    token = server.token("--role", "kiosk")
    server.start()
    acked: list[tuple[str, str]] = []
    errors = 0
    stop = threading.Event()
    lock = threading.Lock()

    def kiosk(n: int) -> None:
        nonlocal errors
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        i = 0
        while not stop.is_set():
            i += 1
            key = {"Idempotency-Key": f"kiosk{n}-{i}"}
            while True:  # like the kiosk page: the same key until an answer comes
                try:
                    r = session.post(
                        f"{server.url}/api/v1/tickets",
                        json={"service": SERVICES[(n + i) % 3]},
                        headers=key,
                        timeout=2,
                    )
                    break
                except requests.RequestException:
                    time.sleep(0.02)  # the server is down: try again
                    if stop.is_set():
                        return
            with lock:
                if r.status_code == 201:
                    acked.append((r.json()["tracking_id"], r.json()["number"]))
                else:
                    errors += 1

    workers = [threading.Thread(target=kiosk, args=(n,)) for n in range(4)]
    for w in workers:
        w.start()
    restarts = 0

    def more_acknowledged(n: int) -> None:
        # Kill in the middle of real work, however fast this machine is: after n more answers.
        with lock:
            target = len(acked) + n
        wait_for(lambda: len(acked) >= target, timeout=120, what=f"{n} more tickets")

    try:
        for _ in range(3):
            more_acknowledged(PER_ROUND)
            server.kill()  # SIGKILL in the middle of the work
            restarts += 1
            server.start()
        more_acknowledged(PER_ROUND)  # and it serves again after the last restart
    finally:
        stop.set()
        for w in workers:
            w.join(10)
        server.stop()

    rows = Store(tmp_path / "dorak.db").all(
        "SELECT tracking_id, number, service, day, seq FROM tickets"
    )
    found = {r["tracking_id"]: r["number"] for r in rows}
    missing = [a for a in acked if found.get(a[0]) != a[1]]
    print(
        f"\ncrash test: {len(acked)} tickets acknowledged, {len(rows)} in the database, "
        f"{len(missing)} missing, {restarts} SIGKILL restarts, {errors} non-201 answers"
    )
    assert restarts == 3 and len(acked) >= 4 * PER_ROUND
    assert missing == [] and errors == 0
    assert len(rows) == len(acked)  # nothing twice: a retried request got its own ticket back
    seqs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in rows:
        seqs[(r["service"], r["day"])].append(r["seq"])
    for key, values in seqs.items():
        assert sorted(values) == list(range(1, len(values) + 1)), key  # unique, no gap
