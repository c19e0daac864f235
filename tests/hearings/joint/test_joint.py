"""Joint sessions on SQLite and PostgreSQL: grouping refused with the failing case named, one booking for the batch
(clashes still hold), one summons per person filed in each of its cases, held once for all with each case's own
record, drafts generated per case, and a party of one case never sees the batch or its other cases."""

from datetime import time

import pytest
from sqlalchemy import select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dossier.models import Document
from omnicourt.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from omnicourt.hearings import service as hearings
from omnicourt.hearings.joint import rules
from omnicourt.hearings.joint import service as joint
from omnicourt.judgments.models import JudgmentDocument
from omnicourt.security.models import Account
from tests.conftest import TODAY
from tests.factories import id_number
from tests.hearings.joint.conftest import file_case, make_batch, plan


def group(db, b, case_ids=None, actor=None):
    with db.transaction() as session:
        return joint.group(session, actor=actor or b.judge, case_ids=case_ids or b.case_ids).id


def schedule(db, settings, b, joint_id, data=None):
    with db.transaction() as session:
        done = joint.schedule(session, settings, actor=b.judge, joint_id=joint_id, data=data or plan(b),
                              today=TODAY)
        return done.hearing.id, done.summonses, done.delivery_ids


def test_a_batch_is_grouped_scheduled_held_and_drafted_case_by_case(db, settings):
    b = make_batch(db, settings, n=3)
    joint_id = group(db, b)
    hearing_id, summonses, deliveries = schedule(db, settings, b, joint_id)
    # the bank (one person in three cases) and its lawyer get one document each; each defendant one
    assert summonses == 2 + 3
    assert len(deliveries) >= 5
    with db.transaction() as session:
        for case_id in b.case_ids:
            kinds = [d.kind for d in session.scalars(select(Document).where(Document.case_id == case_id))]
            assert kinds.count("summons") == 2  # the bank's (listing all three) and the defendant's
            assert kinds.count("hearing_notice") == 1
        case = session.get(Case, b.case_ids[0])
        party_ids = [p.id for c in b.case_ids for p in session.get(Case, c).parties if p.role == "plaintiff"]
        assert case is not None
    with db.transaction() as session:
        joint.hold(session, actor=b.judge, joint_id=joint_id, present_party_ids=party_ids, summary="",
                   today=b.day)
    with db.transaction() as session:
        for case_id in b.case_ids:
            held = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id,
                                                               TimelineEvent.kind == "hearing_held")).all()
            assert len(held) == 1  # each case's own record of the one sitting
        sitting, rows = joint.screen(session, actor=b.judge, joint_id=joint_id)
        assert sitting.status == "held" and [r.case.id for r in rows] == b.case_ids
        assert all(r.draft is None for r in rows)
    for case_id in b.case_ids:
        with db.transaction() as session:
            joint.generate_draft(session, actor=b.judge, joint_id=joint_id, case_id=case_id, today=b.day)
    with db.transaction() as session:
        assert session.scalar(select(JudgmentDocument.id).where(JudgmentDocument.case_id == b.case_ids[-1]))
        _, rows = joint.screen(session, actor=b.judge, joint_id=joint_id)
        assert all(r.draft is not None and r.draft.status == "draft" for r in rows)


def test_the_room_is_still_not_double_booked(db, settings):
    b = make_batch(db, settings, n=2)
    schedule(db, settings, b, group(db, b))
    other = make_batch(db, settings, n=2)
    other.day = b.day
    with pytest.raises(Conflict, match="法庭"):
        schedule(db, settings, other, group(db, other))


def test_refusals_name_the_case_that_fails(db, settings):
    b = make_batch(db, settings, n=2)
    lawyer = id_number()
    other_cause, _ = file_case(db, settings, plaintiff=b.plaintiff, lawyer_id=lawyer,
                               cause_code="cont.contract.loan.financial")
    with db.transaction() as session:
        row = session.get(Case, other_cause)
        row.judge_id = b.judge.id
        number, cause = row.case_number, row.cause_name
    with pytest.raises(InvalidInput, match=f"{number}的案由为{cause}"):
        group(db, b, b.case_ids + [other_cause])
    with pytest.raises(InvalidInput, match="至少包括2件"):
        group(db, b, b.case_ids[:1])
    with pytest.raises(InvalidInput, match="重复"):
        group(db, b, [b.case_ids[0], b.case_ids[0]])
    stranger = make_batch(db, settings, n=2)  # another plaintiff's loan cases
    with db.transaction() as session:
        for case_id in stranger.case_ids:
            session.get(Case, case_id).judge_id = b.judge.id
        number = session.get(Case, stranger.case_ids[0]).case_number
    with pytest.raises(InvalidInput, match=f"{number}的原告"):
        group(db, b, b.case_ids + stranger.case_ids[:1])
    group(db, b)
    with pytest.raises(Conflict, match="另一个未结束的联审批次"):
        group(db, b)


