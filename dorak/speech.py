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

log = logging.getLogger(__name__)
RATE = 22050  # espeak-ng's sample rate
VOICES = {"ar": "ar", "en": "en"}


class SpeechUnavailable(RuntimeError):
    pass


def _pcm(samples: Sequence[float]) -> bytes:
    return b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32000)) for s in samples)


def chime() -> bytes:
    """Two soft tones (ding-dong) as 16-bit mono PCM at RATE."""
    out: list[float] = []
    for freq, seconds in ((880.0, 0.35), (660.0, 0.55)):
        n = int(RATE * seconds)
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


class Announcer:
    def __init__(
        self,
        langs: Sequence[str] = ("ar", "en"),
        cache_size: int = 16,
        binary: str = "espeak-ng",
        speed: int = 135,
    ) -> None:
        self.langs = [lang for lang in langs if lang in VOICES]
        self.binary = shutil.which(binary)
        self.speed = speed
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._chime = chime()

    @property
    def available(self) -> bool:
        return self.binary is not None

    def _speak(self, text: str, lang: str) -> bytes:
        if self.binary is None:
            raise SpeechUnavailable("espeak-ng is not installed (make setup installs it)")
        out = output_of(
            [self.binary, "-v", VOICES[lang], "-s", str(self.speed), "--stdout", text], 20
        )
        with wave.open(io.BytesIO(out)) as w:
            if w.getframerate() != RATE or w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise SpeechUnavailable("unexpected audio format from espeak-ng")
            return w.readframes(w.getnframes())

    def wav(self, number: str, window: int) -> bytes:
        """Chime + the call in each language, as one WAV file."""
        key = (number, window)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        frames = [self._chime, silence(0.25)]
        for lang in self.langs:
            frames += [self._speak(spoken(number, window, lang), lang), silence(0.5)]
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(b"".join(frames))
        data = buf.getvalue()
        with self._lock:
            self._cache[key] = data
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return data

    def prepare(self, number: str, window: int) -> None:
        """Make the audio now, in the background, so screens asking for it get it at once."""
        if not self.available:
            return

        def work() -> None:
            try:
                self.wav(number, window)
            except Exception:  # a failed call audio must never hurt the call itself
                log.exception("could not prepare the announcement of %s", number)

        threading.Thread(target=work, daemon=True, name="announce").start()
