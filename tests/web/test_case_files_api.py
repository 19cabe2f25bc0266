"""Case files over HTTP: attach at the window, finish with "documents missing" and what to bring,
the file's history for staff, what the citizen's tracking id shows (never other visits or notes),
and the figures as JSON, CSV and XLSX."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.conftest import Api, ManualClock


def serve(api: Api, window: int = 1) -> dict:  # type: ignore[type-arg]
    t = api.issue()
    assert api.act(window, "call-next").status_code == 200
    assert api.act(window, "start").status_code == 200
    return t


def test_a_file_across_two_visits(api: Api, clock: ManualClock) -> None:
    first = serve(api)
    r = api.act(1, "file", {"number": "٧٧/2026"})
    assert r.status_code == 200, r.get_json()
    f = r.get_json()
    assert (f["number"], f["status"], len(f["visits"])) == ("77/2026", "opened", 1)
    assert f["visits"][0]["current"] is True
    done = api.act(
        1,
        "finish",
        {
            "outcome": "documents_missing",
            "note": "clerk only: the owner seemed unsure",
            "next_step": "Bring the survey drawing",
            "file_ref": "77/2026",
        },
    )
    assert done.status_code == 200, done.get_json()
    clock.advance(86400)
    second = serve(api, 2)
    at_window = api.act(2, "file", {"number": "77/2026"}).get_json()
    assert at_window["status"] == "documents_missing" and len(at_window["visits"]) == 2
    assert at_window["visits"][0]["next_step"] == "Bring the survey drawing"
    assert api.get("/windows/2/file", "clerk2").get_json()["file"]["number"] == "77/2026"
    api.act(2, "finish", {"outcome": "completed", "next_step": "Collect the licence on Sunday"})
    # Staff look the file up by number: both visits, in order.
    files = api.get("/files?number=77/2026", "clerk3").get_json()["files"]
    assert [v["outcome"] for v in files[0]["visits"]] == ["documents_missing", "completed"]
    assert files[0]["status"] == "completed" and files[0]["closed"] is True
    assert api.get("/files?number=77/2026", "kiosk").status_code == 403
    # The citizen sees their own visit's outcome and next step, nothing else.
    mine = api.get(f"/tickets/{first['tracking_id']}").get_json()
    assert mine["outcome"] == "documents_missing"
    assert mine["next_step"] == "Bring the survey drawing"
    text = str(mine)
    assert "clerk only" not in text and "Collect the licence" not in text
    assert api.get(f"/tickets/{second['tracking_id']}").get_json()["next_step"] == (
        "Collect the licence on Sunday"
    )


def test_refusals_are_bilingual(api: Api) -> None:
    serve(api)
    r = api.act(1, "file", {"number": "77-2026"})
    assert r.status_code == 400
    body = r.get_json()
    assert body["error"] == "bad_file_number" and "1234/2026" in body["message"]["en"]
    assert "77-2026" in body["message"]["ar"]
    api.act(1, "file", {"number": "9/2026"})
    r = api.act(1, "finish", {"outcome": "other", "file_status": "completed"})
    assert r.status_code == 200
    serve(api)
    api.act(1, "file", {"number": "9/2026"})
    r = api.act(1, "finish", {"outcome": "documents_missing"})
    assert r.status_code == 409 and r.get_json()["error"] == "invalid_file_transition"
    assert "«منجز»" in r.get_json()["message"]["ar"]
    assert api.get("/windows/1", "clerk1").get_json()["ticket"]["status"] == "serving"


def test_figures_as_json_csv_and_xlsx(api: Api) -> None:
    serve(api)
    api.act(1, "file", {"number": "1/2026"})
    api.act(1, "finish", {"outcome": "completed"})
    serve(api)
    api.act(1, "file", {"number": "2/2026"})
    api.act(1, "finish", {"outcome": "documents_missing"})
    url = "/reports/files?from=2026-11-26"
    rows = api.get(url, "supervisor").get_json()["rows"]
    assert rows == [
        {
            "file_type": "reconciliation",
            "opened": 2,
            "completed": 1,
            "rejected": 0,
            "still_open": 1,
            "completion_rate": 0.5,
            "days_to_completion_median": 0.0,
            "days_to_completion_p90": 0.0,
            "visits_per_completed_file": 1.0,
            "visits": 2,
            "documents_missing_visits": 1,
            "documents_missing_share": 0.5,
        }
    ]
    csv = api.get(url + "&format=csv&by=clerk", "supervisor")
    assert csv.headers["Content-Type"].startswith("text/csv")
    head, line = csv.get_data(as_text=True).splitlines()
    assert head.startswith("file_type,clerk,opened,completed") and ",2,1," in line
    xlsx = api.get(url + "&format=xlsx&by=window", "supervisor")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [c.value for c in sheet[1]][:3] == ["file_type", "window", "opened"]
    assert [c.value for c in sheet[2]][:3] == ["reconciliation", 1, 2]
    assert api.get(url, "clerk1").status_code == 403
    assert api.get(url + "&by=hour", "supervisor").status_code == 400


def test_dorak_report_files(api: Api, app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dorak.cli import main

    serve(api)
    api.act(1, "file", {"number": "3/2026"})
    api.act(1, "finish", {"outcome": "documents_missing"})
    db = app.config["DATABASE"]
    out = tmp_path / "files.csv"
    r = CliRunner().invoke(
        main,
        [
            "report",
            "--db",
            db,
            "--from",
            "2026-11-26",
            "--files",
            "--by",
            "clerk",
            "--csv",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    head, line = r.output.splitlines()[:2]
    assert head.split()[:3] == ["file_type", "clerk", "opened"]
    assert line.split()[0] == "reconciliation" and line.split()[2] == "1"  # opened
    assert "docs_missing" in head and line.split()[-1] == "1.0"
    assert out.read_text(encoding="utf-8").startswith("file_type,clerk,opened")
    bad = CliRunner().invoke(
        main, ["report", "--db", db, "--from", "2026-11-26", "--files", "--by", "hour"]
    )
    assert bad.exit_code != 0 and "file_type" in bad.output
