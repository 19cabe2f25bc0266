"""Reading a center's configuration from TOML, with errors that name the line and the problem."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .domain.hours import OpeningHours, government_week
from .domain.model import Center, PriorityCategory, Service, Window
from .domain.texts import TextKind, text_problem
from .file_types_config import parse_file_types
from .hours_config import parse_hours

SAMPLE_NAME = "sample_center.toml"
CODE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# No I, O or Q: on a ticket they pass for 1 and 0.
PREFIX_RE = re.compile(r"^[A-HJ-NPR-Z]{1,2}$")
# The longest names, as the admin API takes them: they must fit a ticket and a lobby screen.
LONGEST = {"[center]": 150, "[[services]]": 100, "[[priorities]]": 60, "[[windows]]": 50}


class ConfigError(Exception):
    """A problem in a configuration file; str() says where and what."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")
        self.line = line


def sample_text() -> str:
    return (Path(__file__).parent / SAMPLE_NAME).read_text(encoding="utf-8")


def load_center(path: str | Path | None = None) -> Center:
    """The center in `path`, or the built-in sample center when no path is given."""
    if path is None:
        return parse_center(sample_text(), SAMPLE_NAME)
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(str(p), f"cannot read the file ({e.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ConfigError(
            str(p), f"not UTF-8 text (byte 0x{raw[e.start]:02x}): save the file as UTF-8", line
        ) from None
    return parse_center(text, str(p))


