"""The assistant's dispute focus reads the disputes of the online exchange, one 质证意见 per examining side."""

from omnicourt.assistant import service as assistant
from omnicourt.cases.models import Case
from omnicourt.evidence import service as evidence
from omnicourt.evidence.models import EvidenceList
from tests.conftest import TODAY
from tests.evidence.conftest import opinion, set_period, submit


def test_the_defendants_disputes_become_its_cross_examination_document(db, settings, parties):
    set_period(db, parties)
    list_id = submit(db, settings, parties)
    with db.reading() as session:
        first, second = (i.id for i in session.get(EvidenceList, list_id).items)
    with db.transaction() as session:
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=first,
                              opinion=opinion(reasons="借款本金未实际交付"), today=TODAY)
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=second,
                              opinion=opinion("recognised", ""), today=TODAY)
    with db.reading() as session:
        documents = assistant.cross_examination_documents(session, session.get(Case, parties.case_id))
    assert [(d.kind, d.name) for d in documents] == [("cross_examination", "质证意见（在线质证·被告）")]
    text = documents[0].text
    assert text.startswith("质证意见\n质证人：李四\n")
    assert "原告第1组证据1「证据1」的真实性有异议，理由：借款本金未实际交付。" in text
    assert "证据2" not in text  # recognised in full: no dispute
