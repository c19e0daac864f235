"""Generating a case's documents on SQLite and PostgreSQL: a version per save, the hidden timeline event and the
audit record; the court's parent named as the appeal court; refusals write nothing; a party never sees a draft."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.errors import Concealed, Forbidden, InvalidInput
from omnicourt.judgments import service
from omnicourt.judgments.models import JudgmentDocument, JudgmentVersion
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY


def generate(db, actor, case_id, **data):
    with db.transaction() as session:
        return service.generate(session, actor=actor, case_id=case_id, data=service.GenerateIn(**data),
                                document_date=TODAY).id


def counts(db, case_id):
    with db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(model).where(model.case_id == case_id))
                     for model in (JudgmentDocument, JudgmentVersion))


def test_a_judgment_is_drafted_from_the_record_and_stored_as_version_one(db, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="judgment", awards={1: Decimal("200000.00")})
    with db.reading() as session:
        view = service.document(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
        case = session.get(Case, parties.case_id)
        court = reference.court(session, case.court_id)
        parent = reference.court(session, court.parent_id)
        version = session.scalars(select(JudgmentVersion).where(JudgmentVersion.document_id == document_id)).one()
        audited = session.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action == "judgment.draft", AuditRecord.object_id == str(document_id)))
        party_view = cases.timeline(session, actor=parties.plaintiff, case=case)
        staff_view = cases.timeline(session, actor=parties.judge, case=case)
    assert (view.document.status, view.document.version, version.number) == ("draft", 1, 1)
    assert view.document.title == "民事判决书"
    text = {s.key: "".join(s.paragraphs) for s in view.sections}
    assert case.case_number in text["title"] and court.name in text["title"]
    assert f"上诉于{parent.name}" in text["appeal"]
    assert "无正当理由拒不到庭" in text["history"] and "第一百四十七条" in text["legal_basis"]
    assert "200000.00元" in text["operative"] and "驳回原告" in text["operative"]
    assert text["fee"].startswith("案件受理费5800.00元")    # 300,000 yuan, ordinary procedure: not halved
    assert audited == 1
    assert "judgment_drafted" in {e.kind for e in staff_view}
    assert "judgment_drafted" not in {e.kind for e in party_view}
    with db.reading() as session:
        pdf, media_type, filename = service.rendered(session, actor=parties.judge, case_id=parties.case_id,
                                                     document_id=document_id, fmt="pdf")
    assert media_type == "application/pdf" and filename.endswith("民事判决书.pdf")
    assert case.case_number in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_bad_requests_are_refused_in_chinese_and_write_nothing(db, parties):
    before = counts(db, parties.case_id)
    refusals = [({"kind": "verdict"}, "未知的文书种类"),
                ({"kind": "ruling", "ruling_kind": "seizure"}, "未知的裁定事项"),
                ({"kind": "judgment", "awards": {1: Decimal("300000.01")}}, "超过诉讼请求金额"),
                ({"kind": "judgment", "awards": {2: Decimal("1")}}, "第2项诉讼请求不存在"),
                ({"kind": "ruling", "ruling_kind": "transfer"}, "受移送的法院"),
                ({"kind": "ruling", "ruling_kind": "transfer", "transfer_to_court_id": 10**9}, "受移送的法院不存在")]
    for data, message in refusals:
        with pytest.raises(InvalidInput, match=message):
            generate(db, parties.judge, parties.case_id, **data)
    assert counts(db, parties.case_id) == before


def test_a_party_never_sees_a_draft_and_other_staff_are_refused(db, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="mediation_statement")
    for party in (parties.plaintiff, parties.defendant, parties.stranger):
        with db.reading() as session, pytest.raises(Concealed):
            service.document(session, actor=party, case_id=parties.case_id, document_id=document_id)
        with db.reading() as session, pytest.raises(Concealed):
            service.documents_of(session, actor=party, case_id=parties.case_id)
        with pytest.raises(Concealed):
            generate(db, party, parties.case_id, kind="judgment")
    with db.reading() as session:
        other = session.scalars(select(Account).where(Account.role == "judge", Account.court_id != (
            session.get(Case, parties.case_id).court_id)).limit(1)).one()
        outsider = security.actor_for(session, other)
    with pytest.raises(Forbidden):
        generate(db, outsider, parties.case_id, kind="judgment")


def test_every_kind_is_generated_for_the_case(db, parties):
    kinds = [{"kind": "judgment"}, {"kind": "mediation_statement"}, {"kind": "decision"},
             *({"kind": "ruling", "ruling_kind": kind, "preserved_amount": Decimal("1000")}
               for kind in ("not_accepted", "dismissal", "preservation", "withdrawal"))]
    for data in kinds:
        generate(db, parties.judge, parties.case_id, **data)
    with db.reading() as session:
        found = service.documents_of(session, actor=parties.judge, case_id=parties.case_id)
    assert sorted({d.title for d in found}) == ["民事决定书", "民事判决书", "民事裁定书", "民事调解书"]
