"""Numbers read out in Arabic with correct grammar, and the call announcements."""

from __future__ import annotations

import pytest

from dorak.domain.arabic_numbers import announcement, split_number, spoken, to_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "صفر"),
        (1, "واحد"),
        (2, "اثنان"),
        (3, "ثلاثة"),
        (8, "ثمانية"),
        (10, "عشرة"),
        (11, "أحد عشر"),
        (12, "اثنا عشر"),
        (13, "ثلاثة عشر"),
        (17, "سبعة عشر"),
        (19, "تسعة عشر"),
        (20, "عشرون"),
        (21, "واحد وعشرون"),
        (22, "اثنان وعشرون"),
        (45, "خمسة وأربعون"),
        (99, "تسعة وتسعون"),
        (100, "مائة"),
        (101, "مائة وواحد"),
        (110, "مائة وعشرة"),
        (111, "مائة وأحد عشر"),
        (123, "مائة وثلاثة وعشرون"),
        (200, "مائتان"),
        (202, "مائتان واثنان"),
        (300, "ثلاثمائة"),
        (999, "تسعمائة وتسعة وتسعون"),
        (1000, "ألف"),
        (1001, "ألف وواحد"),
        (2000, "ألفان"),
        (3500, "ثلاثة آلاف وخمسمائة"),
        (11000, "أحد عشر ألفًا"),
    ],
)
def test_number_words(n: int, words: str) -> None:
    assert to_words(n) == words


def test_every_number_to_999_is_read() -> None:
    seen = {to_words(n) for n in range(1000)}
    assert len(seen) == 1000  # no two numbers read the same
    assert all("  " not in w and " و " not in w and not w.endswith("و") for w in seen)


def test_out_of_range() -> None:
    with pytest.raises(ValueError):
        to_words(-1)
    with pytest.raises(ValueError):
        to_words(1_000_000)


def test_announcements() -> None:
    assert announcement("A123", 3, "ar") == "A مائة وثلاثة وعشرون، شباك ثلاثة"
    assert announcement("A123", 3, "en") == "A123, window 3"
    assert announcement("B017", 10, "ar") == "B سبعة عشر، شباك عشرة"
    assert announcement("B017", 10, "en") == "B17, window 10"
    assert spoken("A123", 3, "ar") == "إيه مائة وثلاثة وعشرون، شباك ثلاثة"
    assert spoken("H005", 9, "en") == "H 5, window 9"


@pytest.mark.parametrize("bad", ["123", "A", "A1B", ""])
def test_split_refuses_non_numbers(bad: str) -> None:
    with pytest.raises(ValueError):
        split_number(bad)


def test_split() -> None:
    assert split_number("AB007") == ("AB", 7)
