"""The ticket image: size, 1-bit, both shaping paths, and Arabic a person (OCR) can read."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageDraw, ImageFont

from printer.fonts import font_path
from printer.layout import TicketPrint, render_ticket
from printer.text import TextDrawer, is_rtl

SAMPLE = TicketPrint(
    center_ar="المركز التكنولوجي لخدمة المواطنين",
    center_en="Citizen Service Technological Center",
    service_ar="التصالح في مخالفات البناء",
    service_en="Building-violation reconciliation",
    number="A017",
    issued=datetime(2026, 11, 26, 10, 5, tzinfo=ZoneInfo("Africa/Cairo")),
    ahead=3,
    wait_min=12,
    track_url="http://10.0.0.5:5000/t/abcdefghijklmnopqrstuv",
)


@pytest.mark.parametrize("width", [576, 512, 384])
@pytest.mark.parametrize("engine", ["raqm", "basic"])
def test_ticket_is_one_bit_at_paper_width(width: int, engine: str) -> None:
    img = render_ticket(SAMPLE, width, TextDrawer(engine))  # type: ignore[arg-type]
    assert img.mode == "1" and img.width == width
    assert 300 < img.height <= 800  # at most 100 mm of paper at 8 dots/mm
    grey = img.convert("L").tobytes()
    assert set(grey) == {0, 255}
    assert 0.05 < grey.count(0) / len(grey) < 0.4  # ink on the paper, not a blank or black page


def test_both_shaping_paths_draw_the_same_words() -> None:
    a = render_ticket(SAMPLE, 576, TextDrawer("raqm"))
    b = render_ticket(SAMPLE, 576, TextDrawer("basic"))
    assert a.size == b.size
    # Same layout; glyph positions may differ by a pixel here and there, not more.
    pairs = zip(a.convert("L").tobytes(), b.convert("L").tobytes(), strict=True)
    diff = sum(x != y for x, y in pairs)
    assert diff / (a.width * a.height) < 0.03


def _components(img: Image.Image) -> int:
    """Connected blobs of ink: joined Arabic letters make fewer of them."""
    px = img.load()
    w, h = img.size
    seen = set()
    count = 0
    for y in range(h):
        for x in range(w):
            if px[x, y] == 0 and (x, y) not in seen:
                count += 1
                stack = [(x, y)]
                seen.add((x, y))
                while stack:
                    cx, cy = stack.pop()
                    for nx, ny in ((cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)):
                        if 0 <= nx < w and 0 <= ny < h and px[nx, ny] == 0 and (nx, ny) not in seen:
                            seen.add((nx, ny))
                            stack.append((nx, ny))
    return count


def _line(text: str, drawer: TextDrawer | None, raw: bool = False) -> Image.Image:
    img = Image.new("L", (700, 90), 255)
    d = ImageDraw.Draw(img)
    if raw:  # what a naive program prints: isolated letters, left to right
        font = ImageFont.truetype(str(font_path("bold")), 48, layout_engine=ImageFont.Layout.BASIC)
        d.text((350, 10), text, font=font, fill=0, anchor="ma")
    else:
        assert drawer is not None
        drawer.centered(d, 10, 700, text, 48, bold=True)
    return img.point(lambda p: 255 if p > 128 else 0, "1")


@pytest.mark.parametrize("engine", ["raqm", "basic"])
def test_arabic_letters_are_joined(engine: str) -> None:
    word = "مخالفات"
    shaped = _components(_line(word, TextDrawer(engine)))  # type: ignore[arg-type]
    naive = _components(_line(word, None, raw=True))
    assert shaped < naive


def _ocr(img: Image.Image, tmp: Path) -> str:
    path = tmp / "line.png"
    img.convert("L").resize((img.width * 2, img.height * 2)).save(path)
    out = subprocess.run(
        ["tesseract", str(path), "-", "-l", "ara", "--psm", "7"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip()


@pytest.mark.parametrize("engine", ["raqm", "basic"])
def test_a_reader_reads_the_arabic_right_to_left(engine: str, tmp_path: Path) -> None:
    assert shutil.which("tesseract"), "make setup installs tesseract-ocr and tesseract-ocr-ara"
    text = "التصالح في مخالفات البناء"
    read = _ocr(_line(text, TextDrawer(engine)), tmp_path)  # type: ignore[arg-type]
    assert "التصالح" in read and "البناء" in read
    # The check can fail: disconnected letters drawn left to right do not read back.
    assert "التصالح" not in _ocr(_line(text, None, raw=True), tmp_path)


def test_arabic_digits_option() -> None:
    latin = render_ticket(SAMPLE, 576)
    arabic = render_ticket(
        TicketPrint(**{**SAMPLE.__dict__, "digits": "arabic"}),
        576,  # type: ignore[arg-type]
    )
    assert latin.tobytes() != arabic.tobytes()
    assert not is_rtl("٢٠٢٦-١١-٢٦") and is_rtl("أمامك ٣ أشخاص")


# A reader of a ticket number knows it holds capital letters (never I, O or Q) and digits.
NUMBER_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
ONLY = "tessedit_char_whitelist"


def _read_number(img: Image.Image, tmp: Path) -> str:
    """What tesseract reads in the number's box (with a white margin around it)."""
    box = img.info["number_box"]
    ink = img.convert("L").crop(box)
    page = Image.new("L", (ink.width + 120, ink.height + 120), 255)
    page.paste(ink, (60, 60))
    path = tmp / "number.png"
    page.save(path)
    out = subprocess.run(
        ["tesseract", str(path), "-", "-l", "eng", "--psm", "7", "-c", f"{ONLY}={NUMBER_CHARS}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip()


def ticket(service: str, number: str, priority: str, ahead: int, wait_s: int) -> Any:
    from dorak.domain.model import Status
    from dorak.domain.ticket import Ticket

    at = 1795680000.0
    return Ticket(
        id=1,
        tracking_id="x" * 22,
        visit_id=1,
        service=service,
        day="2026-11-26",
        seq=int(number[1:]),
        number=number,
        status=Status.WAITING,
        issued_at=at,
        queued_at=at,
        priority=priority,
        ahead_at_issue=ahead,
        estimated_wait_s=wait_s,
    )


def test_every_service_ticket_is_short_and_its_number_reads_back(tmp_path: Path) -> None:
    """Every service of the sample center, numbers full of zeros, a priority and a logo: at
    most 800 dots (100 mm) and the number read back exactly."""
    from dorak.config import load_center
    from dorak.printing import ticket_print

    center = load_center()
    logo = Image.new("L", (400, 160), 0)
    lengths = {}
    for service in (s for s in center.services if s.prefix):
        for seq in ("007", "100", "080"):
            row = ticket(service.code, f"{service.prefix}{seq}", "elderly", 12, 4000)
            shown = ticket_print(center, row, "http://10.0.0.5:5000/t/" + "x" * 22, logo=logo)
            img = render_ticket(shown, 576)
            assert img.width == 576 and img.height <= 800
            assert _read_number(img, tmp_path) == row.number
            lengths[row.number] = img.height / 8
    print("ticket length (mm):", lengths)


def test_the_ticket_says_which_windows_and_which_priority() -> None:
    from dorak.config import load_center
    from dorak.printing import ticket_print

    center = load_center()
    shown = ticket_print(center, ticket("payments", "H003", "pregnant", 0, 60), "http://x/t/y")
    assert shown.windows == (9, 10)
    assert (shown.priority_ar, shown.priority_en) == ("الحوامل", "Pregnant women")
    plain = render_ticket(replace(shown, windows=(), priority_ar=None, priority_en=None), 576)
    assert render_ticket(shown, 576).height > plain.height  # both are printed


def test_long_waits_read_in_hours_and_minutes() -> None:
    from printer.layout import _wait_ar, _wait_en

    assert _wait_en(95) == "Wait: about 1 h 35 min" and _wait_ar(95) == "الانتظار: حوالي 1 س 35 د"
    assert _wait_en(2) == "Your turn is very soon" and _wait_en(25) == "Wait: about 25 min"
