"""Appeals filed online, on SQLite and PostgreSQL: within the party's period the 民终 case opens at the court above,
linked to the first instance, whose dossier the appeal court's staff open without anything uploaded again; after the
period the appeal is refused naming the dates; the effective date waits for the appeal."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.casework import documents as access
from omnicourt.deadlines import rules as deadline_rules
from omnicourt.delivery import service as delivery
from omnicourt.errors import Concealed, Conflict, Forbidden
from omnicourt.judgments import appeals, workflow
from omnicourt.judgments.models import Appeal, JudgmentDocument
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY
from tests.judgments.test_workflow import finish_sending, signed_judgment


def delivered_to_both(db, settings, parties):
    document_id = signed_judgment(db, settings, parties)
    with db.reading() as session:
        case = cases.get_case(session, actor=parties.judge, case_id=parties.case_id)
        ids = {p.role: p.id for p in case.parties if p.role in ("plaintiff", "defendant")}
    for role, actor in (("plaintiff", parties.plaintiff), ("defendant", parties.defendant)):
        with db.transaction() as session:
            delivery.confirm_address(session, actor=actor, case_id=parties.case_id, party_id=ids[role],
                                     consented=True)
    with db.transaction() as session:
        outcome = workflow.deliver(session, settings, actor=parties.judge, case_id=parties.case_id,
                                   document_id=document_id)
    finish_sending(db, settings, outcome.delivered)
    assert len(outcome.delivered) == 2 and outcome.on_paper == []
    return document_id, ids


def test_an_appeal_within_the_period_opens_the_second_instance_case_with_the_dossier(db, settings, parties):
    document_id, ids = delivered_to_both(db, settings, parties)
    with db.reading() as session:
        [before] = appeals.signed_documents(session, actor=parties.plaintiff, case_id=parties.case_id)
    delivered_on = before.effect.periods[0].delivered_on
    assert before.appealable and before.effect.effective_on is not None
    assert before.effect.effective_on > delivered_on + timedelta(days=15)
    data = appeals.AppealIn(document_id, ids["defendant"], "撤销原判，驳回被上诉人的全部诉讼请求",
                            "原审认定借款事实错误。")
    with db.transaction() as session, pytest.raises(Forbidden):
        appeals.appeal(session, actor=parties.plaintiff, case_id=parties.case_id, data=data, today=TODAY)
    with db.transaction() as session, pytest.raises(Concealed):
        appeals.appeal(session, actor=parties.stranger, case_id=parties.case_id, data=data, today=TODAY)
    with db.transaction() as session:
        filed = appeals.appeal(session, actor=parties.defendant, case_id=parties.case_id, data=data, today=TODAY)
        appeal_case_id = filed.appeal_case_id
    with db.transaction() as session, pytest.raises(Conflict, match="已对"):
        appeals.appeal(session, actor=parties.defendant, case_id=parties.case_id, data=data, today=TODAY)
    with db.reading() as session:
        first = session.get(Case, parties.case_id)
        second = session.get(Case, appeal_case_id)
        court = reference.court(session, first.court_id)
        links = cases.linked_cases(session, case=first)
        appeal_judge = security.actor_for(session, session.get(Account, second.judge_id))
        other_judge = security.actor_for(session, session.scalars(select(Account).where(
            Account.role == "judge", Account.court_id == second.court_id,
            Account.division_id != second.division_id)).first())
        dossier_views = appeals.first_instance_dossiers(session, actor=appeal_judge, case_id=appeal_case_id)
        signed = session.get(JudgmentDocument, document_id)
        opened = access.get_document(session, actor=appeal_judge, document_id=signed.dossier_document_id)
        with pytest.raises(Concealed):
            access.get_document(session, actor=other_judge, document_id=signed.dossier_document_id)
        [after] = appeals.signed_documents(session, actor=parties.judge, case_id=parties.case_id)
        party_sees = [c.id for c in cases.list_cases(session, actor=parties.defendant)]
    assert second.court_id == court.parent_id and "民终" in second.case_number
    assert second.deadline_on == deadline_rules.basic_trial_deadline(filed_on=TODAY, procedure="ordinary",
                                                                  case_type="民终")
    assert [(relation, case.id) for relation, case in links] == [("上诉", appeal_case_id)]
    assert opened.id == signed.dossier_document_id
    [view] = dossier_views
    assert view.case.id == parties.case_id
    assert signed.dossier_document_id in {e.document.id for entries in view.catalogues.values() for e in entries}
    assert after.effect.effective_on is None and len(after.appeals) == 1
    assert appeal_case_id in party_sees


def test_an_appeal_after_the_period_is_refused_naming_the_dates(db, settings, parties):
    document_id, ids = delivered_to_both(db, settings, parties)
    data = appeals.AppealIn(document_id, ids["plaintiff"], "改判支持全部诉讼请求", "原审对利息计算有误。")
    late = TODAY + timedelta(days=40)
    with db.transaction() as session, pytest.raises(Conflict, match="上诉期间已届满") as refused:
        appeals.appeal(session, actor=parties.plaintiff, case_id=parties.case_id, data=data, today=late)
    assert late.isoformat() in refused.value.message
    with db.reading() as session:
        assert session.scalar(select(Appeal.id).where(Appeal.case_id == parties.case_id)) is None
