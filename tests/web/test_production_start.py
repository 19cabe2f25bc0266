"""The README's production start on a fresh install: only the project and its `prod` extra in a
new virtualenv (no test tools that could bring a missing module along), then gunicorn's gevent
worker as the README starts it, answering /healthz."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import requests

from tests.live import on_a_free_port, stop_process, wait_until_answers

ROOT = Path(__file__).resolve().parents[2]


def test_a_fresh_install_with_the_prod_extra_starts(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "-e", f"{ROOT}[prod]"], check=True, timeout=600, cwd=tmp_path)
    python = str(venv / "bin" / "python")
    probe = "import importlib.util as u; print(bool(u.find_spec('pytest')))"
    # Nothing but what the project declares: the test tools are not there to help.
    assert subprocess.run([python, "-c", probe], capture_output=True, text=True).stdout == "False\n"
    instance = tmp_path / "instance"
    log = tmp_path / "gunicorn.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))} | {
        "DORAK_INSTANCE": str(instance),
        "DORAK_PRINTER": "none",
    }

    def start(port: int) -> subprocess.Popen[bytes]:
        with open(log, "wb") as out:
            return subprocess.Popen(
                [
                    str(venv / "bin" / "gunicorn"),
                    *["-k", "gevent", "-w", "1", "--no-control-socket"],
                    "-b",
                    f"127.0.0.1:{port}",
                    "dorak.wsgi:app",
                ],
                cwd=tmp_path,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def answers(port: int, proc: subprocess.Popen[bytes]) -> bool:
        return wait_until_answers(f"http://127.0.0.1:{port}/healthz", proc)

    try:
        port, proc = on_a_free_port(start, answers)
    except RuntimeError:
        raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
    try:
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
        assert "No module named" not in log.read_text(errors="replace")
    finally:
        stop_process(proc)
