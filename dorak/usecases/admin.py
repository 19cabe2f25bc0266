"""What an admin changes while the center runs: the configuration (services, windows, the
center), the printer and lobby settings, the ticket's logo. Each change is checked first,
then saved with its one audit row in one transaction; the events say what to tell screens and
kiosks and what to reconfigure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..center_config import CenterConfig
from ..domain.events import CenterChanged, Event, SettingsChanged
from ..domain.model import Center
from ..domain.roles import Principal
from ..store import Store

RUNTIME = "runtime"  # the settings an admin changed, over the start-up ones
LOGO = "logo_png"


class Administration:
    def __init__(
        self,
        store: Store,
        config: CenterConfig,
        clock: Callable[[], datetime],
        defaults: dict[str, Any],
        check_printer: Callable[[str, int], None] = lambda address, width: None,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.defaults = defaults  # the start-up values (DORAK_PRINTER, ...)
        self.check_printer = check_printer  # raises PrinterFault for an address refused

    def settings(self) -> dict[str, Any]:
        """The settings an admin may change while serving: stored ones over the start-up ones."""
        return {**self.defaults, **(self.store.settings.get(RUNTIME, {}) or {})}

    def stored_settings(self) -> bool:
        return bool(self.store.settings.get(RUNTIME))

    def change_settings(
        self, data: dict[str, Any], by: Principal
    ) -> tuple[dict[str, Any], list[Event]]:
        settings = {**self.settings(), **data}
        self.check_printer(settings["printer"], int(settings["printer_width"]))
        at = self.clock().timestamp()
        with self.store.write():
            stored = {**(self.store.settings.get(RUNTIME, {}) or {}), **data}
            self.store.settings.put(RUNTIME, stored, at)
            self.store.audit.add(at, by.name, by.role, "settings", dict(data))
        return settings, [SettingsChanged(settings)]

    def set_logo(self, png_base64: str | None, by: Principal) -> None:
        at = self.clock().timestamp()
        with self.store.write():
            self.store.settings.put(LOGO, png_base64, at)
            action = "logo_set" if png_base64 else "logo_removed"
            self.store.audit.add(at, by.name, by.role, action, {})

    def change_center(
        self, new: Center, by: Principal, action: str, **details: object
    ) -> tuple[Center, list[Event]]:
        """Refused (ChangeRefused) when it would break the running day; nothing is saved."""
        center = self.config.replace(new, by, action, **details)
        return center, [CenterChanged(center)]

    def import_config(self, text: str, by: Principal) -> tuple[Center, list[Event]]:
        center = self.config.import_toml(text, by)
        return center, [CenterChanged(center)]
