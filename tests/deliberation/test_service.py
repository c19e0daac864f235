"""The deliberation's use cases on SQLite and PostgreSQL: the panel, the points, votes in order and once each, the
majority with dissent, the referral to the judicial committee and its decision, the record in the secondary volume,
and what parties see of it all (the panel's names and one neutral line)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.casework import documents
from omnicourt.deliberation import schemas
from omnicourt.deliberation import service as deliberation
from omnicourt.deliberation.models import DeliberationVote, Panel
from omnicourt.dossier.models import Document
from omnicourt.dossier.rules import Volume
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.evidence import service as evidence
from tests.conftest import TODAY
from tests.deliberation.conftest import form, open_bench, put_points, vote, vote_all
from tests.evidence.conftest import opinion, set_period, submit


def _deliberation(db, b):
    with db.reading() as session:
        return schemas.view_out(deliberation.view(session, actor=b.presiding, case_id=b.case_id)).deliberation


def _records(db, case_id) -> list[Document]:
    with db.reading() as session:
        return list(session.scalars(select(Document).where(Document.case_id == case_id,
                                                           Document.kind == "deliberation_record")
                                    .order_by(Document.id)))


def test_three_members_vote_on_two_points_and_the_record_keeps_the_dissent(db, settings, bench):
    form(db, bench)
    first, second = put_points(db, bench, "fact", "fact")
    vote_all(db, settings, bench, first, ("affirm", "negate", "affirm"))
    assert _deliberation(db, bench).status == "deliberating" and not _records(db, bench.case_id)
    vote_all(db, settings, bench, second, ("negate", "negate", "negate"))
    found = _deliberation(db, bench)
    assert found.status == "decided" and found.required_grounds == []
    points = {p.id: p for p in found.points}
    assert (points[first].outcome, points[first].majority, points[first].minority) == ("affirm", 2, 1)
    assert (points[second].outcome, points[second].majority, points[second].minority) == ("negate", 3, 0)
    assert [v.member_id for v in points[first].votes] == [bench.rapporteur.id, bench.member.id, bench.presiding.id]
    [record] = _records(db, bench.case_id)
    assert record.volume == Volume.SECONDARY and found.record_document_id == record.id
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.action == "deliberation.vote",
                                     AuditRecord.details["case_id"].as_integer() == bench.case_id)) == 6


def test_parties_see_the_panel_and_a_neutral_line_never_the_record_or_the_votes(db, settings, bench):
    form(db, bench)
    [point] = put_points(db, bench, "fact")
    vote_all(db, settings, bench, point, ("affirm", "negate", "affirm"))
    [record] = _records(db, bench.case_id)
    for party in (bench.p.plaintiff, bench.p.defendant):
        with db.reading() as session:
            catalogue = documents.catalogues(session, actor=party, case_id=bench.case_id)
            assert Volume.SECONDARY not in catalogue
            assert record.id not in {e.document.id for entries in catalogue.values() for e in entries}
            with pytest.raises(Concealed):
                documents.get_document(session, actor=party, document_id=record.id)
            with pytest.raises(Concealed):
                deliberation.view(session, actor=party, case_id=bench.case_id)
            case = session.get(Case, bench.case_id)
            seen = [e.summary for e in cases.timeline(session, actor=party, case=case)]
        assert "合议庭已对本案进行评议" in seen
        assert any(s.startswith("组成合议庭：审判长") for s in seen)
        assert not any("评议笔录" in s or "表决" in s or "少数意见" in s for s in seen)
    with db.reading() as session:
        staff_seen = [e.summary for e in cases.timeline(session, actor=bench.presiding,
                                                        case=session.get(Case, bench.case_id))]
    assert any("表决" in s for s in staff_seen) and any("评议笔录" in s for s in staff_seen)


def test_the_order_of_speaking_and_one_vote_per_member_are_enforced(db, settings, bench):
    form(db, bench)
    [point] = put_points(db, bench, "fact")
    with pytest.raises(Conflict, match="承办法官应当首先"):
        vote(db, settings, bench, bench.member, point)
    vote(db, settings, bench, bench.rapporteur, point)
    with pytest.raises(Conflict, match="只表决一次"):
        vote(db, settings, bench, bench.rapporteur, point, "negate")
    with pytest.raises(Conflict, match="审判长应当最后"):
        vote(db, settings, bench, bench.presiding, point)
    with pytest.raises(Forbidden, match="合议庭成员"):
        vote(db, settings, bench, bench.chief, point)
    with pytest.raises(Conflict, match="不能再修改"):
        put_points(db, bench, "law")
    with pytest.raises(Conflict, match="不能再更换"):
        form(db, bench)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(DeliberationVote)
                              .where(DeliberationVote.point_id == point)) == 1


@pytest.mark.parametrize(("members", "presiding", "message"), [
    ("two", "presiding", "单数"), ("without rapporteur", "presiding", "承办法官应当是合议庭成员"),
    ("outsider", "presiding", "本院在职法官"), ("huge id", "presiding", "编号不存在"),
    ("three", "chief-not-member", "审判长应当是合议庭成员"),
])
def test_a_panel_the_law_does_not_allow_is_refused(db, bench, members, presiding, message):
    b = bench
    ids = {"two": [b.rapporteur.id, b.presiding.id],
           "without rapporteur": [b.presiding.id, b.member.id, b.chief.id],
           "outsider": [b.rapporteur.id, b.presiding.id, b.p.plaintiff.id],
           "huge id": [b.rapporteur.id, b.presiding.id, 10**12],
           "three": [m.id for m in b.members]}[members]
    presiding_id = b.presiding.id if presiding == "presiding" else b.president.id
    with db.transaction() as session, pytest.raises(InvalidInput, match=message):
        deliberation.form_panel(session, actor=b.chief, case_id=b.case_id, presiding_judge_id=presiding_id,
                                member_ids=ids, today=TODAY)
    with db.reading() as session:
        assert session.scalar(select(Panel).where(Panel.case_id == b.case_id)) is None


def test_only_a_leader_forms_a_panel_and_a_sole_judge_case_has_none(db, settings, bench):
    with db.transaction() as session, pytest.raises(Forbidden):
        deliberation.form_panel(session, actor=bench.rapporteur, case_id=bench.case_id,
                                presiding_judge_id=bench.presiding.id, member_ids=[m.id for m in bench.members],
                                today=TODAY)
    with db.transaction() as session:
        session.get(Case, bench.case_id).procedure = "simple"
    with db.transaction() as session, pytest.raises(Conflict, match="独任审理"):
        deliberation.form_panel(session, actor=bench.chief, case_id=bench.case_id,
                                presiding_judge_id=bench.presiding.id, member_ids=[m.id for m in bench.members],
                                today=TODAY)


def test_a_split_vote_on_the_law_goes_to_the_judicial_committee_whose_decision_the_panel_follows(db, settings,
                                                                                                 bench):
    form(db, bench)
    [point] = put_points(db, bench, "law")
    vote_all(db, settings, bench, point, ("affirm", "negate", "affirm"))
    found = _deliberation(db, bench)
    assert (found.status, found.required_grounds) == ("referral_required", ["legal_disagreement"])
    with db.transaction() as session, pytest.raises(InvalidInput, match="应当包括"):
        deliberation.request_referral(session, actor=bench.presiding, case_id=bench.case_id, grounds=["difficult"],
                                      report="案情复杂", today=TODAY)
    with db.transaction() as session, pytest.raises(Forbidden, match="审判长"):
        deliberation.request_referral(session, actor=bench.member, case_id=bench.case_id,
                                      grounds=["legal_disagreement"], report="分歧", today=TODAY)
    with db.transaction() as session:
        deliberation.request_referral(session, actor=bench.presiding, case_id=bench.case_id,
                                      grounds=["legal_disagreement", "difficult"],
                                      report="合议庭对利率上限的适用有重大分歧，多数意见认为应予支持", today=TODAY)
    with db.transaction() as session, pytest.raises(Forbidden, match="院长"):
        deliberation.decide_referral(session, settings, actor=bench.chief, case_id=bench.case_id, refer=True,
                                     today=TODAY)
    with db.transaction() as session:
        deliberation.decide_referral(session, settings, actor=bench.president, case_id=bench.case_id, refer=True,
                                     today=TODAY)
    with db.transaction() as session, pytest.raises(InvalidInput, match="出席"):
        deliberation.record_committee_decision(session, settings, actor=bench.president, case_id=bench.case_id,
                                               held_on=TODAY, members_present=[], decision="支持", today=TODAY)
    with db.transaction() as session:
        deliberation.record_committee_decision(session, settings, actor=bench.president, case_id=bench.case_id,
                                               held_on=TODAY, members_present=["张三", "李四", "王五", "张三"],
                                               decision="按多数意见判决", today=TODAY)
    found = _deliberation(db, bench)
    assert (found.status, found.committee_members, found.committee_decision) == (
        "committee_ruling", ["张三", "李四", "王五"], "按多数意见判决")
    first, second = _records(db, bench.case_id)
    assert found.record_document_id == second.id and second.filename.endswith("-2.pdf")


def test_the_president_declines_a_request_and_the_panels_conclusion_stands(db, settings, bench):
    form(db, bench)
    [point] = put_points(db, bench, "fact")
    vote_all(db, settings, bench, point)
    with db.transaction() as session:
        deliberation.request_referral(session, actor=bench.presiding, case_id=bench.case_id,
                                      grounds=["panel_deems"], report="新类型案件，请求讨论", today=TODAY)
    with db.transaction() as session, pytest.raises(InvalidInput, match="理由"):
        deliberation.decide_referral(session, settings, actor=bench.president, case_id=bench.case_id, refer=False,
                                     today=TODAY)
    with db.transaction() as session:
        deliberation.decide_referral(session, settings, actor=bench.president, case_id=bench.case_id, refer=False,
                                     reason="法律适用明确，无需讨论", today=TODAY)
    assert _deliberation(db, bench).status == "decided" and len(_records(db, bench.case_id)) == 2


def test_a_court_listed_cause_is_referred_as_settings_say(db, settings, bench):
    with db.reading() as session:
        cause = session.get(Case, bench.case_id).cause_code
    listed = settings.model_copy(update={"committee_causes": (cause.rsplit(".", 1)[0],)})
    form(db, bench)
    [point] = put_points(db, bench, "fact")
    vote_all(db, listed, bench, point)
    assert _deliberation(db, bench).required_grounds == ["court_list"]


def test_the_points_start_from_the_disputed_evidence(db, settings, bench):
    set_period(db, bench.p)
    list_id = submit(db, settings, bench.p)
    with db.transaction() as session:
        item_id = session.get(evidence.EvidenceList, list_id).items[0].id
        evidence.give_opinion(session, actor=bench.p.defendant, case_id=bench.case_id, item_id=item_id,
                              opinion=opinion(), today=TODAY)
    with db.reading() as session:
        found = deliberation.proposals(session, actor=bench.presiding, case_id=bench.case_id)
    assert [(p.label, p.source) for p in found] == [("原告第1组证据1「证据1」的真实性能否确认", "evidence")]


def test_one_member_voting_twice_at_once_is_counted_once(db, settings):
    b = open_bench(db, settings)
    form(db, b)
    [point] = put_points(db, b, "fact")
    start = Barrier(2)

    def cast(choice):
        start.wait()
        try:
            vote(db, settings, b, b.rapporteur, point, choice)
            return "counted"
        except Conflict:
            return "refused"

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert sorted(pool.map(cast, ["affirm", "negate"])) == ["counted", "refused"]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(DeliberationVote)
                              .where(DeliberationVote.point_id == point)) == 1
