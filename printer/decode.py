"""Read an ESC/POS byte stream back into what the paper would show.

Understands what Dorak sends (ESC @, GS v 0 raster images, feeds, cuts, DLE EOT status queries)
and skips other common commands by their length. Used by the virtual printer and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

ESC, GS, DLE = 0x1B, 0x1D, 0x10
LINE_DOTS = 30  # a fed text line, in dots, for the picture of the paper


class DecodeError(ValueError):
    pass


@dataclass
class Decoded:
    """The pages (one per cut) as images, and the status queries seen (DLE EOT n)."""

    pages: list[Image.Image] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    cuts: int = 0


class Decoder:
    """Incremental: feed() bytes as they arrive; `on_query` answers DLE EOT at once."""

    def __init__(self, on_query: object = None) -> None:
        self.buf = bytearray()
        self.result = Decoded()
        self._strips: list[Image.Image] = []
        self._on_query = on_query

    def feed(self, data: bytes) -> None:
        self.buf += data
        while self.buf:
            used = self._step()
            if used == 0:
                return  # need more bytes
            del self.buf[:used]

    def finish(self) -> Decoded:
        self._end_page()
        return self.result

    def _end_page(self) -> None:
        strips = [s for s in self._strips if s.height]
        self._strips = []
        if not strips:
            return
        width = max(s.width for s in strips)
        page = Image.new("1", (width, sum(s.height for s in strips)), 1)
        y = 0
        for s in strips:
            page.paste(s, (0, y))
            y += s.height
        self.result.pages.append(page)

    def _feed_lines(self, n: int) -> None:
        if self._strips:  # feeds before anything printed leave no mark worth keeping
            width = max(s.width for s in self._strips)
            self._strips.append(Image.new("1", (width, n * LINE_DOTS), 1))

    def _step(self) -> int:
        b = self.buf
        c = b[0]
        if c == 0x0A:
            self._feed_lines(1)
            return 1
        if c == DLE:
            if len(b) < 3:
                return 0
            if b[1] == 0x04:
                self.result.queries.append(b[2])
                if callable(self._on_query):
                    self._on_query(b[2])
                return 3
            return 1
        if c == ESC:
            if len(b) < 2:
                return 0
            op = b[1]
            if op == ord("@"):
                return 2
            if op in (ord("a"), ord("!"), ord("E"), ord("-"), ord("t"), ord("M"), ord("G")):
                return 3 if len(b) >= 3 else 0
            if op == ord("d"):
                if len(b) < 3:
                    return 0
                self._feed_lines(b[2])
                return 3
            return 2
        if c == GS:
            if len(b) < 2:
                return 0
            op = b[1]
            if op == ord("v") and len(b) >= 3 and b[2] == ord("0"):
                if len(b) < 8:
                    return 0
                width_bytes = b[4] | (b[5] << 8)
                height = b[6] | (b[7] << 8)
                size = width_bytes * height
                if len(b) < 8 + size:
                    return 0
                raster = bytes(b[8 : 8 + size])
                img = Image.frombytes("1", (width_bytes * 8, height), raster)
                # In ESC/POS a set bit is a black dot; in a PIL "1" image a set bit is white.
                self._strips.append(Image.eval(img.convert("L"), lambda p: 255 - p).convert("1"))
                return 8 + size
            if op == ord("V"):
                if len(b) < 3:
                    return 0
                self.result.cuts += 1
                self._end_page()
                return 4 if b[2] in (65, 66) else 3
            if op == ord("(") and len(b) >= 5:
                return 5 + (b[3] | (b[4] << 8))
            if op == ord("("):
                return 0
            if op in (ord("!"), ord("B"), ord("h"), ord("w"), ord("H"), ord("f")):
                return 3 if len(b) >= 3 else 0
            return 2
        return 1  # printable text or an unknown byte: nothing Dorak sends


def decode(data: bytes) -> Decoded:
    d = Decoder()
    d.feed(data)
    rest = bytes(d.buf)
    if rest:
        raise DecodeError(f"{len(rest)} bytes of an unfinished command at the end")
    return d.finish()
