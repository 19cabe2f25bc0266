"""The center's TOML configuration and its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from dorak.config import ConfigError, load_center, parse_center, sample_text


def test_sample_center_mirrors_a_technological_center() -> None:
    center = load_center()
    assert center.timezone == "Africa/Cairo"
    assert [w.number for w in center.windows] == list(range(1, 11))
    names = {s.name_ar for s in center.services}
    assert "التصالح في مخالفات البناء" in names
    assert "تقنين أوضاع اليد على أراضي الدولة" in names
    assert center.is_group("documents")
    assert {s.code for s in center.children("documents")} == {"certificates", "extracts"}
    assert {p.code for p in center.priorities} == {"elderly", "disabled", "pregnant"}


def test_load_from_file(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text(sample_text().replace("Africa/Cairo", "Asia/Riyadh"), encoding="utf-8")
    assert load_center(p).timezone == "Asia/Riyadh"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the file"):
        load_center(tmp_path / "nope.toml")


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (
            ("services = { permits = 1, shops = 0.5 }", "services = { permits = 1, shopz = 0.5 }"),
            "shopz",
            "window 6: unknown service 'shopz'",
        ),
        (
            ('prefix = "C"', 'prefix = "A"  # twice'),
            'prefix = "A"  # twice',
            "prefix 'A' is used by another",
        ),
        (
            (
                "target_wait_min = 20\nexpected_service_min = 10",
                "target_wait_min = -5\nexpected_service_min = 10",
            ),
            "target_wait_min = -5",
            "must be a positive number",
        ),
        (('timezone = "Africa/Cairo"', 'timezone = "Mars/Olympus"'), "Mars", "unknown time zone"),
        (("number = 7\n", "number = 6\n"), "", "window 6 is listed twice"),
    ],
)
def test_bad_config_names_line_and_problem(
    change: tuple[str, str], needle: str, message: str
) -> None:
    text = sample_text().replace(*change, 1)
    assert text != sample_text()
    with pytest.raises(ConfigError) as e:
        parse_center(text, "center.toml")
    assert message in str(e.value)
    assert str(e.value).startswith("center.toml:")
    if needle:
        assert e.value.line == _line(text, needle)


def test_toml_syntax_error_has_a_line() -> None:
    text = sample_text().replace('name_en = "Shop licences"', 'name_en = "Shop licences', 1)
    with pytest.raises(ConfigError) as e:
        parse_center(text, "c.toml")
    assert "not valid TOML" in str(e.value)
    assert e.value.line == _line(text, 'name_en = "Shop licences')


def test_names_are_checked_as_the_api_checks_them() -> None:
    text = sample_text()
    first_name = next(line for line in text.splitlines() if line.startswith("name_en"))
    long = text.replace(first_name, f'name_en = "{"x" * 10_000}"', 1)
    with pytest.raises(ConfigError, match="longer than 150 characters") as e:
        parse_center(long)
    assert e.value.line == _line(long, "x" * 100)
    hidden = text.replace(first_name, 'name_en = "Center\\u202e"', 1)
    with pytest.raises(ConfigError, match=r"invisible character \(U\+202E\)"):
        parse_center(hidden)
    label = sample_text().replace(
        "[[windows]]\nnumber = 1\n", '[[windows]]\nnumber = 1\nlabel_en = "W\\n1"\n', 1
    )
    assert label != text
    with pytest.raises(ConfigError, match=r"\[\[windows\]\] #1: 'label_en' holds a control"):
        parse_center(label)
    # What Dorak stored itself is read as it is: an older version accepted such names.
    assert parse_center(hidden, "database", strict=False).name_en == "Center\u202e"


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_bytes(sample_text().encode("utf-8").replace(b"Africa/Cairo", b"Africa/Cair\xf6"))
    with pytest.raises(ConfigError, match=r"not UTF-8 text \(byte 0xf6\)") as e:
        load_center(p)
    assert e.value.line == _line(sample_text(), "Africa/Cairo")
