"""Sync to the governorate hub: the center pushes its event log, in batches after the hub's
acknowledged high-water mark, gzip-compressed, and a heartbeat with the live floor every 15 s.

Offline first: it runs on its own scheduler thread (dorak/scheduler.py), reads the log through
its own SQLite connection (WAL: a reader never holds up a writer), holds at most one batch in
memory, and nothing a request does ever waits on it. A failed push backs off (1 s doubling to
60 s, with jitter); the next round asks the hub where it stands, so a restart of either side
resumes where the hub's commit left off. Delivery is at least once; the hub stores an event
once by (center, id).

What never leaves the center: the citizens' tracking ids (and kiosks' request keys), device
tokens, password hashes (neither is in the log; any such key is dropped anyway), and the
clerks' notes unless the center allows it (DORAK_HUB_SHARE_NOTES)."""

from __future__ import annotations

import gzip
import json
import logging
import random
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .domain.ticket import Entry
from .store import Store

log = logging.getLogger(__name__)

NEVER_SENT = frozenset(
    {"tracking_id", "request_key", "token", "token_hash", "password", "password_hash", "secret"}
)
NOTES = frozenset({"note"})
MAX_BACKOFF_S = 60.0


class HubRefused(Exception):
    """The hub answered with an error (a wrong token, a batch it would not take)."""


def _clean(details: Mapping[str, Any], share_notes: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in details.items():
        if k in NEVER_SENT or (k in NOTES and not share_notes):
            continue
        out[k] = _clean(v, share_notes) if isinstance(v, Mapping) else v
    return out


def wire(e: Entry, share_notes: bool = False) -> list[Any]:
    """An event as sent: [id, kind, at, ticket_id, number, service, day, window, clerk, details]."""
    details = _clean(e.details, share_notes)
    return [
        e.id,
        e.kind,
        e.at,
        e.ticket_id,
        e.number,
        e.service,
        e.day,
        e.window,
        e.clerk,
        details or None,
    ]


@dataclass
class Pushed:
    sent: int  # events in the batch
    stored: int  # new to the hub
    high_water: int
    first: int | None
    last: int | None


class HubSync:
    def __init__(
        self,
        store: Store,
        url: str,
        token: str,
        config: Callable[[], tuple[str, int]],
        live: Callable[[], dict[str, Any]],
        share_notes: bool = False,
        batch: int = 2000,
        timeout: float = 10.0,
        max_backoff_s: float = MAX_BACKOFF_S,
    ) -> None:
        self.store = store
        self.url = url.rstrip("/")
        self.token = token
        self.config = config  # (TOML, version)
        self.live = live
        self.share_notes = share_notes
        self.batch = batch
        self.timeout = timeout
        self.max_backoff_s = max_backoff_s
        self.high_water: int | None = None  # None: ask the hub
        self.config_sent: int | None = None
        self.failures = 0
        self.more = False  # the last round left events behind
        self.last_error: str | None = None

    # -- HTTP ----------------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if body is not None:
            raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            data = gzip.compress(raw, compresslevel=5)
            headers |= {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        req = urllib.request.Request(self.url + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as e:
            detail = e.read()[:300].decode(errors="replace")
            raise HubRefused(f"{e.code}: {detail}") from None

    # -- pushing -------------------------------------------------------------------------------
    def push_batch(self) -> Pushed | None:
        """One batch after the hub's mark (and the configuration if the hub lacks this
        version); None when there was nothing to send."""
        if self.high_water is None:
            state = self._call("GET", "/hub/api/v1/sync/state")
            self.high_water = int(state["high_water"])
        entries = self.store.log.since(self.high_water, self.batch)
        self.store.release()
        toml, version = self.config()
        config = toml if version != self.config_sent else None
        if not entries and config is None:
            self.more = False
            return None
        events = [wire(e, self.share_notes) for e in entries]
        body = {"events": events, "config": config, "config_version": version}
        answer = self._call("POST", "/hub/api/v1/sync/events", body)
        self.high_water = int(answer["high_water"])
        self.config_sent = version
        self.more = len(entries) == self.batch
        return Pushed(
            len(events),
            int(answer["stored"]),
            self.high_water,
            entries[0].id if entries else None,
            entries[-1].id if entries else None,
        )

    def push_pending(self, report: Callable[[Pushed], None] | None = None) -> int:
        """Push batch after batch until nothing is pending; events sent."""
        sent = 0
        while (pushed := self.push_batch()) is not None:
            sent += pushed.sent
            if report is not None:
                report(pushed)
            if not self.more:
                break
        return sent

    def round(self) -> None:
        """A scheduled round: errors are counted for the backoff, never raised."""
        try:
            self.push_batch()
            self.failures, self.last_error = 0, None
        except (OSError, HubRefused, ValueError, KeyError) as e:
            self.failures += 1
            self.high_water = None  # ask again: the hub may have stored what it did not ack
            self.last_error = str(e)
            log.warning("hub sync failed (%d in a row): %s", self.failures, e)

    def next_after(self, now: datetime) -> datetime:
        if self.failures:
            delay = min(self.max_backoff_s, 2.0 ** (self.failures - 1)) * random.uniform(0.8, 1.2)
        else:
            delay = 0.05 if self.more else 1.0
        return now + timedelta(seconds=delay)

    def heartbeat(self) -> None:
        try:
            self._call("POST", "/hub/api/v1/sync/heartbeat", {"live": self.live()})
        except (OSError, HubRefused, ValueError) as e:
            log.info("hub heartbeat failed: %s", e)
