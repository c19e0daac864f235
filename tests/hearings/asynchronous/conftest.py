"""A small-claims loan case between two parties with accounts (tests/evidence/conftest.py), whose evidence was
exchanged online and examined without dispute: ready for an asynchronous trial once applied for and agreed."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from omnicourt import clock
from omnicourt.dossier.service import Upload
from omnicourt.evidence import service as evidence
from omnicourt.evidence.models import EvidenceItem
from omnicourt.hearings.asynchronous import service as trials
from tests.app.conftest import app, client  # noqa: F401  (the app over the test database, for the routes)
from tests.evidence.conftest import Parties, consent_all, open_case, opinion, submit
from tests.factories import PDF_BYTES

PASSWORD = "correct-horse-9"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 256
HARDSHIP = "被告在外地务工，与原告无法同时在线"


def exchanged_case(db, settings, *, stance: str = "recognised") -> Parties:
    parties = open_case(db, settings, amount="20000.00")  # small claims: a period of at most 7 days
    today = clock.today()
    with db.transaction() as session:
        evidence.set_period(session, actor=parties.judge, case_id=parties.case_id, served_on=today,
                            ends_on=today + timedelta(days=7), agreed=False, today=today)
        evidence.set_cross_examination_limit(session, actor=parties.judge, case_id=parties.case_id,
                                             due_on=today + timedelta(days=7), today=today)
    consent_all(db, parties)
    list_id = submit(db, settings, parties, count=1)
    with db.reading() as session:
        item_id = session.scalar(select(EvidenceItem.id).where(EvidenceItem.list_id == list_id))
    with db.transaction() as session:
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=item_id,
                              opinion=opinion(stance, "" if stance == "recognised" else "签名不是被告所签"),
                              today=clock.today())
    return parties


@pytest.fixture
def parties(db, settings) -> Parties:
    return exchanged_case(db, settings)


def opened_trial(db, parties: Parties, now) -> None:
    with db.transaction() as session:
        trials.apply(session, actor=parties.plaintiff, case_id=parties.case_id, reason="被告长期在外地，时间难以协调",
                     now=now)
    with db.transaction() as session:
        trials.give_consent(session, actor=parties.defendant, case_id=parties.case_id, consented=True, now=now)
    with db.transaction() as session:
        trials.open_trial(session, actor=parties.judge, case_id=parties.case_id, hardship=HARDSHIP, now=now)


def open_stage(db, parties: Parties, now, kind="investigation", *, days=1, visibility="after_close", note=""):
    with db.transaction() as session:
        return trials.open_stage(session, actor=parties.judge, case_id=parties.case_id, kind=kind,
                                 questions=["借款是否实际交付？", "是否约定利息？"],
                                 closes_at=now + timedelta(days=days), visibility=visibility,
                                 internal_note=note, now=now).id


def give_answer(db, settings, parties: Parties, actor, stage_id, now, *, text="借款已于2025年1月交付",
                files=(Upload("转账记录.pdf", PDF_BYTES),), video: Upload | None = Upload("陈述.mp4", MP4)):
    with db.transaction() as session:
        return trials.answer(session, settings, actor=actor, case_id=parties.case_id, stage_id=stage_id,
                             given=trials.AnswerIn(text, tuple(files), video), now=now)
