"""Staffed windows: a window counts (for calls, estimates and the kiosk) only while a clerk is
signed in at it and it is not paused.

A clerk is signed in by the counter page or a clerk token keeping a heartbeat; the sign-in ends
when the clerk signs out or the heartbeat has been silent for the timeout. A "fixed" sign-in (a
supervisor's, the demo's, the simulator's) needs no heartbeat and lasts until signed out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FIXED = "fixed"  # a sign-in that needs no heartbeat
DEFAULT_TIMEOUT_S = 120.0


class WindowState(StrEnum):
    OPEN = "open"  # a clerk is signed in and the window is not paused
    PAUSED = "paused"  # a clerk is signed in but paused the window
    UNSTAFFED = "unstaffed"  # nobody is signed in


@dataclass(frozen=True)
class Presence:
    clerk: str
    via: str  # "page" | "token" | "fixed"
    since: float
    seen_at: float


def is_present(presence: Presence | None, now: float, timeout_s: float) -> bool:
    if presence is None:
        return False
    return presence.via == FIXED or now - presence.seen_at <= timeout_s


def window_state(
    presence: Presence | None, paused: bool, now: float, timeout_s: float
) -> WindowState:
    if not is_present(presence, now, timeout_s):
        return WindowState.UNSTAFFED
    return WindowState.PAUSED if paused else WindowState.OPEN
