"""File transitions: the moves a file may make, and the bilingual refusal of the others."""

from __future__ import annotations

import pytest

from dorak.domain.case_files import (
    MOVES,
    BadFileNumber,
    FileStatus,
    FileType,
    InvalidFileTransition,
    NoFileType,
    StatusNotUsed,
    clean_number,
    file_type_for,
    next_status,
)
from dorak.messages import message

S = FileStatus
RECON = FileType("recon", "reconciliation", "ملف تصالح", "Reconciliation", r"^\d{1,7}/\d{4}$")
SHORT = FileType("short", "permits", "ترخيص", "Permit", r"^P\d+$", statuses=(S.OPENED, S.COMPLETED))


@pytest.mark.parametrize(
    ("current", "outcome", "chosen", "expected"),
    [
        (S.OPENED, "documents_missing", None, S.DOCUMENTS_MISSING),
        (S.DOCUMENTS_MISSING, "documents_missing", None, S.DOCUMENTS_MISSING),  # still missing
        (S.DOCUMENTS_MISSING, "completed", None, S.COMPLETED),
        (S.OPENED, "referred", None, S.REFERRED),
        (S.REFERRED, "other", S.UNDER_REVIEW, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, "other", S.DECIDED, S.DECIDED),
        (S.DECIDED, "completed", None, S.COMPLETED),
        (S.UNDER_REVIEW, "other", S.REJECTED, S.REJECTED),
        (S.OPENED, "other", None, None),  # "other" leaves the file where it is
        (S.COMPLETED, "other", None, None),
    ],
)
def test_legal_moves(
    current: FileStatus, outcome: str, chosen: FileStatus | None, expected: FileStatus | None
) -> None:
    assert next_status(RECON, current, outcome, chosen, "1/2026") == expected


@pytest.mark.parametrize(
    ("current", "to"),
    [
        (S.COMPLETED, S.DOCUMENTS_MISSING),
        (S.COMPLETED, S.COMPLETED),
        (S.REJECTED, S.UNDER_REVIEW),
        (S.REJECTED, S.COMPLETED),
        (S.DECIDED, S.DOCUMENTS_MISSING),
        (S.DECIDED, S.UNDER_REVIEW),
        (S.OPENED, S.OPENED),
    ],
)
def test_illegal_moves_are_refused_in_both_languages(current: FileStatus, to: FileStatus) -> None:
    with pytest.raises(InvalidFileTransition) as e:
        next_status(RECON, current, "other", to, "77/2026")
    text = message(e.value.code, **e.value.details)
    assert "77/2026" in text["ar"] and "77/2026" in text["en"]
    assert str(to.value).replace("_", " ") in text["en"]
    assert "«" in text["ar"] and "{" not in text["ar"] + text["en"]


def test_closed_files_never_move_again() -> None:
    assert MOVES[S.COMPLETED] == frozenset() and MOVES[S.REJECTED] == frozenset()
    assert all(S.OPENED not in moves for moves in MOVES.values())  # nothing goes back to opened


def test_a_status_the_type_does_not_use_is_refused() -> None:
    with pytest.raises(StatusNotUsed) as e:
        next_status(SHORT, S.OPENED, "documents_missing", None, "P1")
    assert "documents missing" in message(e.value.code, **e.value.details)["en"]
    assert next_status(SHORT, S.OPENED, "completed", None, "P1") == S.COMPLETED


def test_numbers_by_pattern() -> None:
    types = (RECON, SHORT)
    assert file_type_for(types, "reconciliation", "1234/2026") is RECON
    assert clean_number("  ١٢٣٤/٢٠٢٦ ") == "1234/2026"  # Arabic digits as typed
    with pytest.raises(BadFileNumber) as e:
        file_type_for(types, "reconciliation", "1234-2026")
    text = message(e.value.code, **e.value.details)
    assert "1234-2026" in text["en"] and "1234-2026" in text["ar"]
    with pytest.raises(NoFileType):
        file_type_for(types, "shops", "1")
