"""A simulation profile: who comes when, how long they take, what the clerks do (README,
"Simulation and the wait estimate", documents every key). Read from TOML into frozen
dataclasses; every mistake is a `ProfileError` naming the key.

A profile may describe its own center (`[center]`, `[[services]]`, `[[windows]]` as in a center
file, or `center = "file.toml"` beside the profile); otherwise it runs on the center it is given."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import ConfigError, load_center, parse_center
from .domain.hours import ALWAYS_OPEN, DayHours, OpeningHours, minutes
from .domain.model import Center
from .sim_draws import Draw, DrawError, Fixed, parse_draw
from .store import Store
from .store.durations import Durations

TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
CENTER_KEYS = {"center", "services", "windows", "priorities", "hours"}
TOP_KEYS = {
    "description",
    "day",
    "arrivals",
    "service_time",
    "walk",
    "citizens",
    "breaks",
    "clerk_speed",
} | CENTER_KEYS
DAY_KEYS = {"opens", "last_ticket", "always_open", "warmup_hours", "hourly"}
CITIZEN_KEYS = {"no_show", "no_show_after_s", "priority_share", "completed"}
BREAK_KEYS = {"windows", "at", "minutes", "reason", "leave"}


class ProfileError(ValueError):
    pass


@dataclass(frozen=True)
class Break:
    """Clerks at `windows` stop at `at` (local "HH:MM") for `minutes`: each finishes the
    citizen at the window first. A pause keeps the clerk signed in (the window still counts as
    staffed, tickets keep being issued); `leave` signs the clerk out until the break ends."""

    windows: tuple[int, ...]
    at: str
    minutes: float
    reason: str = "break"
    leave: bool = False


@dataclass(frozen=True)
class Profile:
    center: Center  # with the hours the profile sets
    opens: str = "08:00"  # clerks sign in; the first citizens come
    last_ticket: str = "15:00"  # the last citizen comes; the windows then empty the lobby
    always_open: bool = False  # the center's hours: issuing around the clock
    warmup_hours: float = 0.0  # tickets issued this long after opening are not judged
    hourly: tuple[float, ...] = ()  # relative arrival rate per hour since opening
    arrivals: Mapping[str, float] = field(default_factory=dict)  # per hour, per service
    service_time: Mapping[str, Draw] = field(default_factory=dict)  # per service
    walk: Draw = field(default_factory=lambda: Fixed(0.0))  # call -> start; the window waits
    no_show: float = 0.0  # share of called citizens who never come
    no_show_after_s: float = 90.0  # how long the window waits for them
    priority_share: float = 0.0
    completed: float = 0.85  # share of finished visits with the outcome "completed"
    breaks: tuple[Break, ...] = ()
    clerk_speed: Mapping[int, float] = field(default_factory=dict)  # service-time factor

    @property
    def day_seconds(self) -> tuple[float, float]:
        """Opening and last arrival, in seconds after local midnight."""
        return minutes(self.opens) * 60.0, minutes(self.last_ticket) * 60.0


def _fail(path: str, message: str) -> ProfileError:
    return ProfileError(f"{path}: {message}")


def _table(data: Mapping[str, Any], key: str, path: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _fail(path, f"[{key}] must be a table")
    return value


def _unknown(table: Mapping[str, Any], known: set[str], where: str, path: str) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise _fail(path, f"{where}: unknown key(s) {', '.join(extra)}")


def _share(table: Mapping[str, Any], key: str, default: float, where: str, path: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise _fail(path, f"{where}: '{key}' must be a share between 0 and 1")
    return float(value)


def _positive(value: Any, what: str, path: str, zero: bool = False) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or value < 0 or (value == 0 and not zero):
        raise _fail(path, f"{what} must be a number {'>=' if zero else '>'} 0 (got {value!r})")
    return float(value)


def _time(value: Any, what: str, path: str) -> str:
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise _fail(path, f'{what} must be a time like "08:00"')
    return value


def _center(data: dict[str, Any], text: str, path: Path, given: Center) -> Center:
    try:
        if isinstance(data.get("center"), dict):
            return parse_center(text, str(path))
        if isinstance(data.get("center"), str):
            return load_center(path.parent / data["center"])
    except ConfigError as e:
        raise ProfileError(str(e)) from None
    if any(k in data for k in CENTER_KEYS):
        raise _fail(str(path), "a profile's own center needs a [center] table")
    return given


def _service_times(
    data: dict[str, Any], center: Center, codes: list[str], path: Path
) -> dict[str, Draw]:
    raw = _table(data, "service_time", str(path))
    default = raw.get("default", {"dist": "lognormal", "cv": 0.6})
    unknown = [k for k in raw if k != "default" and k not in codes]
    if unknown:
        raise _fail(str(path), f"[service_time]: not a service with arrivals: {unknown}")
    out: dict[str, Draw] = {}
    for code in codes:
        table = raw.get(code, default)
        if not isinstance(table, dict):
            raise _fail(str(path), f"[service_time] {code} must be a table")
        service = center.service(code)
        assert service is not None
        seen = None
        if table.get("dist") == "empirical":
            seen = _finished_times(table, code, path)
        try:
            out[code] = parse_draw(
                table, f"[service_time] {code}", service.expected_service_min * 60, seen
            )
        except DrawError as e:
            raise _fail(str(path), str(e)) from None
    return out


def _finished_times(table: Mapping[str, Any], code: str, path: Path) -> list[float]:
    """Service times of the finished tickets in the database `db` (of `service`, by default the
    same code)."""
    db = table.get("db")
    if not isinstance(db, str):
        raise _fail(str(path), f'[service_time] {code}: empirical needs db = "file.db"')
    file = path.parent / db
    if not file.is_file():  # sqlite would create it
        raise _fail(str(path), f"[service_time] {code}: no database {file}")
    store = Store(file)
    try:
        source = str(table.get("service", code))
        return Durations(store).service_times(source)
    finally:
        store.close()


def _breaks(data: dict[str, Any], center: Center, path: str) -> tuple[Break, ...]:
    raw = data.get("breaks", [])
    if not isinstance(raw, list):
        raise _fail(path, "[[breaks]] must be a list of tables")
    out = []
    for i, b in enumerate(raw, 1):
        where = f"break {i}"
        if not isinstance(b, dict):
            raise _fail(path, f"{where} must be a table")
        _unknown(b, BREAK_KEYS, where, path)
        windows = b.get("windows")
        if not isinstance(windows, list) or not windows:
            raise _fail(path, f"{where}: 'windows' must list window numbers")
        if any(not isinstance(w, int) or center.window(w) is None for w in windows):
            raise _fail(path, f"{where}: not windows of the center: {windows}")
        out.append(
            Break(
                tuple(windows),
                _time(b.get("at"), f"{where}: 'at'", path),
                _positive(b.get("minutes"), f"{where}: 'minutes'", path),
                str(b.get("reason", "break")),
                bool(b.get("leave", False)),
            )
        )
    return tuple(out)


def _clerk_speed(data: dict[str, Any], center: Center, path: str) -> dict[int, float]:
    out = {}
    for key, factor in _table(data, "clerk_speed", path).items():
        if not key.isdigit() or center.window(int(key)) is None:
            raise _fail(path, f"[clerk_speed]: {key!r} is not a window of the center")
        out[int(key)] = _positive(factor, f"[clerk_speed] {key}", path)
    return out


def load_profile(path: str | Path, center: Center) -> Profile:
    """The profile in `path`, run on its own center if it has one, else on `center`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise _fail(str(path), str(e)) from None
    p = str(path)
    _unknown(data, TOP_KEYS, "top level", p)
    center = _center(data, text, path, center)

    day = _table(data, "day", p)
    _unknown(day, DAY_KEYS, "[day]", p)
    opens = _time(day.get("opens", "08:00"), "[day] opens", p)
    last = _time(day.get("last_ticket", "15:00"), "[day] last_ticket", p)
    if minutes(last) <= minutes(opens):
        raise _fail(p, "[day]: last_ticket must come after opens (a day ends before midnight)")
    hourly = day.get("hourly", [])
    if not isinstance(hourly, list):
        raise _fail(p, "[day] hourly must be a list of numbers")
    shape = tuple(_positive(x, "[day] hourly", p, zero=True) for x in hourly)

    arrivals = {
        k: _positive(v, f"[arrivals] {k}", p, zero=True)
        for k, v in _table(data, "arrivals", p).items()
    }
    bad = [k for k in arrivals if center.service(k) is None or center.is_group(k)]
    if bad or not arrivals:
        raise _fail(p, f"[arrivals] needs ticket services of the center; unknown {bad}")

    citizens = _table(data, "citizens", p)
    _unknown(citizens, CITIZEN_KEYS, "[citizens]", p)
    walk_table = _table(data, "walk", p)
    try:
        walk = parse_draw(walk_table, "[walk]") if walk_table else Fixed(0.0)
    except DrawError as e:
        raise _fail(p, str(e)) from None

    always = day.get("always_open", False)
    if not isinstance(always, bool):
        raise _fail(p, "[day] always_open must be true or false")
    return Profile(
        center=_simulated_center(center, opens, last, always),
        opens=opens,
        last_ticket=last,
        always_open=always,
        warmup_hours=_positive(day.get("warmup_hours", 0), "[day] warmup_hours", p, zero=True),
        hourly=shape,
        arrivals=arrivals,
        service_time=_service_times(data, center, list(arrivals), path),
        walk=walk,
        no_show=_share(citizens, "no_show", 0.0, "[citizens]", p),
        no_show_after_s=_positive(
            citizens.get("no_show_after_s", 90), "[citizens] no_show_after_s", p, zero=True
        ),
        priority_share=_share(citizens, "priority_share", 0.0, "[citizens]", p),
        completed=_share(citizens, "completed", 0.85, "[citizens]", p),
        breaks=_breaks(data, center, p),
        clerk_speed=_clerk_speed(data, center, p),
    )


def _simulated_center(center: Center, opens: str, last: str, always: bool) -> Center:
    """The center with the profile's hours on every day of the week (a simulated day is a
    working day whatever its weekday), and no service hours of its own: the profile says when
    each service's citizens come."""
    if always:
        hours = ALWAYS_OPEN
    else:
        day = DayHours(opens, "23:59", last)
        hours = OpeningHours({i: day for i in range(7)})
    services = tuple(replace(s, hours=None) for s in center.services)
    return replace(center, hours=hours, services=services)
