"""The exchange on SQLite and PostgreSQL: the period, lists into the dossier, opinions, findings, the record."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import TimelineEvent
from omnicourt.casework import documents
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document
from omnicourt.dossier.rules import Volume
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, PayloadTooLarge
from omnicourt.evidence import service as evidence
from omnicourt.evidence.models import EvidenceItem, EvidenceList
from tests.conftest import TODAY
from tests.evidence.conftest import PERIOD_END, items, opinion, set_period, submit


def _count(db, model, case_id):
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.case_id == case_id))


def _kinds(db, case_id):
    with db.reading() as session:
        return [e.kind for e in session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id)
                                                .order_by(TimelineEvent.id))]


def test_the_judge_sets_the_period_within_the_bounds_and_extends_it(db, parties):
    with db.transaction() as session, pytest.raises(InvalidInput, match="不得少于15日"):
        evidence.set_period(session, actor=parties.judge, case_id=parties.case_id, served_on=TODAY,
                            ends_on=TODAY + timedelta(days=14), agreed=False, today=TODAY)
    set_period(db, parties, consent=False)
    with db.transaction() as session:
        period = evidence.extend_period(session, actor=parties.judge, case_id=parties.case_id, applied_on=TODAY,
                                        applicant="李四", ends_on=PERIOD_END + timedelta(days=10), today=TODAY)
        assert period.ends_on == PERIOD_END + timedelta(days=10) and period.extensions == 1
    assert _kinds(db, parties.case_id)[-3:] == [EventKind.EVIDENCE_PERIOD_SET, EventKind.CROSS_EXAMINATION_LIMIT_SET,
                                               EventKind.EVIDENCE_PERIOD_EXTENDED]


def test_a_party_cannot_set_the_period(db, parties):
    with db.transaction() as session, pytest.raises(Forbidden):
        evidence.set_period(session, actor=parties.plaintiff, case_id=parties.case_id, served_on=TODAY,
                            ends_on=PERIOD_END, agreed=False, today=TODAY)


def test_a_submitted_list_enters_the_main_volume_as_a_pdf_then_its_files(db, settings, parties):
    set_period(db, parties)
    list_id = submit(db, settings, parties)
    with db.reading() as session:
        submitted = session.get(EvidenceList, list_id)
        assert (submitted.status, submitted.number, submitted.side, submitted.late) == ("submitted", 1, "plaintiff",
                                                                                       False)
        catalogue = dossier.catalogue(session, parties.case_id, Volume.MAIN)
        names = [entry.document.filename for entry in catalogue]
        assert names[-5:] == ["证据清单-原告第1组.pdf", "借条1.pdf", "转账1.png", "借条2.pdf", "转账2.png"]
        assert {entry.document.kind for entry in catalogue[-5:]} == {"evidence"}
        pdf = dossier.read(dossier_storage(settings), session.get(Document, submitted.document_id))
        assert "证明借款事实2" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert [i.document_ids for i in submitted.items] == [[catalogue[-4].document.id, catalogue[-3].document.id],
                                                             [catalogue[-2].document.id, catalogue[-1].document.id]]


def dossier_storage(settings):
    from omnicourt.dossier.storage import storage_of

    return storage_of(settings)


def test_a_second_list_of_the_side_is_numbered_two_and_a_late_one_needs_its_reason(db, settings, parties):
    set_period(db, parties)
    submit(db, settings, parties)
    late_day = PERIOD_END + timedelta(days=1)
    before = _count(db, EvidenceList, parties.case_id)
    with db.transaction() as session, pytest.raises(InvalidInput, match="说明理由"):
        evidence.submit_list(session, settings, actor=parties.plaintiff, case_id=parties.case_id, items=items(1),
                             today=late_day)
    assert _count(db, EvidenceList, parties.case_id) == before
    list_id = submit(db, settings, parties, count=1, today=late_day, late_explanation="银行流水调取较晚")
    with db.reading() as session:
        late = session.get(EvidenceList, list_id)
        assert (late.number, late.late, late.late_explanation) == (2, True, "银行流水调取较晚")
        event = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == parties.case_id)
                                .order_by(TimelineEvent.id.desc())).first()
        assert "逾期提交" in event.summary


@pytest.mark.parametrize(("bad", "error", "words"), [
    ([], InvalidInput, "至少应有一项"),
    ([evidence.ItemIn("借条", "", "证明")] * 51, InvalidInput, "最多50项"),
    ([evidence.ItemIn("借" * 101, "", "证明")], InvalidInput, "证据1的名称」不能超过100个字符"),
    ([evidence.ItemIn("借条", "", "证" * 501)], InvalidInput, "证明目的」不能超过500个字符"),
    ([evidence.ItemIn("借条", "", "")], InvalidInput, "证明目的"),
    ([evidence.ItemIn("借条", "", "证明", (dossier.Upload("借条.exe", b"MZ"),))], InvalidInput, "格式不支持"),
    ([evidence.ItemIn("借条", "", "证明", (dossier.Upload("借条.pdf", b"%PDF-" + b"0" * (21 << 20)),))],
     PayloadTooLarge, "超过"),
])
def test_bad_lists_are_refused_and_write_nothing(db, settings, parties, bad, error, words):
    before = (_count(db, EvidenceList, parties.case_id), _count(db, Document, parties.case_id),
              len(_kinds(db, parties.case_id)))
    with db.transaction() as session, pytest.raises(error, match=words):
        evidence.submit_list(session, settings, actor=parties.plaintiff, case_id=parties.case_id, items=bad,
                             today=TODAY)
    assert (_count(db, EvidenceList, parties.case_id), _count(db, Document, parties.case_id),
            len(_kinds(db, parties.case_id))) == before


def test_the_other_side_sees_submitted_lists_never_drafts(db, settings, parties):
    set_period(db, parties)
    with db.transaction() as session:
        draft = evidence.save_draft(session, actor=parties.defendant, case_id=parties.case_id,
                                    items=items(1, files=False))
        draft_item = draft.items[0].id
    submit(db, settings, parties)
    with db.reading() as session:
        seen_by_plaintiff = evidence.exchange(session, actor=parties.plaintiff, case_id=parties.case_id)
        assert [(e.side, e.status) for e in seen_by_plaintiff.lists] == [("plaintiff", "submitted")]
        assert evidence.draft_of(session, actor=parties.plaintiff, case_id=parties.case_id) is None
        assert evidence.draft_of(session, actor=parties.defendant, case_id=parties.case_id).id == draft.id
        assert [e.side for e in evidence.exchange(session, actor=parties.judge, case_id=parties.case_id).lists] == [
            "plaintiff"]
    with db.transaction() as session, pytest.raises(Concealed):  # the draft's item does not exist for the other side
        evidence.give_opinion(session, actor=parties.plaintiff, case_id=parties.case_id, item_id=draft_item,
                              opinion=opinion(), today=TODAY)


def test_a_stranger_gets_404_for_the_case_and_its_items(db, settings, parties):
    set_period(db, parties)
    list_id = submit(db, settings, parties)
    with db.reading() as session:
        item_id = session.get(EvidenceList, list_id).items[0].id
        with pytest.raises(Concealed):
            evidence.exchange(session, actor=parties.stranger, case_id=parties.case_id)
    with db.transaction() as session, pytest.raises(Concealed):
        evidence.give_opinion(session, actor=parties.stranger, case_id=parties.case_id, item_id=item_id,
                              opinion=opinion(), today=TODAY)


def test_the_defendant_examines_online_within_the_limit_and_the_judge_finds(db, settings, parties):
    set_period(db, parties, due_days=3)
    list_id = submit(db, settings, parties)
    with db.reading() as session:
        first, second = (i.id for i in session.get(EvidenceList, list_id).items)
    with db.transaction() as session, pytest.raises(InvalidInput, match="己方"):
        evidence.give_opinion(session, actor=parties.plaintiff, case_id=parties.case_id, item_id=first,
                              opinion=opinion(), today=TODAY)
    with db.transaction() as session, pytest.raises(InvalidInput, match="应写明质证理由"):
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=first,
                              opinion=opinion(reasons=""), today=TODAY)
    with db.transaction() as session:
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=first,
                              opinion=opinion(), today=TODAY)
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=second,
                              opinion=opinion("recognised", ""), today=TODAY)
    with db.transaction() as session, pytest.raises(Conflict, match="届满"):
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=second,
                              opinion=opinion(), today=TODAY + timedelta(days=4))
    with db.reading() as session:
        disputed = evidence.disputed_items(session, parties.case_id)
        assert [(d.item_id, d.disputes) for d in disputed] == [(first, (("defendant", ("authenticity",),
                                                                         "借条系伪造"),))]
    with db.transaction() as session, pytest.raises(Forbidden, match="承办法官"):
        evidence.record_finding(session, actor=parties.plaintiff, case_id=parties.case_id, item_id=first,
                                finding="admitted", public_reason="", today=TODAY)
    with db.transaction() as session:
        evidence.record_finding(session, actor=parties.judge, case_id=parties.case_id, item_id=first,
                                finding="not_admitted", public_reason="原件未能提供", internal_reason="笔迹存疑",
                                today=TODAY)
    with db.transaction() as session, pytest.raises(Conflict, match="已对该证据作出认证"):
        evidence.give_opinion(session, actor=parties.defendant, case_id=parties.case_id, item_id=first,
                              opinion=opinion(), today=TODAY)
    with db.reading() as session:
        case = cases.get_case(session, actor=parties.plaintiff, case_id=parties.case_id)
        seen = [e.summary for e in cases.timeline(session, actor=parties.plaintiff, case=case)]
        assert "法官对证据「证据1」作出认证：不予采纳" in seen
        assert not any("笔迹存疑" in s or "原件未能提供" in s for s in seen)
        staff = [e.summary for e in cases.timeline(session, actor=parties.judge, case=case)]
        assert not any("笔迹存疑" in s for s in staff)  # the internal reason lives on the item and in the audit


def test_an_unexamined_item_is_admitted_only_after_the_limit(db, settings, parties):
    set_period(db, parties, due_days=3)
    list_id = submit(db, settings, parties, count=1)
    with db.reading() as session:
        item_id = session.get(EvidenceList, list_id).items[0].id
    with db.transaction() as session, pytest.raises(InvalidInput, match="尚未经对方质证"):
        evidence.record_finding(session, actor=parties.judge, case_id=parties.case_id, item_id=item_id,
                                finding="admitted", public_reason="", today=TODAY)
    with db.transaction() as session:
        evidence.record_finding(session, actor=parties.judge, case_id=parties.case_id, item_id=item_id,
                                finding="admitted", public_reason="", today=TODAY + timedelta(days=4))
    with db.reading() as session:
        assert session.get(EvidenceItem, item_id).finding == "admitted"


def test_the_court_records_a_hearing_opinion_and_writes_the_record(db, settings, parties):
    set_period(db, parties)
    list_id = submit(db, settings, parties, count=1)
    with db.reading() as session:
        item_id = session.get(EvidenceList, list_id).items[0].id
    with db.transaction() as session:
        evidence.record_hearing_opinion(session, actor=parties.judge, case_id=parties.case_id, item_id=item_id,
                                        side="defendant", opinion=opinion("partly", "金额有误"), given_on=TODAY,
                                        today=TODAY)
        document = evidence.write_record(session, settings, actor=parties.judge, case_id=parties.case_id,
                                         today=TODAY)
        document_id = document.id
    with db.reading() as session:
        document, content = documents.open_document(session, settings, actor=parties.plaintiff,
                                                    document_id=document_id)
        assert (document.kind, document.volume) == ("cross_examination_record", "main")
        text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        assert "真实性部分认可" in text and "金额有误" in text
    assert _kinds(db, parties.case_id)[-1] == EventKind.CROSS_EXAMINATION_RECORDED


def test_a_long_list_runs_onto_further_pages(db, settings, parties):

    lines = [pdf.Line("证" * 300)] * 40
    reader = PdfReader(io.BytesIO(pdf.paged("证据清单", lines)))
    assert len(reader.pages) > 3 and "第1页" in reader.pages[0].extract_text()
