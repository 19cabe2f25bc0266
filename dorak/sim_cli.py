"""`dorak simulate`: the command line's edge of the simulator (dorak/simulate.py), its figures
(dorak/sim_figures.py) as a table or one JSON object."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from .bus import MessageBus
from .center_config import CenterConfig
from .config import ConfigError, load_center
from .reports import report
from .sim_figures import figures
from .sim_profile import ProfileError, load_profile
from .simulate import simulate
from .store import Store
from .usecases import system_clock

PROFILES = Path(__file__).resolve().parents[1] / "profiles"


def run_simulation(
    path: Path, config: str | None, profile_path: str | None, days: int, seed: int, first: str
) -> tuple[dict[str, Any], Store, Any, date, str]:
    try:
        start = date.fromisoformat(first)
        profile = load_profile(profile_path or PROFILES / "sample.toml", load_center(config))
    except (ProfileError, ConfigError, ValueError) as e:
        raise click.ClickException(str(e)) from None
    store = Store(path)
    store.migrate()
    # The database holds the simulated center, as a server's would: its reports read it.
    CenterConfig(store, profile.center, system_clock, seed=True)
    bus = MessageBus()
    out = simulate(store, profile, days, seed, start, bus.handle)
    return figures(out, profile, seed), store, profile.center, start, out.days[-1]


def echo_json(found: dict[str, Any]) -> None:
    click.echo(json.dumps(found, ensure_ascii=False))


def echo_text(f: dict[str, Any], store: Store, center: Any, start: date, last: str) -> None:
    click.echo(f"simulated {f['days']} day(s), {f['issued']} tickets -> {store.path}")
    rows = report(store, center, start, date.fromisoformat(last), "service")
    click.echo(
        f"{'service':<16}{'issued':>8}{'served':>8}{'wait p50':>10}{'wait p90':>10}"
        f"{'in target':>10}"
    )
    for r in rows:
        click.echo(
            f"{r['service']:<16}{r['issued']:>8}{r['served']:>8}"
            f"{(r['wait_median_s'] or 0) / 60:>9.1f}m{(r['wait_p90_s'] or 0) / 60:>9.1f}m"
            f"{(r['within_target'] or 0) * 100:>9.0f}%"
        )
    if not f["tickets"]:
        return
    ci = f["mean_wait_ci95_s"]
    click.echo(
        f"judged {f['tickets']} tickets (after a {f['warmup_hours']} h warm-up each day): wait "
        f"mean {f['mean_wait_s']} s"
        + (f" (95 % CI {ci[0]}-{ci[1]})" if ci else "")
        + f", median {f['p50_wait_s']} s, p90 {f['p90_wait_s']} s, "
        f"{f['share_waited'] * 100:.1f} % waited"
    )
    theory = f.get("erlang_c")
    if theory:
        click.echo(
            f"Erlang C, M/M/{theory['windows']} at {theory['load_erlangs']} erlangs: "
            f"mean {theory['mean_wait_s']} s, {theory['share_waited'] * 100:.1f} % wait"
        )
    click.echo("estimated wait vs the real wait (seconds):")
    click.echo(f"{'estimator':<16}{'MAE':>8}{'bias':>8}")
    for name, e in f["estimators"].items():
        click.echo(f"{name:<16}{e['mae_s']:>8.1f}{e['bias_s']:>+8.1f}")
    cover = f["interval_coverage"]
    if cover is not None:
        click.echo(
            f"the 80 % range held the real wait for {cover * 100:.1f} % of the tickets told a "
            f"range ({f['interval_coverage_all'] * 100:.1f} % of all, with those told 'now')"
        )
