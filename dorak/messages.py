"""Error messages in Arabic and English, keyed by the stable error code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "queue_empty": (
        "لا توجد تذاكر في الانتظار لهذا الشباك.",
        "No tickets are waiting for this window.",
    ),
    "invalid_transition": (
        "لا يمكن تنفيذ هذا الإجراء على التذكرة في حالتها الحالية ({status}).",
        "This action is not possible while the ticket is {status}.",
    ),
    "unknown_service": ("الخدمة «{service}» غير موجودة.", "There is no service '{service}'."),
    "unknown_window": ("الشباك رقم {window} غير موجود.", "There is no window {window}."),
    "unknown_priority": (
        "فئة الأولوية «{priority}» غير معروفة.",
        "Unknown priority category '{priority}'.",
    ),
    "unknown_ticket": ("التذكرة غير موجودة.", "No such ticket."),
    "unknown_outcome": ("نتيجة الخدمة «{outcome}» غير معروفة.", "Unknown outcome '{outcome}'."),
    "service_is_group": (
        "اختر خدمة فرعية من «{service}».",
        "Choose one of the sub-services of '{service}'.",
    ),
    "service_closed": (
        "الخدمة مغلقة حاليًا، لا تصدر لها تذاكر.",
        "This service is closed for new tickets now.",
    ),
    "outside_hours": (
        "لا تُصدر تذاكر لهذه الخدمة الآن. تُصدر مرة أخرى {opens}.",
        "No tickets for this service now. Tickets again {opens_en}.",
    ),
    "no_staffed_window": (
        "لا يوجد موظف على شباك لهذه الخدمة الآن. اسأل الاستعلامات من فضلك.",
        "No clerk is at a window for this service now. Please ask at the reception.",
    ),
    "center_closed": (
        "المركز مغلق الآن. نفتح {opens}.",
        "The center is closed now. We open {opens_en}.",
    ),
    "no_window_open": (
        "لا يوجد شباك مفتوح الآن. انتظر قليلًا أو اسأل الاستعلامات من فضلك.",
        "No window is open right now. Please wait a moment or ask at the reception.",
    ),
    "window_paused": (
        "الشباك {window} متوقف مؤقتًا. استأنف العمل أولًا.",
        "Window {window} is paused. Resume it first.",
    ),
    "window_busy": (
        "الشباك {window} يخدم التذكرة {number}. أنهِها أولًا.",
        "Window {window} is still handling ticket {number}. Finish it first.",
    ),
    "window_idle": ("لا توجد تذكرة عند الشباك {window}.", "No ticket is at window {window}."),
    "not_served_here": (
        "التذكرة {number} لخدمة لا يقدمها الشباك {window}.",
        "Ticket {number} is for a service window {window} does not offer.",
    ),
    "same_service": ("التذكرة في هذه الخدمة بالفعل.", "The ticket is in that service already."),
    "unauthorized": ("يلزم تسجيل الدخول أو رمز جهاز صالح.", "Sign in or use a valid device token."),
    "forbidden": ("ليس لديك صلاحية لهذا الإجراء.", "You are not allowed to do this."),
    "csrf": (
        "انتهت صلاحية النموذج. أعد تحميل الصفحة وحاول مرة أخرى.",
        "The form has expired. Reload the page and try again.",
    ),
    "bad_request": ("الطلب غير صالح: {detail}", "Invalid request: {detail}"),
    "bad_text": (
        "الحقل «{field}» فيه حرف غير مسموح به هنا ({char}): حرف تحكم أو حرف غير مرئي.",
        "'{field}' holds a character that is not allowed there ({char}): a control or an "
        "invisible character.",
    ),
    "not_json": ("يجب أن يكون جسم الطلب JSON.", "The request body must be JSON."),
    "restore_too_late": (
        "لا يمكن إعادة التذكرة {number} إلى الانتظار: مرّ أكثر من {minutes} دقيقة على تسجيلها "
        "«لم يحضر» أو انتهى يومها. يصدر الاستقبال تذكرة جديدة.",
        "Ticket {number} cannot go back in line: it was marked a no-show more than {minutes} "
        "minutes ago, or its day has ended. Reception issues a new ticket.",
    ),
    "not_your_no_show": (
        "لا يعيد التذكرة {number} إلى الانتظار إلا الموظف الذي سجّلها «لم يحضر» أو المشرف.",
        "Only the clerk who marked ticket {number} a no-show, or a supervisor, can put it back.",
    ),
    "too_large": ("الطلب أكبر من المسموح.", "The request is too large."),
    "not_found": ("غير موجود.", "Not found."),
    "method_not_allowed": ("طريقة الطلب غير مسموحة.", "Method not allowed."),
    "unavailable": ("تعذر حفظ العملية، حاول مرة أخرى.", "Could not save, please try again."),
    "internal": ("حدث خطأ غير متوقع، لم يُحفظ شيء.", "Unexpected error; nothing was saved."),
    "printer_ok": ("الطابعة تعمل.", "The printer is working."),
    "printer_paper_low": ("ورق الطابعة أوشك على النفاد.", "The printer's paper is running low."),
    "printer_paper_out": (
        "نفد ورق الطابعة. خذ رقمك من الشاشة أو صوّر رمز QR.",
        "The printer is out of paper. Note your number or scan the QR code.",
    ),
    "printer_offline": (
        "الطابعة غير متصلة. خذ رقمك من الشاشة أو صوّر رمز QR.",
        "The printer is offline. Note your number or scan the QR code.",
    ),
    "printer_timeout": (
        "الطابعة لا تستجيب. خذ رقمك من الشاشة أو صوّر رمز QR.",
        "The printer does not answer. Note your number or scan the QR code.",
    ),
    "printer_error": (
        "تعذرت الطباعة. خذ رقمك من الشاشة أو صوّر رمز QR.",
        "Printing failed. Note your number or scan the QR code.",
    ),
    "printer_config": ("لا توجد طابعة مهيأة.", "No printer is configured."),
    "printer_none": ("لا توجد طابعة مهيأة.", "No printer is configured."),
    "printer_unknown": ("لم تُستخدم الطابعة بعد.", "The printer has not been used yet."),
    "rate_limited": (
        "من فضلك انتظر لحظة، ثم اختر خدمتك مرة أخرى.",
        "Please wait a moment, then choose your service again.",
    ),
    "not_printed_here": (
        "لا يمكن إعادة طباعة هذه التذكرة من هذا الجهاز.",
        "This ticket cannot be reprinted from this device.",
    ),
    "login_throttled": (
        "محاولات دخول كثيرة. انتظر بضع دقائق ثم حاول مرة أخرى.",
        "Too many sign-in attempts. Wait a few minutes and try again.",
    ),
    "alert_service_overdue": (
        "«{service}»: أقدم تذكرة تنتظر منذ {minutes} دقيقة، فوق الهدف.",
        "{service_en}: the oldest ticket has waited {minutes} min, past the target.",
    ),
    "alert_database": (
        "تعذر الحفظ في قاعدة البيانات ({detail}). الأكشاك والشبابيك تطلب إعادة المحاولة. "
        "تحقق من القرص: ممتلئ؟ للقراءة فقط؟",
        "Saving to the database failed ({detail}). Kiosks and windows are asked to try again. "
        "Check the disk: full? read-only?",
    ),
    "alert_display_muted": (
        "الشاشة «{screen}» لا تستطيع تشغيل الصوت: النداءات لا تُسمع. شغّلها بمشغّل الشاشات "
        "(scripts/screen-launcher.sh) أو المس الشاشة مرة.",
        "Screen '{screen}' cannot play sound: calls are not heard. Start it with the screen "
        "launcher (scripts/screen-launcher.sh) or touch it once.",
    ),
    "alert_database_damaged": (
        "ملف قاعدة البيانات تالف، ولا يمكن الاعتماد على ما يُحفظ فيه. أوقف الخادم واسترجع آخر "
        "نسخة احتياطية سليمة. التفاصيل: {detail}",
        "The database file is damaged: what is saved in it cannot be relied on. Stop the "
        "server and restore the latest sound backup. Details: {detail}",
    ),
    "alert_window_paused": (
        "الشباك {window} متوقف منذ {minutes} دقيقة ({reason}).",
        "Window {window} has been paused for {minutes} min ({reason}).",
    ),
    "not_rateable": ("يمكن التقييم بعد انتهاء الخدمة فقط.", "You can rate once the visit is done."),
    "already_rated": ("شكرًا، تم تسجيل تقييمك من قبل.", "Thank you, your rating is already in."),
    "service_in_use": (
        "لا يمكن إيقاف الخدمة «{service}»: عليها {count} تذكرة لم تنته بعد. "
        "أغلقها لإصدار التذاكر وانتظر حتى تنتهي.",
        "Service '{service}' still has {count} ticket(s) not finished: close it "
        "for new tickets and wait until they are served.",
    ),
    "prefix_in_use": (
        "لا يمكن تغيير حرف الخدمة «{service}» اليوم: صدرت لها تذاكر اليوم. غيّره غدًا قبل بدء العمل.",
        "The ticket letter of '{service}' cannot change today: tickets were "
        "issued with it. Change it tomorrow before opening.",
    ),
    "day_in_use": (
        "لا يمكن تغيير المنطقة الزمنية أو بداية اليوم بعد إصدار تذاكر اليوم. "
        "غيّرها غدًا قبل بدء العمل.",
        "The time zone or the start of the day cannot change once today's tickets "
        "are issued. Change it tomorrow before opening.",
    ),
    "window_in_use": (
        "لا يمكن حذف الشباك {window}: التذكرة {number} عنده الآن. أنهِها أو أعدها إلى الانتظار "
        "أولًا.",
        "Window {window} cannot be removed: ticket {number} is at it now. Finish it or return "
        "it to the queue first.",
    ),
    "invalid_config": ("الإعدادات غير صحيحة: {detail}", "The configuration is not valid: {detail}"),
    "account": ("{detail}", "{detail}"),
    "login_failed": ("اسم المستخدم أو كلمة المرور غير صحيحة.", "Wrong username or password."),
    "bad_view": (
        "طريقة العرض «{view}» غير معروفة: اختر machine أو readable.",
        "Unknown view '{view}': use machine or readable.",
    ),
    "bad_lang": ("اللغة «{lang}» غير متاحة: اختر ar أو en.", "No language '{lang}': use ar or en."),
    "readable_format": (
        "النسخة المقروءة متاحة بصيغة CSV أو XLSX فقط (format=csv أو format=xlsx).",
        "The readable view is for CSV or XLSX only (format=csv or format=xlsx).",
    ),
}


STATUS_NAMES: dict[str, tuple[str, str]] = {
    "waiting": ("في الانتظار", "waiting"),
    "called": ("تم النداء", "called"),
    "serving": ("قيد الخدمة", "being served"),
    "done": ("منتهية", "done"),
    "no_show": ("لم يحضر", "a no-show"),
    "transferred": ("محولة", "transferred"),
    "cancelled": ("ملغاة", "cancelled"),
    "expired": ("منتهية الصلاحية", "expired"),
}


DAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)


def when_text(opens_at: str | None) -> tuple[str, str]:
    """'2026-11-29T08:00+02:00' -> ('الأحد 29 نوفمبر الساعة 08:00', 'on Sunday 29 November at
    08:00'); an unknown time reads "later"."""
    if not opens_at:
        return "لاحقًا", "later"
    at = datetime.fromisoformat(opens_at)
    return (
        f"{DAYS_AR[at.weekday()]} {at.day} {MONTHS_AR[at.month - 1]} الساعة {at:%H:%M}",
        f"on {at:%A} {at.day} {at:%B} at {at:%H:%M}",
    )


def message(code: str, **details: Any) -> dict[str, str]:
    ar, en = MESSAGES.get(code, ("حدث خطأ.", "Something went wrong."))
    if "opens_at" in details or code in ("outside_hours", "center_closed"):
        details["opens"], details["opens_en"] = when_text(details.get("opens_at"))
    safe = {k: ("" if v is None else v) for k, v in details.items()}
    out = {}
    for i, (lang, text) in enumerate((("ar", ar), ("en", en))):
        values = dict(safe)
        if "status" in values and values["status"] in STATUS_NAMES:
            values["status"] = STATUS_NAMES[values["status"]][i]
        try:
            out[lang] = text.format(**values)
        except (KeyError, IndexError):
            out[lang] = text
    return out


from .case_file_messages import FILE_MESSAGES  # noqa: E402  (case files keep their own texts)

MESSAGES.update(FILE_MESSAGES)
