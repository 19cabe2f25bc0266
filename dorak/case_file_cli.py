"""`dorak report --files | --remarks | --integrity`: issue 16's figures as a table (and CSV)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .case_file_figures import GROUPINGS, file_figures
from .integrity_figures import GROUPINGS as INTEGRITY_BY
from .integrity_figures import integrity_figures
from .remark_figures import GROUPINGS as REMARKS_BY
from .remark_figures import remark_figures
from .reports import as_csv
from .store import Store

COLUMNS = (
    "opened",
    "completed",
    "rejected",
    "still_open",
    "completion_rate",
    "days_to_completion_median",
    "days_to_completion_p90",
    "visits_per_completed_file",
    "documents_missing_share",
)
SHORT = {
    "days_to_completion_median": "days_median",
    "days_to_completion_p90": "days_p90",
    "visits_per_completed_file": "visits/done",
    "documents_missing_share": "docs_missing",
}


def print_file_report(store: Store, first: date, last: date, by: str, csv_file: str | None) -> None:
    if by not in GROUPINGS:
        raise click.ClickException(f"with --files, --by is one of {', '.join(GROUPINGS)}")
    rows = file_figures(store, first, last, by)
    keys = ["file_type"] + ([by] if by != "file_type" else [])
    heads = [*keys, *(SHORT.get(c, c) for c in COLUMNS)]
    click.echo("  ".join(f"{h:>12}" if i >= len(keys) else f"{h:<16}" for i, h in enumerate(heads)))
    for r in rows:
        cells = ["-" if r[c] is None else str(r[c]) for c in (*keys, *COLUMNS)]
        click.echo(
            "  ".join(f"{v:>12}" if i >= len(keys) else f"{v:<16}" for i, v in enumerate(cells))
        )
    if csv_file:
        Path(csv_file).write_text(as_csv(rows), encoding="utf-8")
        click.echo(f"written: {csv_file}")


def _table(rows: list[dict[str, object]], csv_file: str | None) -> None:
    if rows:
        heads = list(rows[0])
        click.echo("  ".join(f"{h:>12}" if i else f"{h:<16}" for i, h in enumerate(heads)))
        for r in rows:
            cells = ["-" if r[h] is None else str(r[h]) for h in heads]
            click.echo("  ".join(f"{v:>12}" if i else f"{v:<16}" for i, v in enumerate(cells)))
    if csv_file:
        Path(csv_file).write_text(as_csv(rows), encoding="utf-8")
        click.echo(f"written: {csv_file}")


def print_other_report(
    store: Store, what: str, first: date, last: date, by: str, csv_file: str | None
) -> None:
    """`--remarks` (by category, service, window, source) or `--integrity` (by clerk, window:
    the command's default `--by service` means by clerk there)."""
    if what == "remarks":
        if by not in REMARKS_BY:
            raise click.ClickException(f"with --remarks, --by is one of {', '.join(REMARKS_BY)}")
        return _table(remark_figures(store, first, last, by), csv_file)
    by = "clerk" if by == "service" else by
    if by not in INTEGRITY_BY:
        raise click.ClickException(f"with --integrity, --by is one of {', '.join(INTEGRITY_BY)}")
    return _table(integrity_figures(store, first, last, by), csv_file)
