"""Printer addresses cannot point at Dorak's own files: file:// and serial:// only to device
nodes, or (file://) into a folder the operator set aside, never the instance folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from dorak.app import create_app
from dorak.config import ConfigError
from dorak.domain.roles import COMMAND_LINE
from dorak.store import Store
from printer.decode import decode
from printer.drivers import PrinterFault
from tests.conftest import ManualClock, staff_all
from tests.live import free_port


def make_app(tmp_path: Path, clock: ManualClock, **config: Any) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE": str(tmp_path / "instance"),
            "CLOCK": clock,
            "PRINTER": "none",
            **config,
        }
    )
    staff_all(app.extensions["dorak"].ops)  # a clerk at every window: tickets may be issued
    return app


def put_printer(app: Flask, address: str) -> Any:
    token = app.extensions["dorak"].accounts.create_token("admin")
    return app.test_client().put(
        "/api/v1/admin/settings",
        json={"printer": address},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_secret_key_database_and_backups_are_out_of_reach(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    instance = tmp_path / "instance"
    (instance / "backups").mkdir()
    (instance / "backups" / "dorak-2026-11-26.db").write_bytes(b"backup")
    link = tmp_path / "innocent.bin"
    link.symlink_to(instance / "secret_key")
    key = (instance / "secret_key").read_text()
    targets = [
        instance / "secret_key",
        instance / "dorak.db",
        instance / "dorak.db-wal",
        instance / "backups" / "dorak-2026-11-26.db",
        instance / "anything-new",
        link,
    ]
    for target in targets:
        for scheme in ("file", "serial"):
            r = put_printer(app, f"{scheme}://{target}")
            assert r.status_code == 400, target
            assert r.get_json()["message"]["ar"] and "printer" in r.get_json()["message"]["en"]
    with app.app_context():
        assert app.extensions["dorak"].settings()["printer"] == "none"
    assert (instance / "secret_key").read_text() == key
    assert not (instance / "anything-new").exists()
    again = make_app(tmp_path, clock)  # the next start works, with the same key
    assert again.config["SECRET_KEY"] == key


@pytest.mark.parametrize(
    "address", ["file:///tmp/x.bin", "file:///etc/hostname", "file:///dev/shm/x", "serial:///tmp/x"]
)
def test_only_devices_without_a_folder_set_aside(
    tmp_path: Path, clock: ManualClock, address: str
) -> None:
    r = put_printer(make_app(tmp_path, clock), address)
    assert r.status_code == 400
    assert "/dev" in r.get_json()["message"]["en"]


def test_a_device_node_is_fine(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    assert put_printer(app, "file:///dev/null").status_code == 200
    assert put_printer(app, "file:///dev/usb/lp7").status_code == 200  # not plugged in yet
    assert app.extensions["dorak"].printer.spec.target == "/dev/usb/lp7"


def test_files_in_the_folder_the_operator_set_aside(tmp_path: Path, clock: ManualClock) -> None:
    out = tmp_path / "spool"
    out.mkdir()
    app = make_app(tmp_path, clock, PRINTER_FILE_DIR=str(out))
    assert put_printer(app, f"file://{out}/ticket.bin").status_code == 200
    assert put_printer(app, f"file://{out}/../elsewhere.bin").status_code == 400
    assert put_printer(app, f"file://{out}/ticket.bin").status_code == 200
    d = app.extensions["dorak"]
    t, _ = d.ops.issue("reconciliation")
    assert t is not None
    d.dispatch(d.ops.reprint(t.tracking_id, "http://x/t/1", COMMAND_LINE)[1])
    d.printer.worker.join()
    job = decode((out / "ticket.bin").read_bytes())
    assert job.cuts == 1 and len(job.pages) == 1  # real ESC/POS of one ticket


@pytest.mark.parametrize("inside", ["instance", "instance/spool", "."])
def test_a_folder_set_aside_may_not_hold_dorak_data(
    tmp_path: Path, clock: ManualClock, inside: str
) -> None:
    with pytest.raises(ConfigError, match="outside"):
        make_app(tmp_path, clock, PRINTER_FILE_DIR=str(tmp_path / inside))


def test_the_operator_address_is_checked_at_start(tmp_path: Path, clock: ManualClock) -> None:
    with pytest.raises(PrinterFault, match="Dorak's own data"):
        make_app(tmp_path, clock, PRINTER=f"file://{tmp_path}/instance/secret_key")
    env = {**os.environ, "DORAK_INSTANCE": str(tmp_path / "instance")}
    env["DORAK_PRINTER"] = f"file://{tmp_path}/instance/dorak.db"
    out = subprocess.run(
        [sys.executable, "-m", "dorak.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1 and "DORAK_PRINTER refused" in out.stderr
    assert "Traceback" not in out.stderr


def test_an_address_saved_before_the_check_is_not_used(tmp_path: Path, clock: ManualClock) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "secret_key").write_text("k")
    store = Store(instance / "dorak.db")
    store.migrate()
    with store.write():
        address = f"file://{instance}/secret_key"
        store.settings.put("runtime", {"printer": address}, time.time())
    store.close()
    app = make_app(tmp_path, clock)  # starts, on the start-up printer
    assert app.extensions["dorak"].printer.spec.kind == "none"
    assert (instance / "secret_key").read_text() == "k"
