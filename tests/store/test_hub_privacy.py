"""What leaves a center for the hub: never a citizen's tracking id (nor a kiosk's request key),
a device token or a password hash; the clerks' notes only when the center allows it."""

from __future__ import annotations

import json

from dorak.auth import Accounts
from dorak.store import Store
from dorak.sync import wire
from dorak.usecases import Operations
from tests.conftest import ManualClock, staff_all


def test_tracking_ids_tokens_and_hashes_stay_and_notes_only_when_allowed(
    ops: Operations, store: Store, clock: ManualClock
) -> None:
    staff_all(ops)
    issued = [ops.issue("reconciliation", request_key=f"kiosk-{i}")[0] for i in range(3)]
    ops.call_next(1, "mona")
    ops.start(1, "mona")
    ops.finish(1, "mona", "completed", note="the owner's papers are at the bank", file_ref="F-17")
    ops.call_next(1, "mona")
    ops.start(1, "mona")
    ops.transfer(1, "mona", "payments", note="pay the fee first")
    accounts = Accounts(store, lambda job: job(), clock)
    token = accounts.create_token("kiosk", None, "kiosk at the door")
    accounts.add_user("ali", "a long secret pass", "clerk", window=2)
    events = store.log.since(0)
    kinds = {e.kind for e in events}
    assert {"issued", "finish", "transfer", "queued"} <= kinds

    raw = json.dumps([dict(e.details) for e in events], ensure_ascii=False)
    assert issued[0].tracking_id in raw and "papers are at the bank" in raw  # the log has them
    sent = json.dumps([wire(e) for e in events], ensure_ascii=False)
    secrets_ = [t.tracking_id for t in issued] + [f"kiosk-{i}" for i in range(3)]
    secrets_ += [token, *(r["password_hash"] for r in store.all("SELECT password_hash FROM users"))]
    secrets_ += [r["token_hash"] for r in store.all("SELECT token_hash FROM tokens")]
    assert all(s and s not in sent for s in secrets_)
    assert "papers are at the bank" not in sent and "pay the fee" not in sent
    assert "F-17" in sent  # the file's reference is not a note

    shared = json.dumps([wire(e, share_notes=True) for e in events], ensure_ascii=False)
    assert "papers are at the bank" in shared and "pay the fee first" in shared
    assert all(s not in shared for s in secrets_)
