"""Enrolling a device from the admin page: the link to open on it and the same link as a QR
code, so nobody types a token (or a command line) on a kiosk."""

from __future__ import annotations

import io
from urllib.parse import quote

import qrcode
import qrcode.image.svg


def enrol_path(role: str, token: str, window: int | None) -> str | None:
    """The page that enrols a device of this role, or None (tokens for scripts)."""
    if role == "kiosk":
        return f"/kiosk?token={quote(token)}"
    if role == "display" and window is not None:
        return f"/rate/window/{window}?token={quote(token)}"
    return None


def qr_svg(text: str) -> str:
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    img.save(out)
    return out.getvalue().decode()


def enrolment(base_url: str, role: str, token: str, window: int | None) -> dict[str, str]:
    path = enrol_path(role, token, window)
    if path is None:
        return {}
    link = base_url.rstrip("/") + path
    return {"link": link, "qr_svg": qr_svg(link)}
