"""Languages: Arabic (right-to-left) by default, English one tap away. Page text lives in
Flask-Babel catalogs (dorak/translations/*/LC_MESSAGES/messages.po)."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel, get_locale

LANGS = ("ar", "en")


def select_lang() -> str:
    lang = request.args.get("lang") or request.cookies.get("lang") or "ar"
    return lang if lang in LANGS else "ar"


def init_i18n(app: Flask) -> None:
    Babel(app, locale_selector=select_lang, default_translation_directories="translations")

    @app.context_processor
    def _lang() -> dict[str, object]:
        lang = str(get_locale() or "ar")
        return {
            "lang": lang,
            "dir": "rtl" if lang == "ar" else "ltr",
            "other_lang": "en" if lang == "ar" else "ar",
        }

    @app.after_request
    def _remember(response):  # type: ignore[no-untyped-def]
        chosen = request.args.get("lang")
        if chosen in LANGS:
            response.set_cookie("lang", chosen, max_age=365 * 86400, samesite="Lax")
        return response
