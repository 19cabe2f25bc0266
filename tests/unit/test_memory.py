"""The malloc settings reach glibc on this machine (Debian): a server process applies them."""

from __future__ import annotations

import subprocess
import sys


def test_tune_malloc_is_accepted_by_glibc() -> None:
    # In a child: the settings are process-wide and this test must not change the test run.
    out = subprocess.run(
        [sys.executable, "-c", "from dorak.memory import tune_malloc; print(tune_malloc())"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert out.stdout.strip() == "True"
