"""Does the lobby's speech keep up? Ten windows each call once a minute (Poisson) for a day;
the lobby speaks the calls as display.js does: a chime when the lobby was quiet (calls coming
during it join the first announcement), then every waiting call in one announcement, language by
language; calls coming while one is said make the next announcement, without a chime.

The audio is the real thing: every call's segment is made by espeak-ng through dorak.speech, and
an announcement lasts what its WAV lasts (checked against whole WAVs). Prints, per language
setting, how long after a call appears on the screen (a) its announcement starts and (b) its own
number starts being said: median, 95th and 99th percentiles, the worst, and the share over 5 s.

    .venv/bin/python benchmarks/speech.py [--hours 8] [--seed 1] [--fetch-ms 50]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dorak.config import load_center
from dorak.speech import GAP_S, Announcer, chime, seconds

MAX_MERGED = 12  # calls in one announcement, as display.js asks
STALE_S = 20.0  # a second language is not said for a call shown longer ago (as display.js)

CHIME_S = seconds(chime())


def wav_seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as w:
        return w.getnframes() / w.getframerate()


def arrivals(hours: float, seed: int) -> list[tuple[float, str, int]]:
    """(time, number, window): each window a Poisson process of one call a minute, its numbers
    those of the services it serves, counting up through the day."""
    center = load_center()
    rng = random.Random(seed)
    counters: dict[str, int] = {}
    calls = []
    for w in center.windows:
        t = 0.0
        while True:
            t += rng.expovariate(1 / 60)
            if t > hours * 3600:
                break
            code = rng.choices(list(w.services), weights=list(w.services.values()))[0]
            counters[code] = counters.get(code, 0) + 1
            prefix = center.service(code).prefix  # type: ignore[union-attr]
            calls.append((t, f"{prefix}{counters[code]:03d}", w.number))
    return sorted(calls)


def run(
    langs: list[str], calls: list[tuple[float, str, int]], fetch_s: float, merged: int = 0
) -> dict[str, list[float]]:
    """As display.js speaks: the first language of every waiting call first (one announcement);
    a second language only while no call waits for its first, and not for a call shown more
    than STALE_S ago."""
    a = Announcer(langs, cache_size=100_000)
    if merged:
        a.merged_speed = merged
    starts: list[float] = []  # (a): its announcement starts
    heard: list[float] = []  # (b): its own number starts being said
    skipped = 0
    checked = 0
    now, i = 0.0, 0
    first: list[tuple[float, str, int]] = []  # calls still to be said in the first language
    later: list[tuple[float, str, int, str]] = []  # (call, language) for the other languages
    while i < len(calls) or first or later:
        if not first and not later:  # the lobby is quiet: the next call rings the chime
            now = max(now, calls[i][0])
            chime_at: float | None = now
            now += CHIME_S + fetch_s
        else:
            chime_at = None
        while i < len(calls) and calls[i][0] <= now:
            first.append(calls[i])
            later += [(*calls[i], lang) for lang in langs[1:]]
            i += 1
        if first:  # the first language of every waiting call, in one announcement
            batch, first = first[:MAX_MERGED], first[MAX_MERGED:]
            lang = langs[0]
            began = chime_at if chime_at is not None else now
            starts += [max(began, shown) - shown for shown, _, _ in batch]
            said = [(n, w) for _, n, w in batch]
            shown_at: list[float | None] = [shown for shown, _, _ in batch]
        else:  # the lobby has time: another language, for calls not too old
            fresh = [c for c in later if now - c[0] <= STALE_S]
            skipped += len(later) - len(fresh)
            if not fresh:
                later = []
                continue
            lang = fresh[0][3]
            chosen = [c for c in fresh if c[3] == lang][:MAX_MERGED]
            later = [c for c in fresh if c not in chosen]
            said = [(n, w) for _, n, w, _ in chosen]
            shown_at = [None] * len(said)
        speed = a.speed if len(said) == 1 else a.merged_speed
        at = now
        for (number, window), shown in zip(said, shown_at, strict=True):
            if shown is not None:
                heard.append(at - shown)
            at += seconds(a.segment(number, window, lang, speed)) + GAP_S
        if checked < 20:  # the sum is what the real WAV lasts
            wav = a.announcement(said, with_chime=False, langs=[lang])
            assert abs(wav_seconds(wav) - (at - now)) < 0.01
            checked += 1
        now = at + fetch_s  # the next WAV is asked for when this one ends
    return {"start": starts, "heard": heard, "skipped": [float(skipped)]}


def ideal(calls: list[tuple[float, str, int]], each_s: float) -> list[float]:
    """The floor: every call said in `each_s` (the shortest call we make), no chime, no gap, no
    fetch. What no way of speaking one call after another can beat."""
    heard, free_at = [], 0.0
    for shown, _, _ in calls:
        start = max(shown, free_at)
        heard.append(start - shown)
        free_at = start + each_s
    return heard


def figures(values: list[float]) -> str:
    v = sorted(values)

    def q(p: float) -> float:
        return v[min(len(v) - 1, int(p * len(v)))]

    over = sum(x > 5 for x in v) / len(v)
    return (
        f"p50 {q(0.5):4.1f} s  p95 {q(0.95):4.1f} s  p99 {q(0.99):4.1f} s  "
        f"max {v[-1]:4.1f} s  over 5 s: {over:.1%}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hours", type=float, default=2, help="the busiest hours: numbers to ~400")
    ap.add_argument("--merged-rate", type=int, default=0, help="words/min when calls are merged")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fetch-ms", type=float, default=50, help="asking the server for a WAV")
    args = ap.parse_args()
    calls = arrivals(args.hours, args.seed)
    print(f"{len(calls)} calls in {args.hours:g} h ({len(calls) / args.hours / 60:.1f} a minute)")
    for langs in (["ar"], ["ar", "en"]):
        started = time.perf_counter()
        out = run(langs, calls, args.fetch_ms / 1000, args.merged_rate)
        name = "+".join(langs)
        print(f"[{name}] announcement starts after: {figures(out['start'])}")
        print(f"[{name}] own number heard after:     {figures(out['heard'])}")
        if len(langs) > 1:
            skipped = int(out["skipped"][0])
            print(f"[{name}] second language skipped (lobby busy): {skipped} of {len(calls)}")
        print(f"[{name}] ({time.perf_counter() - started:.0f} s to make the audio)")
        a = Announcer(langs)
        shortest = sum(seconds(a.segment("A1", 1, lang, a.merged_speed)) for lang in langs)
        print(f"[{name}] floor, every call {shortest:.1f} s: {figures(ideal(calls, shortest))}")


if __name__ == "__main__":
    main()
