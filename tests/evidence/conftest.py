"""A case between two parties with accounts of their own: the plaintiff filed it, the defendant verified the ID
number the complaint names; 300,000 yuan, so it runs in the ordinary procedure (a period of at least 15 days)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from omnicourt.dossier.service import Upload
from omnicourt.evidence import service as evidence
from omnicourt.filing import service as filing
from omnicourt.security import service as security
from omnicourt.security import verification
from omnicourt.security.models import Account
from tests.app.conftest import app, client  # noqa: F401  (the app over the test database, for the routes)
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES, PNG_BYTES, id_number, register_party
from tests.factories import filing as make_filing

PERIOD_END = TODAY + timedelta(days=15)


@dataclass
class Parties:
    case_id: int
    plaintiff: object
    defendant: object
    judge: object
    stranger: object


def verified_party(session, id_no: str):
    account = register_party(session, id_no=id_no)
    verification.record_check(session, account_id=account.id, person_confirmed=True, representative_confirmed=False)
    return security.actor_for(session, account)


def open_case(db, settings, *, amount="300000.00") -> Parties:
    defendant_id = id_number()
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
        defendant = verified_party(session, defendant_id)
        stranger = security.actor_for(session, register_party(session))
    data = make_filing(plaintiff_id=plaintiff.id_number, amount=amount)
    data.parties[1].id_number = defendant_id
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=plaintiff, data=data, uploads=[], today=TODAY)
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY)
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        return Parties(case.id, plaintiff, defendant, judge, stranger)


@pytest.fixture
def parties(db, settings) -> Parties:
    return open_case(db, settings)


def items(count=2, *, files=True):
    return [evidence.ItemIn(f"证据{n}", "原告保存", f"证明借款事实{n}",
                            (Upload(f"借条{n}.pdf", PDF_BYTES), Upload(f"转账{n}.png", PNG_BYTES)) if files else ())
            for n in range(1, count + 1)]


def set_period(db, p: Parties, *, due_days=10, consent=True):
    with db.transaction() as session:
        evidence.set_period(session, actor=p.judge, case_id=p.case_id, served_on=TODAY, ends_on=PERIOD_END,
                            agreed=False, today=TODAY)
        evidence.set_cross_examination_limit(session, actor=p.judge, case_id=p.case_id,
                                             due_on=TODAY + timedelta(days=due_days), today=TODAY)
    if consent:  # asynchronous cross-examination needs every party's consent (在线诉讼规则 art. 20(1))
        consent_all(db, p)


def consent_all(db, p: Parties):
    for actor in (p.plaintiff, p.defendant):
        with db.transaction() as session:
            evidence.give_online_consent(session, actor=actor, case_id=p.case_id, consented=True)


def submit(db, settings, p: Parties, actor=None, *, count=2, today=TODAY, late_explanation=""):
    with db.transaction() as session:
        return evidence.submit_list(session, settings, actor=actor or p.plaintiff, case_id=p.case_id,
                                    items=items(count), late_explanation=late_explanation, today=today).id


def opinion(stance="disputed", reasons="借条系伪造"):
    return evidence.OpinionIn(stance, "recognised", "recognised", reasons)
