"""The citizens' voice on the public pages: the remark categories for the templates (the phone
page, the window tablet, the kiosk's "complaint or suggestion")."""

from __future__ import annotations

from flask_babel import get_locale

from dorak.domain.remarks import CATEGORY_NAMES, MAX_TEXT, RemarkCategory

from . import bp


@bp.app_template_global()
def remark_categories() -> list[tuple[str, str]]:
    i = 0 if str(get_locale() or "ar") == "ar" else 1
    return [(c.value, CATEGORY_NAMES[c][i]) for c in RemarkCategory]


@bp.app_template_global()
def remark_max_length() -> int:
    return MAX_TEXT
