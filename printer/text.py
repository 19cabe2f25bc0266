"""Drawing mixed Arabic/English lines with Pillow.

Two paths: with libraqm (Pillow finds it when the system has libfribidi) the font shapes Arabic
and orders it right-to-left itself. Without it, arabic-reshaper joins the letters and python-bidi
puts them in visual order, drawn with the basic layout. Never both: that would shape twice."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal

import arabic_reshaper
from bidi import get_display
from PIL import ImageDraw, ImageFont, features

from .fonts import font_path

Engine = Literal["raqm", "basic"]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


# Bidi embeddings, overrides and isolates: on paper they could only turn a name around.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def printable(text: str) -> str:
    """A line as it can be drawn. Control characters and line or paragraph separators
    (\\n, \\r, U+001C-U+001E, U+0085, U+2029, ...) make raqm's layout fail outright, so
    they become spaces; bidi controls go; lone surrogates become U+FFFD."""
    out = []
    for ch in text.translate(_BIDI_CONTROLS):
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif category == "Cs":
            out.append("\ufffd")
        else:
            out.append(ch)
    return re.sub(" {2,}", " ", "".join(out)).strip()


def best_engine() -> Engine:
    return "raqm" if features.check("raqm") else "basic"


def is_rtl(text: str) -> bool:
    """Has Arabic letters (Arabic-Indic digits alone, as in a date, stay left-to-right)."""
    return any(
        ("\u0600" <= ch <= "\u06ff" and not "\u0660" <= ch <= "\u0669")
        or "\u0750" <= ch <= "\u077f"
        for ch in text
    )


@cache
def _font(weight: str, size: int, engine: Engine) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if engine == "raqm" else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=layout)


class TextDrawer:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine: Engine = engine or best_engine()

    def font(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        return _font("bold" if bold else "regular", size, self.engine)

    def _prepare(self, text: str) -> tuple[str, dict[str, str]]:
        text = printable(text)
        if not is_rtl(text):
            return text, {}
        if self.engine == "raqm":
            return text, {"direction": "rtl", "language": "ar"}
        return get_display(arabic_reshaper.reshape(text)), {}

    def width(self, text: str, size: int, bold: bool = False) -> int:
        shown, opts = self._prepare(text)
        left, _, right, _ = self.font(size, bold).getbbox(shown, **opts)  # type: ignore[arg-type]
        return int(right - left)

    def fit(self, text: str, size: int, max_width: int, bold: bool = False) -> int:
        """The largest size <= `size` at which the line fits the paper."""
        while size > 12 and self.width(text, size, bold) > max_width:
            size -= 2
        return size

    def centered(
        self,
        draw: ImageDraw.ImageDraw,
        y: int,
        width: int,
        text: str,
        size: int,
        bold: bool = False,
    ) -> int:
        """Draw one line centred at height y; returns the y below it."""
        size = self.fit(text, size, width - 16, bold)
        shown, opts = self._prepare(text)
        font = self.font(size, bold)
        draw.text((width // 2, y), shown, font=font, fill=0, anchor="ma", **opts)  # type: ignore[arg-type]
        ascent, descent = font.getmetrics()
        return y + ascent + descent + size // 5

    def in_box(
        self,
        draw: ImageDraw.ImageDraw,
        y: int,
        left: int,
        right: int,
        text: str,
        size: int,
        bold: bool = False,
    ) -> int:
        """Draw one line centred between `left` and `right`; returns the y below it."""
        size = self.fit(text, size, right - left - 8, bold)
        shown, opts = self._prepare(text)
        font = self.font(size, bold)
        draw.text(((left + right) // 2, y), shown, font=font, fill=0, anchor="ma", **opts)  # type: ignore[arg-type]
        ascent, descent = font.getmetrics()
        return y + ascent + descent + size // 6
