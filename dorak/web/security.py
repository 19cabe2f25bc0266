"""Security headers on every response, and a throttle on sign-in attempts."""

from __future__ import annotations

from flask import Flask
from flask.typing import ResponseReturnValue

# Everything Dorak serves is its own (no CDN): scripts, styles, fonts, images, audio, sockets.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; media-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def _headers(response: ResponseReturnValue) -> ResponseReturnValue:
        h = response.headers  # type: ignore[union-attr]
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
