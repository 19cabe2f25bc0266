"""Where a printer address may point on this machine.

An admin types the printer's address on the admin page; python-escpos opens a `file://` path
for writing (truncating it) and a `serial://` path for reading and writing. Left open, that
is a way to overwrite any file the server can write: the secret key (the next start fails),
the database, the backups. So a path must be a device node under /dev (a USB or parallel
printer, a serial port), or, for `file://`, lie in a folder the operator named in
DORAK_PRINTER_FILE_DIR, which itself may not hold the instance folder or the database. Paths
are compared after resolving symbolic links."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from printer.drivers import PrinterFault, PrinterSpec

DEVICES = Path("/dev")
NOT_DEVICES = (Path("/dev/shm"), Path("/dev/mqueue"))  # ordinary files live there


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class PrinterPaths:
    instance: Path  # the secret key, backups, printed tickets (and usually the database)
    database: Path
    file_dir: Path | None = None  # DORAK_PRINTER_FILE_DIR

    def __post_init__(self) -> None:
        if self.file_dir is None:
            return
        folder = _real(self.file_dir)
        for kept in (_real(self.instance), _real(self.database).parent):
            if _within(folder, kept) or _within(kept, folder):
                raise ValueError(
                    f"DORAK_PRINTER_FILE_DIR={self.file_dir} must be a folder of its own, "
                    f"outside {kept} (the instance folder and the database's folder)"
                )

    def _kept(self, path: Path) -> bool:
        """The instance folder, or the database and the files SQLite keeps beside it."""
        db = _real(self.database)
        beside_db = path.parent == db.parent and path.name.startswith(db.name)
        return _within(path, _real(self.instance)) or beside_db

    def check(self, spec: PrinterSpec) -> None:
        """Refuse (PrinterFault "config") a file or serial address that points elsewhere."""
        if spec.kind not in ("file", "serial"):
            return
        path = _real(spec.target)
        if self._kept(path):
            raise PrinterFault("config", f"{spec.target}: that is Dorak's own data, not a printer")
        if _within(path, DEVICES) and not any(_within(path, p) for p in NOT_DEVICES):
            try:
                mode = path.stat().st_mode
            except FileNotFoundError:
                return  # a printer not plugged in yet
            if stat.S_ISCHR(mode):
                return
            raise PrinterFault("config", f"{spec.target} is not a device")
        folder = _real(self.file_dir) if spec.kind == "file" and self.file_dir else None
        if folder is not None and folder in path.parents:
            return
        where = f" or in {self.file_dir}" if folder else ""
        raise PrinterFault(
            "config",
            f"{spec.target}: a printer path must be a device under /dev{where} "
            "(DORAK_PRINTER_FILE_DIR names a folder for printing to files)",
        )
