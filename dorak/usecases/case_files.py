"""Case files at the window: attach the visit to a file by its number (typed, or scanned: a
scanner types the number and Enter), and move the file when the visit finishes, in the finish's
own transaction. Reads: a file's history for staff, what the citizen is told to do next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain import errors
from ..domain.case_files import (
    CaseFile,
    FileStatus,
    FileType,
    clean_number,
    file_type_for,
    next_status,
)
from ..domain.roles import Principal
from ..domain.ticket import Ticket, about
from .base import UseCase


@dataclass(frozen=True)
class CaseFileChanged:
    """A visit was attached to a file (the finish that moves it is a TicketUpdated)."""

    file_id: int
    window: int | None


@dataclass(frozen=True)
class FileRecord:
    file: CaseFile
    visits: list[dict[str, Any]]  # oldest first (dorak/store/case_files.py VISIT_KEYS)
    ticket_id: int | None = None  # the visit at the window now, when read for a window


class CaseFileActions(UseCase):
    def _file_type(self, code: str) -> FileType | None:
        return next((t for t in self.center.file_types if t.code == code), None)

    def attach_file(
        self, window: int, clerk: str | None, number: str, by: Principal | None = None
    ) -> tuple[FileRecord, list[Any]]:
        """Attach the ticket at the window to file `number` of its service's file type; a
        number seen for the first time opens the file."""
        self._window(window)
        number = clean_number(number)
        at = self.now()
        with self.store.write():
            t = self.store.tickets.at_window(window)
            if t is None:
                raise errors.WindowIdle(window=window)
            ft = file_type_for(self.center.file_types, t.service, number)
            rows = self.store.case_files
            f = rows.find(ft.code, number)
            opened = f is None
            if f is None:
                f = rows.open(ft.code, number, t.service, at, t.day)
            before = rows.visit_of(t.id)
            if before is not None and before["finished_at"] is not None:
                raise errors.InvalidTransition(status=t.status.value, action="attach_file")
            if before is None or before["file_id"] != f.id:
                rows.attach(f.id, t.id, at, t.day, window, clerk)
                replaced = None
                if before is not None:  # a wrong number typed first: that link is undone
                    old = rows.get(before["file_id"])
                    replaced = old.number if old else None
                    rows.drop_if_unvisited(before["file_id"])
                details = {"file_type": ft.code, "file_number": number, "status": f.status.value}
                extra: dict[str, Any] = {"opened": True} if opened else {}
                if replaced:
                    extra["replaces"] = replaced
                entry = about(
                    t, "file_attached", at, window=window, clerk=clerk, **details, **extra
                )
                self._record(t, entry)
                self._audit(by, "file_attach", at, window=window, ticket=t.number, file=number)
            record = FileRecord(f, rows.history(f.id), t.id)
        return record, [CaseFileChanged(f.id, window)]

    def _file_after_finish(
        self,
        done: Ticket,
        at: float,
        file_status: str | None,
        note: str | None,
        next_step: str | None,
    ) -> None:
        """Inside the finish's write: move the ticket's file, if it has one. An illegal move
        raises, and the finish with it is rolled back."""
        rows = self.store.case_files
        visit = rows.visit_of(done.id)
        if visit is None:
            return
        f = rows.get(visit["file_id"])
        assert f is not None and done.outcome is not None
        ft = self._file_type(f.file_type) or FileType(f.file_type, f.service, "", "", ".*")
        chosen = FileStatus(file_status) if file_status else None
        to = next_status(ft, f.status, done.outcome, chosen, f.number)
        after = to or f.status
        rows.finish_visit(done.id, at, done.outcome, f.status, after, note, next_step)
        if to is not None:
            rows.set_status(f.id, after, at)
        moved = {"from": f.status.value, "to": after.value, "next_step": next_step}
        entry = about(
            done,
            "file_moved",
            at,
            file_type=f.file_type,
            file_number=f.number,
            outcome=done.outcome,
            **moved,
        )
        self._record(done, entry)

    # -- reads -------------------------------------------------------------------------------
    def file_at_window(self, window: int) -> FileRecord | None:
        """The file of the ticket at the window now (None: no ticket, or no file yet)."""
        t = self.store.tickets.at_window(window)
        visit = self.store.case_files.visit_of(t.id) if t else None
        if t is None or visit is None:
            return None
        f = self.store.case_files.get(visit["file_id"])
        assert f is not None
        return FileRecord(f, self.store.case_files.history(f.id), t.id)

    def find_files(self, number: str) -> list[FileRecord]:
        """Every file with this number (of any type), with its history."""
        rows = self.store.case_files
        return [FileRecord(f, rows.history(f.id)) for f in rows.by_number(clean_number(number))]

    def next_step_of(self, t: Ticket) -> str | None:
        """What the clerk told the citizen to do next, for the citizen's own finished visit
        (read from its finish entry: a visit needs no file to be told what to bring)."""
        for entry in reversed(self.store.log.of_ticket(t.id)):
            if entry.kind == "finish":
                step = entry.details.get("next_step")
                return str(step) if step else None
        return None
