"""Error messages of case files and remarks, Arabic and English (merged into messages.py)."""

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
    "too_many_remarks": (
        "وصلت ملاحظاتك إلى الحد المسموح لهذه التذكرة. شكرًا لك، ستصل إلى المشرف.",
        "This ticket has sent as many remarks as it may. Thank you: they reach the supervisor.",
    ),
    "empty_remark": ("اكتب ملاحظتك أولًا.", "Please write your remark first."),
    "unknown_remark": ("الملاحظة غير موجودة.", "No such remark."),
    "remark_closed": ("أُغلقت هذه الملاحظة.", "This remark is closed."),
    "remarks_rate_limited": (
        "أُرسلت ملاحظات كثيرة من هذا الجهاز. حاول بعد قليل.",
        "Many remarks were sent from this kiosk. Please try again in a while.",
    ),
    "reason_needed": (
        "تُنادى هذه التذكرة قبل تذاكر أقدم تنتظر، عددها {count}: {skipped}. اذكر السبب.",
        "Calling this ticket skips {count} older waiting ticket(s) ({skipped}). Give a reason.",
    ),
    "alert_out_of_order": (
        "الموظف {clerk} نادى {count} تذاكر خارج الدور خلال الساعة الأخيرة.",
        "Clerk {clerk} called {count} tickets out of order in the last hour.",
    ),
}
