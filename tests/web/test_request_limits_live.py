"""Bodies over the limit, against the real servers (the production start first): refused with a
413 without the rest being read, however they are sent, and the center goes on serving."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.live import LiveServer, dorak_cli

SERVERS = {
    "gunicorn-gevent": ("gunicorn-gevent", {}),
    "serve": ("serve", {}),
    "serve-gevent": ("serve", {"DORAK_ASYNC_MODE": "gevent"}),
    "gunicorn-threads": ("gunicorn-threads", {}),
}
WANTED = 256 * 2**20  # what the client would send if nobody stopped it
STOPPED_WITHIN = 64 * 2**20
LIMIT = 64 * 1024  # DORAK_MAX_CONTENT_LENGTH  # socket buffers on both sides hold a few MB at most


@pytest.fixture(params=sorted(SERVERS))
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    how, env = SERVERS[request.param]
    dorak_cli(tmp_path, "init")
    live = LiveServer(
        tmp_path,
        how=how,
        env={"DORAK_PRINTER": "none", "DORAK_DISPLAY_VOICE": "false", **env},
    ).start()
    yield live
    live.stop()


def _answer(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def send_endless_chunked(port: int, path: str) -> tuple[bytes, int]:
    """POST a chunked body that would go on for 256 MB; keep sending after the answer came.
    Returns the answer's head and how much the connection took before it refused more."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"[" * 65536
    frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(_answer(sock)))
    reader.start()
    sent = 0
    try:
        sock.sendall(head.encode())
        while sent < WANTED:
            sock.sendall(frame)
            sent += len(frame)
    except OSError:  # reset / broken pipe: the server stopped reading
        pass
    reader.join(30)
    sock.close()
    return (got[0] if got else b""), sent


@pytest.mark.parametrize(
    "path", ["/api/v1/tickets/x/rating", "/socket.io/?EIO=4&transport=polling"]
)
def test_endless_chunked_body_is_refused_without_reading_it(server: LiveServer, path: str) -> None:
    answer, sent = send_endless_chunked(server.port, path)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < STOPPED_WITHIN, f"the server read on: {sent / 2**20:.0f} MB taken"
    r = requests.get(f"{server.url}/api/v1/state", timeout=30)
    assert r.status_code == 200 and len(r.json()["windows"]) == 10


def test_announced_huge_body_is_refused_before_it_is_sent(server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 4294967296\r\n\r\n"
        )
        answer = _answer(sock)  # nothing of the body was sent: the answer cannot wait for it
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    r = requests.post(
        f"{server.url}/api/v1/tickets/x/rating",
        data=iter([b'{"stars": ', b"5}"]),  # a generator: sent chunked
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 404 and r.json()["error"] == "unknown_ticket"  # small: read whole
    exactly = b'{"stars": 5}'.ljust(LIMIT)  # the limit itself is fine
    for body, status in ((exactly, 404), (exactly + b" ", 413)):
        r = requests.post(
            f"{server.url}/api/v1/tickets/x/rating",
            data=iter([body[:30_000], body[30_000:]]),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        assert r.status_code == status, r.text[:200]
    r = requests.post(
        f"{server.url}/api/v1/tickets/x/rating",
        data=iter([b"[" * 40_000, b"[" * 40_000]),  # a generator: sent chunked
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 413
    body = r.json()
    assert body["error"] == "too_large" and body["message"]["ar"] and body["message"]["en"]
