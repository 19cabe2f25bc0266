"""The center's side of the hub, wired at start-up when DORAK_HUB_URL and DORAK_HUB_TOKEN are
set: a scheduler of its own (a hub that is slow to answer delays no alert or backup) runs the
push every second, sooner after a change (the bus asks for it), and the heartbeat every 15 s."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from flask import Flask

from .center_config import KEY_VERSION
from .scheduler import Job, Scheduler
from .sync import HubSync

if TYPE_CHECKING:
    from .bootstrap import Dorak

PUSH_GAP_S = 0.2  # pushes brought forward by changes come at most this often


def live_state(d: Dorak) -> dict[str, Any]:
    """What the hub shows of the floor now: the lines, the staffed windows, the calls."""
    floor, center = d.ops.floor(), d.ops.center
    calls = d.store.tickets.at_windows()
    return {
        "at": d.ops.now(),
        "waiting": floor.waiting_counts(),
        "staffed": sorted(floor.staffed_windows(center)),
        "windows": len(center.windows),
        "services": {
            s.code: {
                "ar": s.name_ar,
                "en": s.name_en,
                "next_wait_s": floor.next_wait(center, s.code),
            }
            for s in center.services
            if s.prefix
        },
        "calls": [
            {"window": w, "number": t.number, "service": t.service, "status": str(t.status)}
            for w, t in sorted(calls.items())
        ],
        "alerts": [{"kind": a.get("kind"), "message": a.get("message")} for a in d.alerts_now()],
    }


def hub_sync(app: Flask, d: Dorak) -> HubSync:
    cfg = app.config

    def config() -> tuple[str, int]:
        return d.config.export(), int(d.store.settings.get(KEY_VERSION, 0))

    def live() -> dict[str, Any]:
        with app.app_context():
            return live_state(d)

    return HubSync(
        d.store,
        str(cfg["HUB_URL"]),
        str(cfg["HUB_TOKEN"]),
        config,
        live,
        share_notes=bool(cfg["HUB_SHARE_NOTES"]),
        batch=int(cfg["HUB_BATCH"]),
        max_backoff_s=float(cfg["HUB_MAX_BACKOFF_S"]),
    )


def attach(app: Flask, d: Dorak) -> None:
    cfg = app.config
    if not (cfg.get("HUB_URL") and cfg.get("HUB_TOKEN")):
        return
    sync = hub_sync(app, d)
    s = Scheduler(d.ops.clock, idle_s=1.0)
    s.add(Job("hub-sync", sync.round, sync.next_after, d.ops.clock(), PUSH_GAP_S))
    s.every("hub-heartbeat", float(cfg["HUB_HEARTBEAT_S"]), sync.heartbeat)

    def changed(events: Sequence[Any]) -> None:
        s.soon("hub-sync")

    d.bus.on_batch(changed)
    d.hub_sync, d.hub_scheduler = sync, s
    if not app.testing:
        s.start()
        s.soon("hub-heartbeat")
