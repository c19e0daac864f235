"""An online hearing of the hearings world, starting at 09:00 on the case's day, and one-time codes read from the
texted message (the log-only SMS adapter, caught)."""

import re
from datetime import time

import pytest

from omnicourt.hearings.models import Hearing
from omnicourt.security import one_time_codes, sms
from omnicourt.security.models import Account
from tests.hearings.conftest import open_case, plan, schedule


@pytest.fixture
def texts(monkeypatch):
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(sms, "log_only", lambda phone, message: sent.append((phone, message)))
    return sent


def online_world(db, settings):
    w = open_case(db, settings)
    hearing_id, _ = schedule(db, settings, w, plan(w, mode="online", room=None, at=time(9, 0)))
    with db.transaction() as session:
        for actor in (w.judge, w.clerk):
            session.get(Account, actor.id).phone = "13800000000"
        starts_at = session.get(Hearing, hearing_id).starts_at
    return w, hearing_id, starts_at


def proof(db, settings, texts, actor, purpose, now) -> int:
    with db.transaction() as session:
        code_id = one_time_codes.issue(session, settings, account_id=actor.id, purpose=purpose, now=now).id
    code = re.search(r"验证码(\d{6})", texts[-1][1]).group(1)
    with db.transaction() as session:
        return one_time_codes.verify(session, account_id=actor.id, code_id=code_id, code=code, now=now).id
