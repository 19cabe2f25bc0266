"""Case files (ملفات): a citizen's file that lives across visits, e.g. a building-violation
reconciliation file 1234/2026. A file type belongs to a service and says how its numbers look
and which statuses its files go through; a visit's outcome moves the file, and only along the
moves below. Plain Python: no Flask, no SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError


class FileStatus(StrEnum):
    OPENED = "opened"
    DOCUMENTS_MISSING = "documents_missing"
    UNDER_REVIEW = "under_review"
    DECIDED = "decided"
    COMPLETED = "completed"
    REJECTED = "rejected"
    REFERRED = "referred"


STATUS_NAMES: dict[FileStatus, tuple[str, str]] = {
    FileStatus.OPENED: ("مفتوح", "opened"),
    FileStatus.DOCUMENTS_MISSING: ("مستندات ناقصة", "documents missing"),
    FileStatus.UNDER_REVIEW: ("قيد المراجعة", "under review"),
    FileStatus.DECIDED: ("صدر القرار", "decided"),
    FileStatus.COMPLETED: ("منجز", "completed"),
    FileStatus.REJECTED: ("مرفوض", "rejected"),
    FileStatus.REFERRED: ("محال لجهة أخرى", "referred"),
}

CLOSED = frozenset({FileStatus.COMPLETED, FileStatus.REJECTED})  # no visit moves these again
_WORKING = frozenset(
    {
        FileStatus.DOCUMENTS_MISSING,
        FileStatus.UNDER_REVIEW,
        FileStatus.DECIDED,
        FileStatus.COMPLETED,
        FileStatus.REJECTED,
        FileStatus.REFERRED,
    }
)
# Where a file may go from each status. A visit may leave an open file where it is
# (documents still missing, still under review); a decided file is no longer short of
# documents; a referred file comes back to be reviewed or decided.
MOVES: dict[FileStatus, frozenset[FileStatus]] = {
    FileStatus.OPENED: _WORKING,
    FileStatus.DOCUMENTS_MISSING: _WORKING,
    FileStatus.UNDER_REVIEW: _WORKING,
    FileStatus.DECIDED: frozenset(
        {FileStatus.DECIDED, FileStatus.COMPLETED, FileStatus.REJECTED, FileStatus.REFERRED}
    ),
    FileStatus.REFERRED: _WORKING,
    FileStatus.COMPLETED: frozenset(),
    FileStatus.REJECTED: frozenset(),
}

# The visit's outcome (dorak.domain.model.Outcome values) moves the file there unless the clerk
# names a status; "other" leaves the file where it is.
BY_OUTCOME: dict[str, FileStatus] = {
    "completed": FileStatus.COMPLETED,
    "documents_missing": FileStatus.DOCUMENTS_MISSING,
    "referred": FileStatus.REFERRED,
}

# Digits as a clerk may type them or a scanner send them: Arabic-Indic and Persian to ASCII.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _names(prefix: str, status: FileStatus | str) -> dict[str, str]:
    ar, en = STATUS_NAMES.get(FileStatus(status), (str(status), str(status)))
    return {f"{prefix}_ar": ar, f"{prefix}_en": en}


class BadFileNumber(DomainError):
    code = "bad_file_number"
    status = 400


class NoFileType(DomainError):
    code = "no_file_type"
    status = 400


class InvalidFileTransition(DomainError):
    code = "invalid_file_transition"

    def __init__(self, current: FileStatus, to: FileStatus, number: str) -> None:
        super().__init__(number=number, **_names("from", current), **_names("to", to))


class StatusNotUsed(DomainError):
    code = "file_status_not_used"
    status = 400

    def __init__(self, to: FileStatus, file_type: str) -> None:
        super().__init__(file_type=file_type, **_names("to", to))


@dataclass(frozen=True)
class FileType:
    code: str
    service: str
    name_ar: str
    name_en: str
    pattern: str  # a regular expression the whole number must match, e.g. ^\d{1,7}/\d{4}$
    example: str = ""
    statuses: tuple[FileStatus, ...] = tuple(FileStatus)

    def matches(self, number: str) -> bool:
        return re.fullmatch(self.pattern, number) is not None


@dataclass(frozen=True)
class CaseFile:
    id: int
    file_type: str
    number: str
    service: str
    status: FileStatus
    opened_at: float
    opened_day: str
    updated_at: float

    @property
    def closed(self) -> bool:
        return self.status in CLOSED


def clean_number(text: str) -> str:
    """The number as typed or scanned: spaces around it dropped, Arabic digits made Latin."""
    return text.strip().translate(_DIGITS)


def file_type_for(types: tuple[FileType, ...], service: str, number: str) -> FileType:
    """The file type of `service` whose pattern the number matches (the first one when a
    service has several)."""
    mine = [t for t in types if t.service == service]
    if not mine:
        raise NoFileType(service=service)
    for t in mine:
        if t.matches(number):
            return t
    example = mine[0].example or mine[0].pattern
    raise BadFileNumber(number=number, example=example)


def next_status(
    file_type: FileType, current: FileStatus, outcome: str, chosen: FileStatus | None, number: str
) -> FileStatus | None:
    """Where a finished visit moves the file (None: it stays where it is). Raises
    InvalidFileTransition for a move the file's status refuses, StatusNotUsed for a status
    this file type does not go through."""
    to = chosen or BY_OUTCOME.get(outcome)
    if to is None:
        return None
    if to not in file_type.statuses:
        raise StatusNotUsed(to, file_type.code)
    if to not in MOVES[current]:
        raise InvalidFileTransition(current, to, number)
    return to
