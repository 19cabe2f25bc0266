"""Which characters a text may hold, by what the text is for.

Names are printed on tickets and shown in the lobby; usernames decide who someone is. In
those, invisible characters (zero-width spaces and joiners, bidi overrides) would let two
different strings look the same ("admin" and "admin" + U+200B) or show something else than
what is stored (U+202E turns the rest of a line around), and control characters break lines
on paper and screens. Free texts (notes, comments) may hold line breaks and the
direction marks that mixed Arabic and English sometimes needs; lone surrogates are never
text (SQLite and every encoder refuse them)."""

from __future__ import annotations

import unicodedata
from enum import Enum


class TextKind(Enum):
    USERNAME = "username"  # one word: no spaces, nothing invisible
    NAME = "name"  # one line shown big: nothing invisible
    LINE = "single-line"  # one line of free text (a notice, a pause reason)
    NOTE = "multi-line"  # several lines of free text (a note, a comment)


# Left-to-right, right-to-left and Arabic letter marks: invisible, but they only place
# neutral characters (a full stop, a bracket) next to the right words.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
LINE_BREAKS = frozenset("\n\r\t")


def char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def text_problem(text: str, kind: TextKind) -> str | None:
    """The first character `text` may not hold as `kind` ("U+202E"), or None when it is fine."""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":  # a lone surrogate
            return char_name(ch)
        if category == "Cc" and not (kind is TextKind.NOTE and ch in LINE_BREAKS):
            return char_name(ch)
        if category in ("Zl", "Zp"):  # U+2028, U+2029: line breaks that look like nothing
            return char_name(ch)
        if category == "Cf" and not (
            kind in (TextKind.LINE, TextKind.NOTE) and ch in DIRECTION_MARKS
        ):
            return char_name(ch)  # bidi overrides and isolates, zero-width characters
        if kind in (TextKind.USERNAME, TextKind.NAME) and category in ("Co", "Cn"):
            return char_name(ch)  # private use or unassigned: no font shows it
        if kind is TextKind.USERNAME and category.startswith("Z"):
            return char_name(ch)
    return None


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
