"""The reports over HTTP (JSON, CSV, XLSX) and on the command line."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from openpyxl import load_workbook

from dorak.cli import main
from tests.conftest import Api, ManualClock


def test_reports_over_http(api: Api, clock: ManualClock) -> None:
    api.issue()
    clock.advance(120)
    api.act(1, "call-next")
    r = api.get("/reports?from=2026-11-26&by=service", "supervisor")
    assert r.status_code == 200
    rows = {x["service"]: x for x in r.get_json()["rows"]}
    assert rows["reconciliation"]["wait_mean_s"] == 120.0
    csv = api.get("/reports?from=2026-11-26&to=2026-11-26&by=window&format=csv", "admin")
    assert csv.headers["Content-Type"].startswith("text/csv")
    assert csv.get_data(as_text=True).splitlines()[1].startswith("1,1,1,")
    x = api.get("/reports?from=2026-11-26&by=day&format=xlsx", "admin")
    sheet = load_workbook(io.BytesIO(x.data)).active
    assert sheet.cell(1, 1).value == "day" and sheet.cell(2, 1).value == "2026-11-26"
    for bad in (
        "from=26/11/2026",
        "from=2026-11-26&by=weather",
        "from=2026-11-26&to=2026-11-01",
        "from=2026-11-26&format=pdf",
        "from=2024-01-01&to=2026-01-01",
    ):
        r = api.get(f"/reports?{bad}", "admin")
        assert r.status_code == 400 and r.get_json()["message"]["en"], bad


def test_report_command(app: Flask, api: Api, tmp_path: Path) -> None:
    api.issue()
    api.issue("payments")
    db = app.config["DATABASE"]
    out = tmp_path / "r.csv"
    r = CliRunner().invoke(
        main, ["report", "--db", db, "--from", "2026-11-26", "--by", "service", "--csv", str(out)]
    )
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    csv_lines = out.read_text(encoding="utf-8").splitlines()
    # The table has the CSV's columns, and the same figures ("-" where the CSV has none).
    assert lines[0].split() == csv_lines[0].split(",")
    assert lines[0].split()[:3] == ["service", "issued", "tickets"]
    for table, csv_line in zip(lines[1:3], csv_lines[1:], strict=True):
        assert table.split() == [v or "-" for v in csv_line.split(",")]
    assert any(line.startswith("payments") and line.split()[1] == "1" for line in lines)
    r = CliRunner().invoke(main, ["report", "--db", db, "--from", "nope"])
    assert r.exit_code != 0 and "date like" in r.output
