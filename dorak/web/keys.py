"""Keyboard shortcuts by physical key (KeyboardEvent.code), shown as the page's language types
them: on the Arabic (101) layout the key marked N types «ى», so an Arabic page shows «ى»."""

from __future__ import annotations

from flask_babel import get_locale

# The Arabic (101) layout's letter on each Latin letter key.
ARABIC_101 = {
    "KeyQ": "ض", "KeyW": "ص", "KeyE": "ث", "KeyR": "ق", "KeyT": "ف", "KeyY": "غ",
    "KeyU": "ع", "KeyI": "ه", "KeyO": "خ", "KeyP": "ح", "KeyA": "ش", "KeyS": "س",
    "KeyD": "ي", "KeyF": "ب", "KeyG": "ل", "KeyH": "ا", "KeyJ": "ت", "KeyK": "ن",
    "KeyL": "م", "KeyZ": "ئ", "KeyX": "ء", "KeyC": "ؤ", "KeyV": "ر", "KeyB": "لا",
    "KeyN": "ى", "KeyM": "ة",
}  # fmt: skip


def key_labels(lang: str | None = None) -> dict[str, str]:
    """code -> what to print on the button ("KeyN" -> "ى" in Arabic, "N" in English)."""
    lang = lang or str(get_locale() or "ar")
    if lang == "ar":
        return dict(ARABIC_101)
    return {code: code.removeprefix("Key") for code in ARABIC_101}
