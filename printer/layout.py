"""The paper ticket: what it says, laid out as a 1-bit image the width of the paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import qrcode
from PIL import Image, ImageDraw

from .text import ARABIC_DIGITS, TextDrawer

PAPER_WIDTHS = {"80mm": 576, "tm-t88": 512, "58mm": 384}


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
    if minutes <= 1:
        return "الانتظار المتوقع: أقل من دقيقتين"
    unit = "دقائق" if 3 <= minutes <= 10 else "دقيقة"
    return f"الانتظار المتوقع: حوالي {minutes} {unit}"


def _qr(url: str, size: int) -> Image.Image:
    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    img: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    img = img.convert("L")
    modules = img.width
    scale = max(1, size // modules)
    return img.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def render_ticket(
    t: TicketPrint, width: int = 576, drawer: TextDrawer | None = None
) -> Image.Image:
    """The ticket as a mode-"1" image `width` pixels wide (threshold, not dither: crisp text)."""
    drawer = drawer or TextDrawer()
    scale = width / 576
    img = Image.new("L", (width, 1400), 255)
    d = ImageDraw.Draw(img)

    def px(n: float) -> int:
        return max(12, round(n * scale))

    y = px(12)
    if t.logo is not None:
        logo = t.logo.convert("L")
        box = px(140)
        logo.thumbnail((box * 2, box), Image.Resampling.LANCZOS)
        img.paste(logo, ((width - logo.width) // 2, y))
        y += logo.height + px(8)
    y = drawer.centered(d, y, width, t.center_ar, px(30), bold=True)
    y = drawer.centered(d, y, width, t.center_en, px(20))
    d.line((px(20), y, width - px(20), y), fill=0, width=2)
    y += px(14)
    y = drawer.centered(d, y, width, t.service_ar, px(34), bold=True)
    y = drawer.centered(d, y, width, t.service_en, px(22))
    y = drawer.centered(d, y, width, t.number, px(150), bold=True)
    if t.priority_ar and t.priority_en:
        y = drawer.centered(d, y, width, f"{t.priority_ar} — {t.priority_en}", px(22), bold=True)
    when = t.issued.strftime("%Y-%m-%d  %H:%M")
    y = drawer.centered(d, y, width, _digits(when, t.digits), px(22))
    d.line((px(20), y, width - px(20), y), fill=0, width=2)
    y += px(12)
    y = drawer.centered(d, y, width, _digits(_people_ar(t.ahead), t.digits), px(28), bold=True)
    people = {0: "Nobody is ahead of you", 1: "1 person ahead of you"}.get(
        t.ahead, f"{t.ahead} people ahead of you"
    )
    y = drawer.centered(d, y, width, people, px(20))
    if t.wait_min is not None:
        y = drawer.centered(d, y, width, _digits(_wait_ar(t.wait_min), t.digits), px(26))
        y = drawer.centered(d, y, width, f"Estimated wait: about {t.wait_min} min", px(20))
    y += px(6)
    y = drawer.centered(d, y, width, "انتظر ظهور رقمك على الشاشة", px(24))
    y = drawer.centered(d, y, width, "Watch the screen for your number", px(18))
    code = _qr(t.track_url, px(220))
    img.paste(code, ((width - code.width) // 2, y + px(8)))
    y += code.height + px(14)
    y = drawer.centered(d, y, width, "تابع دورك على هاتفك", px(22))
    y = drawer.centered(d, y, width, "Follow your turn on your phone", px(18))
    img = img.crop((0, 0, width, y + px(10)))
    return img.point(lambda p: 255 if p > 128 else 0, "1")
