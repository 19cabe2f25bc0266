"""What a person sees of a text on a screen: the height of its ink in a screenshot, not its CSS
box (see the field notes: a 141 px box held 53 px of digits)."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from playwright.sync_api import Locator, Page


def ink_height(shot: Image.Image, box: dict[str, float]) -> int:
    """Rows of the box whose pixels differ from the box's background (its most common colour);
    rows that differ across the whole width are edges, not ink."""
    left, top = round(box["x"]), round(box["y"])
    crop = shot.crop((left, top, left + round(box["width"]), top + round(box["height"])))
    crop = crop.convert("RGB")
    width, height = crop.size
    counts = crop.getcolors(width * height) or []
    background = max(counts)[1] if counts else (0, 0, 0)
    px: Any = crop.load()
    rows = []
    for y in range(height):
        ink = sum(1 for x in range(width) if _differs(px[x, y], background))
        if 0 < ink < width:
            rows.append(y)
    return rows[-1] - rows[0] + 1 if rows else 0


def _differs(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) > 90


def screenshot(page: Page) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot()))


def ink_shares(page: Page, locator: Locator) -> list[float]:
    """Each element's ink height as a share of the viewport's height."""
    shot = screenshot(page)
    height = page.viewport_size["height"] if page.viewport_size else shot.height
    out = []
    for i in range(locator.count()):
        box = locator.nth(i).bounding_box()
        assert box is not None
        out.append(ink_height(shot, box) / height)
    return out
