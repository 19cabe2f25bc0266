"""A virtual ESC/POS network printer: accepts raw jobs over TCP (like port 9100), answers the
status queries, can be made offline / out of paper / silent, and saves each ticket as a PNG."""

from __future__ import annotations

import logging
import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from .decode import Decoder

log = logging.getLogger(__name__)

# DLE EOT replies: bits 1 and 4 always set; bit 3 = offline; paper bits as python-escpos reads them.
ONLINE, OFFLINE = 0x12, 0x1A
KEEP_IN_MEMORY = 20
PAPER_OK, PAPER_LOW, PAPER_OUT = 0x12, 0x1E, 0x72


@dataclass
class PrinterState:
    online: bool = True
    paper: str = "ok"  # ok | low | out
    silent: bool = False  # accepts the connection but never answers (a hung printer)
    refuse: bool = False  # drops connections at once (unplugged)
    drop_after: int | None = None  # hangs up after this many bytes (pulled out mid-job)
    jobs: list[Image.Image] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    done_at: list[float] = field(default_factory=list)  # time.time() of each job's last byte


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        state = self.server.state
        if state.refuse:
            return
        sock: socket.socket = self.request
        sock.settimeout(30)
        received = bytearray()

        def answer(n: int) -> None:
            if state.silent:
                return
            if n == 1:
                sock.sendall(bytes([ONLINE if state.online else OFFLINE]))
            elif n == 4:
                sock.sendall(
                    bytes([{"ok": PAPER_OK, "low": PAPER_LOW}.get(state.paper, PAPER_OUT)])
                )
            else:
                sock.sendall(b"\x12")

        decoder = Decoder(on_query=answer)
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            received += chunk
            if state.drop_after is not None and len(received) >= state.drop_after:
                sock.close()
                return  # half a ticket: nothing comes out of a printer that lost power
            decoder.feed(chunk)
        last_byte = time.time()
        pages = decoder.finish().pages
        if not state.online or state.paper == "out":
            pages = []  # a real printer in that state prints nothing
        with self.server.lock:
            state.raw.append(bytes(received))
            state.done_at.append(last_byte)
            for page in pages:
                state.jobs.append(page)
                self.server.save(page)


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, addr: tuple[str, int], out_dir: Path | None) -> None:
        super().__init__(addr, _Handler)
        self.state = PrinterState()
        self.lock = threading.Lock()
        self.out_dir = out_dir
        self.count = 0

    def save(self, page: Image.Image) -> None:
        self.count += 1
        # Keep only the latest jobs in memory (tests read them); the PNGs are on disk.
        del self.state.jobs[:-KEEP_IN_MEMORY]
        del self.state.raw[:-KEEP_IN_MEMORY]
        del self.state.done_at[:-KEEP_IN_MEMORY]
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            path = self.out_dir / f"ticket-{self.count:05d}.png"
            page.save(path)
            log.info("virtual printer: saved %s", path)


class VirtualPrinter:
    """`with VirtualPrinter() as p:` serves on a free loopback port (p.port)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, out_dir: Path | None = None) -> None:
        self.server = _Server((host, port), out_dir)
        self.host, self.port = self.server.server_address[:2]
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> PrinterState:
        return self.server.state

    def start(self) -> VirtualPrinter:
        self._thread = threading.Thread(
            target=self.server.serve_forever, daemon=True, name="virtual-printer"
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        self.server.serve_forever()
