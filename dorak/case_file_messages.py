"""Error messages of case files in Arabic and English (merged into dorak/messages.py)."""

from __future__ import annotations

FILE_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_file_number": (
        "رقم الملف «{number}» ليس بالصيغة المطلوبة، مثال: {example}",
        "File number '{number}' does not have the expected form, e.g. {example}",
    ),
    "no_file_type": (
        "لا توجد ملفات لهذه الخدمة.",
        "This service keeps no case files.",
    ),
    "invalid_file_transition": (
        "لا يمكن نقل الملف {number} من «{from_ar}» إلى «{to_ar}».",
        "File {number} cannot go from '{from_en}' to '{to_en}'.",
    ),
    "file_status_not_used": (
        "هذا النوع من الملفات لا يمر بحالة «{to_ar}».",
        "This kind of file does not go through '{to_en}'.",
    ),
}
