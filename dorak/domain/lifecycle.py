"""Which action may move a ticket from which state to which."""

from __future__ import annotations

from .errors import InvalidTransition
from .model import Action, Status

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.WAITING, Action.CALL): Status.CALLED,
    (Status.WAITING, Action.CANCEL): Status.CANCELLED,
    (Status.CALLED, Action.RECALL): Status.CALLED,
    (Status.CALLED, Action.START): Status.SERVING,
    (Status.CALLED, Action.NO_SHOW): Status.NO_SHOW,
    (Status.CALLED, Action.RETURN): Status.WAITING,
    (Status.CALLED, Action.CANCEL): Status.CANCELLED,
    (Status.WAITING, Action.EXPIRE): Status.EXPIRED,
    (Status.CALLED, Action.EXPIRE): Status.EXPIRED,
    (Status.SERVING, Action.FINISH): Status.DONE,
    (Status.SERVING, Action.TRANSFER): Status.TRANSFERRED,
    (Status.NO_SHOW, Action.RESTORE): Status.WAITING,
}

FINAL = frozenset(
    {Status.DONE, Status.NO_SHOW, Status.TRANSFERRED, Status.CANCELLED, Status.EXPIRED}
)
AT_WINDOW = frozenset({Status.CALLED, Status.SERVING})


def next_status(current: Status, action: Action) -> Status:
    """The state after `action`, or InvalidTransition when the action makes no sense now."""
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise InvalidTransition(status=current.value, action=action.value) from None
