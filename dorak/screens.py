"""Lobby screens that cannot play sound. A screen's browser may refuse to play audio until
someone touches it (a TV has no touch screen): the screen says so, supervisors are alerted with
its name, and the alert ends when the screen plays sound or goes away."""

from __future__ import annotations

import threading
from typing import Any

from .messages import message


class SilentScreens:
    def __init__(self) -> None:
        self._silent: dict[str, str] = {}  # socket id -> screen name
        self._lock = threading.Lock()

    def report(self, sid: str, screen: Any, ok: Any) -> dict[str, Any] | None:
        """A screen's news; the alert to raise when it just went silent."""
        name = "".join(ch for ch in str(screen or "")[:40] if ch.isprintable()) or "?"
        with self._lock:
            was = sid in self._silent
            if ok is True:
                self._silent.pop(sid, None)
                return None
            self._silent[sid] = name
        return None if was else alert(name)

    def gone(self, sid: str) -> None:
        with self._lock:
            self._silent.pop(sid, None)

    def alerts(self) -> list[dict[str, Any]]:
        with self._lock:
            names = sorted(set(self._silent.values()))
        return [alert(n) for n in names]


def alert(name: str) -> dict[str, Any]:
    return {
        "kind": "display_muted",
        "subject": name,
        "message": message("alert_display_muted", screen=name),
    }
