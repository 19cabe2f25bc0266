"""The ticket font: DejaVu Sans from Debian's fonts-dejavu-core (installed by the set-up), which
covers Arabic and Latin in one file, so numbers like A017 never print as boxes."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PIL import ImageFont

CANDIDATES = {
    "regular": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
}


class FontMissing(RuntimeError):
    pass


def font_path(weight: str = "regular") -> Path:
    override = os.environ.get(f"DORAK_TICKET_FONT_{weight.upper()}")
    for candidate in [override] if override else CANDIDATES[weight]:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing(
        f"ticket font ({weight}) not found: install Debian's fonts-dejavu-core "
        f"(make setup does) or set DORAK_TICKET_FONT_{weight.upper()}"
    )


# The ticket number: DejaVu Sans Mono Bold, whose zero carries a dot (0 is never O).
NUMBER_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


@cache
def number_font(size: int) -> ImageFont.FreeTypeFont:
    path = os.environ.get("DORAK_TICKET_FONT_NUMBER") or NUMBER_FONT
    if not Path(path).is_file():
        raise FontMissing(f"ticket number font not found: {path} (Debian's fonts-dejavu-core)")
    return ImageFont.truetype(path, size)
