"""Every request body is bounded, however it is sent.

A body announced larger than the limit is refused before a byte of it is read. A body sent
without a length (chunked) is read here, up to one byte past the limit, before the
application sees it: too long, it is refused; short enough, the application gets it whole
with its length (so a route that never reads its body, Engine.IO's polling among them, cannot
leave an endless body for the server to drain).

Refusing is a 413 at once, with the connection's read side shut: gunicorn, gevent and
Werkzeug each read and throw away what is left of a body before the next request (4 GB sent
from loopback, never waiting on the socket, froze a gevent loop for 27 s). After the shutdown
the kernel drops what still comes in; the server's drain reads what was already buffered,
then the end of the stream; the client still reads the 413.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
from collections.abc import Callable, Iterable
from typing import Any

from ..messages import message
from .nodelay import WSGIApp, connection_socket

STEP = 16 * 1024


def hang_up_reading(environ: dict[str, Any]) -> None:
    """Read no more of this connection: what the client still sends is dropped by the kernel."""
    sock = connection_socket(environ)
    if sock is not None:
        with contextlib.suppress(OSError, AttributeError):
            sock.shutdown(socket.SHUT_RD)


def read_at_most(stream: Any, limit: int) -> bytes:
    """The body, or `limit + 1` bytes of it when it is longer (that is enough to refuse it)."""
    parts: list[bytes] = []
    got = 0
    while got <= limit:
        chunk = stream.read(min(STEP, limit + 1 - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _too_large(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    hang_up_reading(environ)
    body = json.dumps(
        {"error": "too_large", "message": message("too_large")}, ensure_ascii=False
    ).encode()
    start_response(
        "413 Content Too Large",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]


class BodyLimit:
    """`larger`: (method, path) -> the limit of a route that declares a larger body (the
    logo's upload); every other request has `limit`."""

    def __init__(
        self, app: WSGIApp, limit: int, larger: dict[tuple[str, str], int] | None = None
    ) -> None:
        self.app = app
        self.limit = limit
        self.larger = larger or {}

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        where = (environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", ""))
        limit = self.larger.get(where, self.limit)
        length = environ.get("CONTENT_LENGTH") or ""
        if length.isdigit() and int(length) > limit:
            return _too_large(environ, start_response)
        streamed = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower() or (
            environ.get("wsgi.input_terminated") and not length
        )
        if streamed and environ.get("HTTP_UPGRADE", "").lower() != "websocket":
            body = read_at_most(environ["wsgi.input"], limit)
            if len(body) > limit:
                return _too_large(environ, start_response)
            environ["wsgi.input"] = io.BytesIO(body)
            # From here on a body of known length, no longer chunked.
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("HTTP_TRANSFER_ENCODING", None)
            environ.pop("wsgi.input_terminated", None)
        return self.app(environ, start_response)
