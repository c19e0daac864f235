"""在线诉讼规则 art. 20(1): asynchronous online cross-examination needs every party's consent; the refusal names the
party who refused or has not answered, writes nothing, and the court can still record opinions given at a hearing."""

import pytest
from sqlalchemy import func, select

from omnicourt.errors import Conflict, Forbidden
from omnicourt.evidence import rules
from omnicourt.evidence import service as evidence
from omnicourt.evidence.models import CrossExaminationOpinion, EvidenceList
from tests.conftest import TODAY
from tests.evidence.conftest import opinion, set_period, submit


@pytest.mark.parametrize(("answers", "refused"), [
    ({1: True, 2: True}, None),
    ({1: True}, "被告李四尚未同意在线异步质证"),  # the worked example
    ({}, "原告张三、被告李四尚未同意"),
    ({1: True, 2: False}, "被告李四不同意在线异步质证"),
    ({1: False}, "原告张三不同意"),  # a refusal is named before a silence
])
def test_every_party_must_consent(answers, refused):
    parties = [(1, "原告张三"), (2, "被告李四")]
    if refused is None:
        rules.refuse_without_consent(parties, answers)
    else:
        with pytest.raises(Conflict, match=refused):
            rules.refuse_without_consent(parties, answers)


def _first_item(db, list_id):
    with db.reading() as session:
        return session.get(EvidenceList, list_id).items[0].id


def _opinions(db, case_id):
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(CrossExaminationOpinion)
                              .where(CrossExaminationOpinion.case_id == case_id))


def give(db, parties, item_id):
    with db.transaction() as session:
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=item_id,
                              opinion=opinion(), today=TODAY)


def consent(db, actor, parties, yes=True):
    with db.transaction() as session:
        return evidence.give_online_consent(session, actor=actor, case_id=parties.case_id, consented=yes)


def test_an_online_opinion_waits_for_every_party_and_names_who_is_missing(db, settings, parties):
    set_period(db, parties, consent=False)
    item_id = _first_item(db, submit(db, settings, parties))
    with pytest.raises(Conflict, match="尚未同意在线异步质证"):
        give(db, parties, item_id)
    consent(db, parties.defendant, parties)
    with pytest.raises(Conflict, match=r"^原告\S+尚未同意"):
        give(db, parties, item_id)
    consent(db, parties.plaintiff, parties, yes=False)
    with pytest.raises(Conflict, match=r"^原告\S+不同意在线异步质证"):
        give(db, parties, item_id)
    assert _opinions(db, parties.case_id) == 0
    with db.reading() as session:
        case = evidence.exchange(session, actor=parties.judge, case_id=parties.case_id).case
        lines = evidence.consent_lines(session, case)
    assert [answer for _, answer in lines] == [False, True]
    consent(db, parties.plaintiff, parties)  # a party may change its mind
    give(db, parties, item_id)
    assert _opinions(db, parties.case_id) == 1


def test_the_court_records_opinions_given_at_a_hearing_without_consent(db, settings, parties):
    set_period(db, parties, consent=False)
    item_id = _first_item(db, submit(db, settings, parties))
    with db.transaction() as session:
        evidence.record_hearing_opinion(session, actor=parties.judge, case_id=parties.case_id, item_id=item_id,
                                        side="defendant", opinion=opinion("partly", "金额有误"), given_on=TODAY,
                                        today=TODAY)
    assert _opinions(db, parties.case_id) == 1


def test_only_a_party_gives_its_consent(db, settings, parties):
    with db.transaction() as session, pytest.raises(Forbidden):
        evidence.give_online_consent(session, actor=parties.judge, case_id=parties.case_id, consented=True)
    assert consent(db, parties.defendant, parties)