def parse_center(text: str, source: str = "<config>", strict: bool = True) -> Center:
    """`strict`: names are checked as the admin API checks them (length, no control or
    invisible characters). The copy Dorak stored itself is read as it is (strict=False): a
    name accepted by an earlier version must not stop the center from starting."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise ConfigError(source, f"not valid TOML: {e}", int(m.group(1)) if m else None) from None
    return _Parser(text, source, strict).center(data)


class _Parser:
    def __init__(self, text: str, source: str, strict: bool = True) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.strict = strict

    def fail(self, message: str, *needles: str | tuple[str, int]) -> ConfigError:
        return ConfigError(self.source, message, self._line_of(needles))

    def _line_of(self, needles: tuple[str | tuple[str, int], ...]) -> int | None:
        """Best effort: the line of the last needle, searching after the earlier ones.
        A needle (text, n) stands for the n-th line holding text, e.g. the 3rd [[services]]."""
        start = 0
        found = None
        for needle in needles:
            text, nth = needle if isinstance(needle, tuple) else (needle, 1)
            for i in range(start, len(self.lines)):
                if text in self.lines[i]:
                    nth -= 1
                    if nth == 0:
                        found, start = i + 1, i
                        break
        return found

    @staticmethod
    def _anchor(where: str) -> str | tuple[str, int]:
        """'[[services]] #3' -> the third [[services]] header in the file."""
        head, _, n = where.partition(" #")
        return (head, int(n)) if n.isdigit() else head

    def _text(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}: '{key}' must be a non-empty text", self._anchor(where), key)
        return self._checked(value.strip(), key, where)

    def _checked(self, value: str, key: str, where: str) -> str:
        if not self.strict:
            return value
        longest = LONGEST.get(where.partition(" #")[0])
        if longest and len(value) > longest:
            raise self.fail(
                f"{where}: '{key}' is longer than {longest} characters", self._anchor(where), key
            )
        bad = text_problem(value, TextKind.NAME)
        if bad:
            raise self.fail(
                f"{where}: '{key}' holds a control or invisible character ({bad})",
                self._anchor(where),
                key,
            )
        return value

    def _number(self, table: dict[str, Any], key: str, where: str, default: float) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.fail(f"{where}: '{key}' must be a positive number", self._anchor(where), key)
        return float(value)

    def center(self, data: dict[str, Any]) -> Center:
        head = data.get("center")
        if not isinstance(head, dict):
            raise self.fail("missing [center] table with name_ar, name_en and timezone")
        tz = head.get("timezone", "Africa/Cairo")
        try:
            ZoneInfo(str(tz))
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(f"[center]: unknown time zone {tz!r}", "timezone") from None
        starts = str(head.get("day_starts_at", "00:00"))
        if not re.match(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", starts):
            raise self.fail(
                "[center]: 'day_starts_at' must be a time like \"04:00\"", "day_starts_at"
            )
        self.hours = self._hours(data.get("hours"), None, "[hours]")
        services = self.services(data.get("services"))
        windows = self.windows(data.get("windows"), services)
        priorities = self.priorities(data.get("priorities", []))
        return Center(
            name_ar=self._text(head, "name_ar", "[center]"),
            name_en=self._text(head, "name_en", "[center]"),
            timezone=str(tz),
            services=services,
            windows=windows,
            priorities=priorities,
            day_starts_at=starts,
            hours=self.hours,
            file_types=parse_file_types(data.get("file_types", []), services, self.fail),
        )

    def _hours(self, raw: Any, base: OpeningHours | None, where: str) -> OpeningHours:
        if raw is None:
            return government_week() if base is None else base
        return parse_hours(
            raw, base, lambda why: self.fail(f"{where}: {why}", where), service=base is not None
        )

    def services(self, raw: Any) -> tuple[Service, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("at least one [[services]] entry is needed")
        out: list[Service] = []
        codes: set[str] = set()
        prefixes: set[str] = set()
        for i, s in enumerate(raw, 1):
            where = f"[[services]] #{i}"
            code = self._text(s, "code", where)
            if not CODE_RE.match(code):
                raise self.fail(
                    f"{where}: code {code!r} must be lower-case letters, digits, _ or -",
                    f'"{code}"',
                )
            if code in codes:
                raise self.fail(f"{where}: service code {code!r} is used twice", f'"{code}"')
            codes.add(code)
            prefix = self._text(s, "prefix", where, required=False)
            if prefix:
                if not PREFIX_RE.match(prefix):
                    raise self.fail(
                        f"{where}: prefix {prefix!r} must be one or two capital letters A-Z "
                        "other than I, O and Q (they pass for 1 and 0)",
                        f'"{code}"',
                        "prefix",
                    )
                if prefix in prefixes:
                    raise self.fail(
                        f"{where}: prefix {prefix!r} is used by another service",
                        f'"{code}"',
                        "prefix",
                    )
                prefixes.add(prefix)
            out.append(
                Service(
                    code=code,
                    prefix=prefix,
                    name_ar=self._text(s, "name_ar", where),
                    name_en=self._text(s, "name_en", where),
                    target_wait_min=self._number(s, "target_wait_min", where, 20),
                    expected_service_min=self._number(s, "expected_service_min", where, 10),
                    parent=s.get("parent"),
                    hours=self._hours(s["hours"], self.hours, f'service "{code}" hours')
                    if "hours" in s
                    else None,
                )
            )
        parents = {s.parent for s in out if s.parent}
        for s in out:
            if s.parent and (s.parent not in codes or s.parent == s.code):
                raise self.fail(
                    f"service {s.code!r}: parent {s.parent!r} is not a service",
                    f'"{s.code}"',
                    "parent",
                )
            if s.parent and s.code in parents:
                raise self.fail(
                    f"service {s.code!r}: sub-services cannot have sub-services", f'"{s.code}"'
                )
            if s.code not in parents and not s.prefix:
                raise self.fail(
                    f"service {s.code!r}: needs a ticket 'prefix' letter", f'"{s.code}"'
                )
        return tuple(out)

    def windows(self, raw: Any, services: tuple[Service, ...]) -> tuple[Window, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("at least one [[windows]] entry is needed")
        queues = {s.code for s in services if s.prefix}
        out: list[Window] = []
        for i, w in enumerate(raw, 1):
            where = f"[[windows]] #{i}"
            number = w.get("number")
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 999:
                raise self.fail(
                    f"{where}: 'number' must be a whole number from 1 to 999",
                    "[[windows]]",
                    "number",
                )
            if any(o.number == number for o in out):
                raise self.fail(f"{where}: window {number} is listed twice", f"number = {number}")
            weights = w.get("services")
            if not isinstance(weights, dict) or not weights:
                raise self.fail(
                    f"window {number}: 'services' must map service codes to weights",
                    f"number = {number}",
                    "services",
                )
            for code, weight in weights.items():
                if code not in queues:
                    raise self.fail(
                        f"window {number}: unknown service {code!r}", f"number = {number}", code
                    )
                if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                    raise self.fail(
                        f"window {number}: weight of {code!r} must be a positive number",
                        f"number = {number}",
                        code,
                    )
            out.append(
                Window(
                    number=number,
                    label_ar=self._text(w, "label_ar", where, required=False) or f"شباك {number}",
                    label_en=self._text(w, "label_en", where, required=False) or f"Window {number}",
                    services={k: float(v) for k, v in weights.items()},
                )
            )
        return tuple(sorted(out, key=lambda w: w.number))

    def priorities(self, raw: Any) -> tuple[PriorityCategory, ...]:
        if not isinstance(raw, list):
            raise self.fail("'priorities' must be a list of [[priorities]] tables")
        out = []
        for i, p in enumerate(raw, 1):
            where = f"[[priorities]] #{i}"
            code = self._text(p, "code", where)
            if not CODE_RE.match(code):
                raise self.fail(f"{where}: code {code!r} must be lower-case letters", f'"{code}"')
            out.append(
                PriorityCategory(
                    code, self._text(p, "name_ar", where), self._text(p, "name_en", where)
                )
            )
        return tuple(out)
