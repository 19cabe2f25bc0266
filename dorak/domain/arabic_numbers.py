"""Numbers as Arabic words, for spoken calls: «مائة وثلاثة وعشرون».

Standalone cardinal numbers in the masculine nominative (how a number is read out on its own):
units 3-10 take the ta marbuta (ثلاثة), 11 and 12 are أحد عشر / اثنا عشر, tens come after the
units joined by «و» (ثلاثة وعشرون), hundreds first (مائة وثلاثة وعشرون), 200 is the dual
مائتان, and thousands follow the same rules (ألف، ألفان، ثلاثة آلاف، أحد عشر ألفًا)."""

from __future__ import annotations

UNITS = ["صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]
TEENS_UNITS = ["", "أحد", "اثنا", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
HUNDREDS = [
    "",
    "مائة",
    "مائتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
]
AND = " و"


def _below_100(n: int) -> str:
    if n <= 10:
        return UNITS[n]
    if n < 20:
        return f"{TEENS_UNITS[n - 10]} عشر"
    tens, unit = divmod(n, 10)
    return TENS[tens] if unit == 0 else f"{UNITS[unit]}{AND}{TENS[tens]}"


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [HUNDREDS[hundreds]] if hundreds else []
    if rest or not parts:
        parts.append(_below_100(rest))
    return AND.join(parts)


def _thousands(k: int) -> str:
    if k == 1:
        return "ألف"
    if k == 2:
        return "ألفان"
    if 3 <= k <= 10:
        return f"{_below_100(k)} آلاف"
    return f"{_below_1000(k)} ألفًا" if k % 100 >= 11 or k % 100 == 0 else f"{_below_1000(k)} ألف"


def to_words(n: int) -> str:
    """0 <= n <= 999,999 as Arabic words."""
    if not 0 <= n <= 999_999:
        raise ValueError("only 0 to 999,999 can be read")
    if n < 1000:
        return _below_1000(n)
    k, rest = divmod(n, 1000)
    head = _thousands(k)
    return head if rest == 0 else f"{head}{AND}{_below_1000(rest)}"


# How the Latin letters of ticket prefixes are read out in Arabic (as their English names).
LETTER_NAMES = {
    "A": "إيه",
    "B": "بي",
    "C": "سي",
    "D": "دي",
    "E": "إي",
    "F": "إف",
    "G": "جي",
    "H": "إتش",
    "I": "آي",
    "J": "جيه",
    "K": "كيه",
    "L": "إل",
    "M": "إم",
    "N": "إن",
    "O": "أو",
    "P": "بي",
    "Q": "كيو",
    "R": "آر",
    "S": "إس",
    "T": "تي",
    "U": "يو",
    "V": "في",
    "W": "دبليو",
    "X": "إكس",
    "Y": "واي",
    "Z": "زد",
}


def split_number(ticket: str) -> tuple[str, int]:
    """'A017' -> ('A', 17)."""
    letters = "".join(ch for ch in ticket if ch.isalpha())
    digits = ticket[len(letters) :]
    if not letters or not digits.isdigit():
        raise ValueError(f"not a ticket number: {ticket!r}")
    return letters, int(digits)


def announcement(ticket: str, window: int, lang: str) -> str:
    """The text of a call, as short as it can be said: «A سبعة عشر، شباك ثلاثة». No "ticket
    number" before it: the chime says a call is coming, and every word is a second of a lobby
    where ten windows call."""
    letters, n = split_number(ticket)
    if lang == "ar":
        return f"{letters} {to_words(n)}، شباك {to_words(window)}"
    return f"{letters}{n}, window {window}"


def spoken(ticket: str, window: int, lang: str) -> str:
    """What the speech engine is given: letters spelled as they are said."""
    letters, n = split_number(ticket)
    if lang == "ar":
        said = " ".join(LETTER_NAMES.get(ch, ch) for ch in letters)
        return f"{said} {to_words(n)}، شباك {to_words(window)}"
    return f"{' '.join(letters)} {n}, window {window}"
