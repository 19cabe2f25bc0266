"""The center's configuration lives in the database once the center is set up, so the admin page
can change it while the server runs. A TOML file is how a center starts (imported when the
database has none) and how a configuration is exported and imported whole.

Changes that would break the running day are refused with a reason: retiring a service that
still has tickets waiting or at a window, or changing the ticket letter of a service that has
issued tickets today (the numbers on the screens would stop matching the paper)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import datetime

from .config import ConfigError, parse_center
from .domain.model import Center
from .domain.roles import Principal
from .domain.ticket import Entry
from .file_types_config import file_types_toml
from .hours_config import hours_toml
from .store import Store

KEY_TOML = "center_toml"
KEY_VERSION = "center_version"


class ChangeRefused(ValueError):
    """The new configuration is valid but would break the running day; str() says why."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is JSON-compatible


def to_toml(center: Center) -> str:
    lines = [
        "[center]",
        f"name_ar = {_q(center.name_ar)}",
        f"name_en = {_q(center.name_en)}",
        f"timezone = {_q(center.timezone)}",
        f"day_starts_at = {_q(center.day_starts_at)}",
        "",
        *hours_toml(center.hours),
    ]
    for s in center.services:
        lines += ["[[services]]", f"code = {_q(s.code)}"]
        if s.parent:
            lines.append(f"parent = {_q(s.parent)}")
        if s.prefix:
            lines.append(f"prefix = {_q(s.prefix)}")
        lines += [f"name_ar = {_q(s.name_ar)}", f"name_en = {_q(s.name_en)}"]
        if s.prefix:
            lines += [
                f"target_wait_min = {s.target_wait_min:g}",
                f"expected_service_min = {s.expected_service_min:g}",
            ]
        if s.hours is not None:
            lines += hours_toml(s.hours, service=True)
        lines.append("")
    for w in center.windows:
        weights = ", ".join(f"{k} = {v:g}" for k, v in w.services.items())
        lines += [
            "[[windows]]",
            f"number = {w.number}",
            f"label_ar = {_q(w.label_ar)}",
            f"label_en = {_q(w.label_en)}",
            f"services = {{ {weights} }}",
            "",
        ]
    for p in center.priorities:
        lines += [
            "[[priorities]]",
            f"code = {_q(p.code)}",
            f"name_ar = {_q(p.name_ar)}",
            f"name_en = {_q(p.name_en)}",
            "",
        ]
    lines += file_types_toml(center.file_types)
    return "\n".join(lines)


class CenterConfig:
    """The current center, re-read when another request or process changed it. Every change
    is checked against the running day and saved with its one audit row and a
    `config_changed` entry of the event log, in one transaction."""

    def __init__(
        self,
        store: Store,
        fallback: Center,
        clock: Callable[[], datetime],
        seed: bool = True,
    ) -> None:
        """`seed`: a database with no configuration yet starts from `fallback` (the file or
        the sample); without it (a command that only reads), `fallback` is used as it is."""
        self.store = store
        self.clock = clock
        self._lock = threading.Lock()
        if seed and store.settings.get(KEY_TOML) is None:  # a new center: from file or sample
            at = clock().timestamp()
            with store.write():
                store.settings.put(KEY_TOML, to_toml(fallback), at)
                store.settings.put(KEY_VERSION, 1, at)
        self._version = -1
        self._checked = -1.0
        self._center = fallback
        self.current()

    def current(self) -> Center:
        # Asked for many times per request: look at the version at most twice a second (a
        # change made by another server process shows within that; every floor read, which
        # carries the version, also tells at no cost: `seen`).
        now = time.monotonic()
        if now - self._checked < 0.5:
            return self._center
        self._checked = now
        self.seen(self.store.settings.get(KEY_VERSION, 0))
        return self._center

    def seen(self, version: int) -> None:
        """The version stored now is `version`: re-read the configuration if it moved on."""
        self._checked = time.monotonic()
        if version != self._version:
            with self._lock:
                stored = self.store.settings.get(KEY_TOML)
                if stored is not None:  # else not seeded: the fallback stands
                    self._center = parse_center(stored, "database", strict=False)
                self._version = version

    def export(self) -> str:
        return str(self.store.settings.get(KEY_TOML))

    def check(self, new: Center) -> None:
        """Refuse changes that would break the running day (inside the write)."""
        old = self.current()
        day = old.day_of(self.clock())
        busy = self.store.figures.unfinished_per_service()
        issued_today = self.store.figures.services_of_day(day)
        for s in old.services:
            kept = new.service(s.code)
            if (kept is None or new.is_group(s.code)) and busy.get(s.code):
                raise ChangeRefused("service_in_use", service=s.code, count=busy[s.code])
            if kept is not None and kept.prefix != s.prefix and s.code in issued_today:
                raise ChangeRefused("prefix_in_use", service=s.code)
        for window, number in self.store.figures.numbers_at_windows():
            if new.window(window) is None:  # its ticket would be stranded, called by nobody
                raise ChangeRefused("window_in_use", window=window, number=number)
        day_changes = (new.timezone, new.day_starts_at) != (old.timezone, old.day_starts_at)
        if day_changes and issued_today:
            raise ChangeRefused("day_in_use")  # today's numbers would restart or jump
        for s in new.services:
            if s.prefix and old.service(s.code) is None and s.code in busy:
                raise ChangeRefused("service_in_use", service=s.code, count=busy[s.code])

    def replace(
        self,
        new: Center,
        by: Principal,
        action: str = "config_change",
        **details: object,
    ) -> Center:
        """Validate (round trip through TOML), check the running day, save, bump the version;
        audited once as `action` (with the new version), in the same transaction."""
        text = to_toml(new)
        try:
            parsed = parse_center(text, "configuration")
        except ConfigError as e:
            raise ChangeRefused("invalid_config", detail=str(e)) from None
        at = self.clock().timestamp()
        with self.store.write():
            self.check(parsed)
            version = (self.store.settings.get(KEY_VERSION, 0) or 0) + 1
            self.store.settings.put(KEY_TOML, text, at)
            self.store.settings.put(KEY_VERSION, version, at)
            # The whole configuration: the log alone says which targets applied when.
            said = {"version": version, "toml": text}
            self.store.log.append(Entry("config_changed", at, clerk=by.name, details=said))
            if by.audited:
                self.store.audit.add(at, by.name, by.role, action, {**details, "version": version})
        self._checked = -1.0  # this process sees its own change at once
        return self.current()

    def import_toml(self, text: str, by: Principal) -> Center:
        try:
            center = parse_center(text, "imported file")
        except ConfigError as e:
            raise ChangeRefused("invalid_config", detail=str(e)) from None
        return self.replace(center, by, "config_import")
