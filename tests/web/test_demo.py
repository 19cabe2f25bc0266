"""What `make run` starts: `dorak demo`, used with the accounts and tokens it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from tests.live import free_port, stop_process, wait_for, wait_until_answers


def test_demo_center_works_with_what_it_prints(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dorak.cli", "demo", "--port", str(port)],
        env={**os.environ, "DORAK_INSTANCE": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    try:
        printed = []
        for line in proc.stdout:  # up to the line that says it serves
            printed.append(line)
            if line.startswith("Dorak serving on"):
                break
        text = "".join(printed)
        kiosk = re.search(r"^  kiosk\s+(dk_\S+)$", text, re.M)
        clerk = re.search(r"^  window 1\s+(dk_\S+)$", text, re.M)
        admin = re.search(r"^  admin\s+admin\s+(\S+)$", text, re.M)
        assert kiosk and clerk and admin, text
        base = f"http://127.0.0.1:{port}"
        assert wait_until_answers(f"{base}/healthz", proc), "the demo did not start"
        services = requests.get(f"{base}/api/v1/services", timeout=5).json()["services"]
        assert len(services) >= 7  # the sample technological center
        r = requests.post(
            f"{base}/api/v1/tickets",
            json={"service": "reconciliation"},
            headers={"Authorization": f"Bearer {kiosk.group(1)}"},
            timeout=5,
        )
        assert r.status_code == 201 and r.json()["number"] == "A001"
        r = requests.post(
            f"{base}/api/v1/windows/1/call-next",
            headers={"Authorization": f"Bearer {clerk.group(1)}"},
            timeout=5,
        )
        assert r.status_code == 200 and r.json()["number"] == "A001"
        # The virtual printer printed the ticket where the demo said it would.
        png = tmp_path / "printed" / "ticket-00001.png"
        wait_for(png.exists, what="the printed ticket")
        # The printed admin password signs in.
        s = requests.Session()
        page = s.get(f"{base}/login", timeout=5).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf, page[:500]
        s.post(
            f"{base}/login",
            data={"username": "admin", "password": admin.group(1), "csrf_token": csrf.group(1)},
            timeout=5,
        )
        assert s.get(f"{base}/admin", timeout=5, allow_redirects=False).status_code == 200
    finally:
        stop_process(proc)
        proc.stdout.close()