def test_only_the_judge_conducting_every_case_groups_them(db, settings):
    b = make_batch(db, settings, n=2)
    with db.transaction() as session:
        other_judge = session.scalar(select(Account).where(Account.court_id == b.court_id, Account.role == "judge",
                                                           Account.id != b.judge.id).limit(1))
        session.get(Case, b.case_ids[1]).judge_id = other_judge.id
        number = session.get(Case, b.case_ids[1]).case_number
    with pytest.raises(DomainError, match=number):
        group(db, b)


def test_a_party_never_sees_the_batch_nor_the_other_cases(db, settings):
    b = make_batch(db, settings, n=2)
    joint_id = group(db, b)
    hearing_id, _, _ = schedule(db, settings, b, joint_id)
    with db.transaction() as session:
        for actor in (b.plaintiff, b.defendants[0]):
            with pytest.raises(NotFound):
                joint.get(session, actor=actor, joint_id=joint_id)
        # the first case's defendant sees the hearing with its own case's people only
        view = hearings.one(session, actor=b.defendants[0], hearing_id=hearing_id)
        own = {p.id for p in session.get(Case, b.case_ids[0]).parties}
        assert {p.case_party_id for p in view.participants if p.case_party_id} <= own
        with pytest.raises(DomainError):
            cases.get_case(session, actor=b.defendants[0], case_id=b.case_ids[1])
        # the grouping event, which counts the other cases, is not on the parties' timeline
        from omnicourt.cases import timeline
        assert "joint_session_grouped" not in {k.value for k in timeline.PARTY_KINDS}
        # the second defendant's summons names its case only
        second = session.get(Case, b.case_ids[1])
        own_summons = session.scalars(select(Document).where(
            Document.case_id == second.id, Document.kind == "summons",
            Document.addressee_party_id == next(p.id for p in second.parties if p.role == "defendant"))).all()
        assert len(own_summons) == 1


def test_the_batch_is_held_only_on_its_day_and_drafts_wait_for_it(db, settings):
    b = make_batch(db, settings, n=2)
    joint_id = group(db, b)
    with db.transaction() as session, pytest.raises(Conflict, match="尚未开庭"):
        joint.generate_draft(session, actor=b.judge, joint_id=joint_id, case_id=b.case_ids[0], today=b.day)
    schedule(db, settings, b, joint_id, plan(b, room=1, at=time(16, 0), minutes=60))
    with db.transaction() as session, pytest.raises(Conflict, match="尚未到开庭日期"):
        joint.hold(session, actor=b.judge, joint_id=joint_id, present_party_ids=[], summary="", today=TODAY)
    with db.transaction() as session, pytest.raises(Conflict, match="不能再排期"):
        joint.schedule(session, settings, actor=b.judge, joint_id=joint_id, data=plan(b), today=TODAY)


def test_rules_as_a_table():
    base = dict(court_id=1, cause_code="loan", cause_name="借款合同纠纷", plaintiff_keys=frozenset({"uscc:X"}),
                is_open=True, judge_id=7)
    good = [rules.CaseFacts(i, f"（2026）浙0106民初{i}号", **base) for i in (1, 2)]
    rules.check_batch(good, judge_id=7)
    closed = rules.CaseFacts(3, "（2026）浙0106民初3号", **base | {"is_open": False})
    with pytest.raises(Conflict, match="民初3号已结案"):
        rules.check_batch([*good, closed], judge_id=7)
    with pytest.raises(Forbidden, match="民初1号不是由您承办"):
        rules.check_batch(good, judge_id=8)
    nameless = rules.CaseFacts(4, "（2026）浙0106民初4号", **base | {"plaintiff_keys": frozenset()})
    with pytest.raises(InvalidInput, match="民初4号的原告没有身份证号码"):
        rules.check_batch([*good, nameless], judge_id=7)
    with pytest.raises(InvalidInput, match="不超过50件"):
        rules.check_count(list(range(51)))
    assert rules.party_key(None, "91330100ma2") == "uscc:91330100MA2"
    assert rules.party_key("330106", None) == "id:330106"
    assert rules.party_key(None, None) is None
