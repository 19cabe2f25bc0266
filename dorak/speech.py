"""Spoken calls, made on this box: a chime, then the call in Arabic, then in English.

espeak-ng (Debian) speaks offline; no cloud service. The audio is one WAV per call, made when the
call happens and kept in a small in-memory cache, so every lobby screen gets the same bytes."""

from __future__ import annotations

import io
import logging
import math
import os
import select
import shutil
import signal
import struct
import tempfile
import threading
import wave
from collections import OrderedDict
from collections.abc import Sequence

from .domain.arabic_numbers import spoken
from .scheduler import Worker

log = logging.getLogger(__name__)
RATE = 22050  # espeak-ng's sample rate
VOICES = {"ar": "ar", "en": "en"}


class SpeechUnavailable(RuntimeError):
    pass


def _pcm(samples: Sequence[float]) -> bytes:
    return b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32000)) for s in samples)


def chime() -> bytes:
    """Two soft tones (ding-dong) as 16-bit mono PCM at RATE, 0.6 s."""
    out: list[float] = []
    for freq, length in ((880.0, 0.25), (660.0, 0.35)):
        n = int(RATE * length)
        for i in range(n):
            fade = math.exp(-4.0 * i / n)
            out.append(0.35 * fade * math.sin(2 * math.pi * freq * i / RATE))
    return _pcm(out)


def output_of(argv: Sequence[str], timeout: float) -> bytes:
    """Run a program and return what it wrote to stdout.

    posix_spawn (vfork and exec in glibc) rather than subprocess: under gevent, subprocess forks
    the whole server first, about 90 ms of a stopped event loop per call in the soak. The wait is
    on a pidfd through poll, which gevent turns into a wait on its loop."""
    with tempfile.TemporaryFile() as out:
        pid = os.posix_spawn(
            argv[0],
            list(argv),
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
            ],
        )
        pidfd = os.pidfd_open(pid)
        try:
            waiting = select.poll()
            waiting.register(pidfd, select.POLLIN)
            finished = bool(waiting.poll(timeout * 1000))
            if not finished:
                os.kill(pid, signal.SIGKILL)
            try:
                code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
            except ChildProcessError:  # reaped by gevent's SIGCHLD watcher: judge the output
                code = 0
        finally:
            os.close(pidfd)
        if not finished:
            raise SpeechUnavailable(f"{argv[0]} took longer than {timeout} s")
        if code != 0:
            raise SpeechUnavailable(f"{argv[0]} failed with exit code {code}")
        out.seek(0)
        return out.read()


def silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(RATE * seconds)


def trim(pcm: bytes, threshold: int = 300) -> bytes:
    """espeak-ng's silence before and after the words cut off: gaps are ours to choose."""
    n = len(pcm) // 2
    samples = struct.unpack(f"<{n}h", pcm[: n * 2])
    first = next((i for i, v in enumerate(samples) if abs(v) > threshold), 0)
    last = next((n - i for i, v in enumerate(reversed(samples)) if abs(v) > threshold), n)
    return pcm[first * 2 : last * 2]


def seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / RATE


def as_wav(frames: Sequence[bytes]) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(frames))
    return buf.getvalue()


Call = tuple[str, int]  # (ticket number, window)
GAP_S = 0.2  # between two calls of one announcement
ONE_CALL_RATE = 180  # words per minute for a call alone (espeak-ng says 175 is its normal)
MAX_CALL_S = 3.4  # one call in one language: a long number is said faster to fit
MERGED_RATE = 195  # a little quicker when several calls are said together


class Announcer:
    """Makes the lobby's spoken calls. A call in one language is one segment (cached, its
    silences trimmed); an announcement joins the segments of every call waiting to be said,
    language by language: «A أربعة عشر، شباك واحد. B ثلاثة، شباك اثنان», then English."""

    def __init__(
        self,
        langs: Sequence[str] = ("ar",),
        cache_size: int = 256,
        binary: str = "espeak-ng",
        speed: int = ONE_CALL_RATE,
        merged_speed: int = MERGED_RATE,
    ) -> None:
        self.langs = [lang for lang in langs if lang in VOICES]
        self.binary = shutil.which(binary)
        self.speed = speed
        self.merged_speed = merged_speed
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[str, int, str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._chime = chime()

    @property
    def available(self) -> bool:
        return self.binary is not None

    def _speak(self, text: str, lang: str, speed: int) -> bytes:
        if self.binary is None:
            raise SpeechUnavailable("espeak-ng is not installed (make setup installs it)")
        out = output_of([self.binary, "-v", VOICES[lang], "-s", str(speed), "--stdout", text], 20)
        with wave.open(io.BytesIO(out)) as w:
            if w.getframerate() != RATE or w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise SpeechUnavailable("unexpected audio format from espeak-ng")
            # espeak-ng streams to stdout with an unknown length in the header: read it all
            return trim(out[44:])

    def segment(self, number: str, window: int, lang: str, speed: int | None = None) -> bytes:
        """One call in one language, as PCM (made once, then from the cache)."""
        speed = speed or self.speed
        key = (number, window, lang, speed)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        text = spoken(number, window, lang)
        pcm = self._speak(text, lang, speed)
        for _ in range(4):  # «ثلاثمائة وثمانية وسبعون، شباك اثنا عشر» is long: say it faster
            if seconds(pcm) <= MAX_CALL_S:
                break
            speed = min(400, int(speed * seconds(pcm) / MAX_CALL_S) + 10)
            pcm = self._speak(text, lang, speed)
        with self._lock:
            self._cache[key] = pcm
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return pcm

    def announcement(
        self, calls: Sequence[Call], with_chime: bool = True, langs: Sequence[str] | None = None
    ) -> bytes:
        """One WAV for the calls, language by language (`langs`: some of this lobby's); the
        chime only when `with_chime` (the lobby was quiet: calls that waited while another was
        said follow without one)."""
        speed = self.speed if len(calls) == 1 else self.merged_speed
        frames = [self._chime, silence(0.15)] if with_chime else []
        for lang in [x for x in (langs or self.langs) if x in self.langs] or self.langs:
            for number, window in calls:
                frames += [self.segment(number, window, lang, speed), silence(GAP_S)]
        return as_wav(frames)

    def wav(self, number: str, window: int) -> bytes:
        """Chime + one call in each language, as one WAV file."""
        return self.announcement([(number, window)])

    def chime_wav(self) -> bytes:
        return as_wav([self._chime])

    def prepare(self, number: str, window: int) -> None:
        """Make the audio now, in the background, so screens asking for it get it at once."""
        if not self.available:
            return

        def work() -> None:
            try:
                for lang in self.langs:
                    self.segment(number, window, lang)
                    self.segment(number, window, lang, self.merged_speed)
            except Exception:  # a failed call audio must never hurt the call itself
                log.exception("could not prepare the announcement of %s", number)

        _speech_worker().submit(work)


_worker: Worker | None = None


def _speech_worker() -> Worker:
    """One worker for every announcer of the process, started with the first call."""
    global _worker
    if _worker is None:
        _worker = Worker("speech")
    return _worker
