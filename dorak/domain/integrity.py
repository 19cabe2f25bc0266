"""Integrity of the line: a clerk who calls a ticket by number while older tickets the window
could have called still wait skips them. Such a call needs a reason and is recorded with the
tickets it skipped; call-next follows the policy and is in order by definition."""

from __future__ import annotations

from enum import StrEnum

from .errors import DomainError


class SkipReason(StrEnum):
    PRIORITY = "priority"
    RETURNED = "returned"
    WRONG_SERVICE = "wrong_service"
    OTHER = "other"


REASON_NAMES: dict[SkipReason, tuple[str, str]] = {
    SkipReason.PRIORITY: ("أولوية (كبار السن، ذوو الهمم…)", "Priority (elderly, disability…)"),
    SkipReason.RETURNED: ("عاد بعد أن نودي عليه", "Returned after being called"),
    SkipReason.WRONG_SERVICE: ("كان في الخدمة الخطأ", "Was in the wrong service"),
    SkipReason.OTHER: ("سبب آخر", "Other reason"),
}
MOST_LISTED = 20  # skipped tickets named in one entry (the count is always whole)


class ReasonNeeded(DomainError):
    """Calling this ticket now skips older ones: say why (details: skipped, count)."""

    code = "reason_needed"


def out_of_order(skipped: list[str], reason: str | None) -> dict[str, object]:
    """What the call entry records (empty: the call is in order). Raises ReasonNeeded when
    tickets are skipped and no reason was given."""
    if not skipped:
        return {}
    if reason is None:
        raise ReasonNeeded(skipped=", ".join(skipped[:MOST_LISTED]), count=len(skipped))
    return {
        "out_of_order": True,
        "reason": SkipReason(reason).value,
        "skipped": skipped[:MOST_LISTED],
        "skipped_count": len(skipped),
    }
