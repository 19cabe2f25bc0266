"""The paper ticket: what it says, laid out as a 1-bit image the width of the paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import qrcode
from PIL import Image, ImageDraw

from .fonts import number_font
from .text import ARABIC_DIGITS, TextDrawer

PAPER_WIDTHS = {"80mm": 576, "tm-t88": 512, "58mm": 384}
DOTS_PER_MM = 8  # 203 dpi thermal heads
MAX_HEIGHT = 800  # dots: 100 mm of paper, the QR code included


@dataclass(frozen=True)
class TicketPrint:
    center_ar: str
    center_en: str
    service_ar: str
    service_en: str
    number: str
    issued: datetime  # in the center's time zone
    ahead: int
    wait_min: int | None
    track_url: str
    priority_ar: str | None = None
    priority_en: str | None = None
    digits: str = "latin"  # "latin" or "arabic" (Arabic-Indic) in the Arabic lines
    logo: Image.Image | None = None  # the center's logo, printed at the top
    windows: tuple[int, ...] = ()  # the windows that serve the service
    range_min: tuple[int, int] | None = None  # the 80 % range of the wait, in minutes


def _digits(text: str, style: str) -> str:
    return text.translate(ARABIC_DIGITS) if style == "arabic" else text


def _people_ar(n: int) -> str:
    if n == 0:
        return "لا أحد أمامك"
    if n == 1:
        return "أمامك شخص واحد"
    if n == 2:
        return "أمامك شخصان"
    if 3 <= n <= 10:
        return f"أمامك {n} أشخاص"
    return f"أمامك {n} شخصًا"


def _wait_ar(minutes: int) -> str:
    if minutes <= 2:
        return "دورك قريب جدًا"
    if minutes >= 60:
        hours, rest = divmod(minutes, 60)
        return f"الانتظار: حوالي {hours} س {rest} د" if rest else f"الانتظار: حوالي {hours} س"
    unit = "دقائق" if 3 <= minutes <= 10 else "دقيقة"
    return f"الانتظار: حوالي {minutes} {unit}"


def _wait_en(minutes: int) -> str:
    if minutes <= 2:
        return "Your turn is very soon"
    if minutes >= 60:
        hours, rest = divmod(minutes, 60)
        return f"Wait: about {hours} h {rest} min" if rest else f"Wait: about {hours} h"
    return f"Wait: about {minutes} min"


def _qr(url: str, size: int) -> Image.Image:
    code = qrcode.QRCode(border=1, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    img: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    img = img.convert("L")
    modules = img.width  # one pixel per module (box_size=1)
    scale = max(1, size // modules)
    return img.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def render_ticket(
    t: TicketPrint, width: int = 576, drawer: TextDrawer | None = None
) -> Image.Image:
    """The ticket as a mode-"1" image `width` pixels wide (threshold, not dither: crisp text),
    at most MAX_HEIGHT dots long: the QR code sits beside the lines about the wait. The number's
    box is in `image.info["number_box"]` (left, top, right, bottom)."""
    drawer = drawer or TextDrawer()
    scale = width / 576
    img = Image.new("L", (width, MAX_HEIGHT + 200), 255)
    d = ImageDraw.Draw(img)

    def px(n: float) -> int:
        return max(10, round(n * scale))

    y = px(8)
    if t.logo is not None:
        logo = t.logo.convert("L")
        logo.thumbnail((px(300), px(80)), Image.Resampling.LANCZOS)
        img.paste(logo, ((width - logo.width) // 2, y))
        y += logo.height + px(4)
    y = drawer.centered(d, y, width, t.center_ar, px(24), bold=True)
    y = drawer.centered(d, y, width, t.center_en, px(16))
    d.line((px(20), y, width - px(20), y), fill=0, width=2)
    y += px(8)
    y = drawer.centered(d, y, width, t.service_ar, px(30), bold=True)
    y = drawer.centered(d, y, width, t.service_en, px(18))
    # The number in a monospace face whose zero is dotted: 0 and O cannot be confused.
    font = number_font(px(130))
    box = d.textbbox((width // 2, y), t.number, font=font, anchor="mt")
    if box[2] - box[0] > width - px(24):
        font = number_font(int(px(130) * (width - px(24)) / (box[2] - box[0])))
        box = d.textbbox((width // 2, y), t.number, font=font, anchor="mt")
    left, top, right, bottom = (round(v) for v in box)
    d.text((width // 2, y - (top - y)), t.number, font=font, fill=0, anchor="mt")
    number_box = (left, y, right, y + bottom - top)
    y += bottom - top + px(14)
    if t.priority_ar and t.priority_en:
        y = drawer.centered(d, y, width, f"{t.priority_ar} — {t.priority_en}", px(24), bold=True)
    d.line((px(20), y, width - px(20), y), fill=0, width=2)
    y += px(8)

    # The QR code on the left, what the citizen needs to know on the right.
    code = _qr(t.track_url, px(190))
    qr_top = y
    img.paste(code, (px(8), qr_top))
    left_text, right_text = px(16) + code.width, width - px(4)
    lines: list[tuple[str, int, bool]] = [
        (_digits(_people_ar(t.ahead), t.digits), px(24), True),
        (
            {0: "Nobody is ahead of you", 1: "1 person ahead of you"}.get(
                t.ahead, f"{t.ahead} people ahead of you"
            ),
            px(16),
            False,
        ),
    ]
    if t.wait_min is not None:
        ranged = t.range_min is not None and t.wait_min > 2
        low, high = t.range_min or (0, 0)
        # In words in Arabic: a bare "31-72" reads either way in a right-to-left line.
        unit_ar = "دقائق" if high <= 10 else "دقيقة"  # the range carries its unit
        told_ar = f" (من {low} إلى {high} {unit_ar})" if ranged else ""
        told_en = f" ({low}-{high} min)" if ranged else ""
        lines.append((_digits(_wait_ar(t.wait_min), t.digits), px(22), True))
        if ranged:  # its own line: appended, it would shrink the wait to fit the width
            lines.append((_digits(told_ar.strip(), t.digits), px(20), True))
        lines.append((_wait_en(t.wait_min) + told_en, px(16), False))
    if t.windows:
        listed = ", ".join(str(n) for n in t.windows)
        word_ar = "الشباك" if len(t.windows) == 1 else "الشبابيك"
        word_en = "Window" if len(t.windows) == 1 else "Windows"
        lines += [
            (_digits(f"{word_ar}: {listed.replace(', ', '، ')}", t.digits), px(22), True),
            (f"{word_en}: {listed}", px(16), False),
        ]
    for text, size, bold in lines:
        y = drawer.in_box(d, y, left_text, right_text, text, size, bold)
    y = max(y, qr_top + code.height) + px(4)
    when = _digits(t.issued.strftime("%Y-%m-%d  %H:%M"), t.digits)
    y = drawer.centered(d, y, width, when, px(16))
    y = drawer.centered(d, y, width, "انتظر رقمك على الشاشة · تابع دورك بالرمز", px(18))
    y = drawer.centered(d, y, width, "Watch the screen · follow your turn with the code", px(14))
    img = img.crop((0, 0, width, min(y + px(6), MAX_HEIGHT)))
    out = img.point(lambda p: 255 if p > 128 else 0, "1")
    out.info["number_box"] = number_box
    return out
