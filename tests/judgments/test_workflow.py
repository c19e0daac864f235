"""After drafting, on SQLite and PostgreSQL: edits make versions, an uploaded .docx is read back per section; the demo
court's rule sends judgments to the division chief (签发), who returns with an internal reason or approves; signing
files the sealed PDF in the main volume with the court's SM2 signature and closes the case; a signed document never
changes; delivery goes electronically where consented and names the rest for paper; a party never sees a draft."""

import io
from decimal import Decimal

import pytest
from docx import Document as Docx
from sqlalchemy import select

from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case
from omnicourt.casework import documents as access
from omnicourt.delivery import sending
from omnicourt.delivery import service as delivery
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.judgments import render_docx, service, workflow
from omnicourt.judgments.models import JudgmentDocument, JudgmentVersion
from omnicourt.judgments.sections import GAP
from omnicourt.notifications import service as notifications
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.signing import service as signing
from tests.commands import run
from tests.conftest import TODAY


def generate(db, actor, case_id, **data):
    with db.transaction() as session:
        return service.generate(session, actor=actor, case_id=case_id, data=service.GenerateIn(**data),
                                document_date=TODAY).id


def fill_gaps(db, judge, case_id, document_id):
    """The judge writes what the record could not fill."""
    with db.reading() as session:
        view = service.document(session, actor=judge, case_id=case_id, document_id=document_id)
    for section in view.sections:
        if any(GAP.search(p) for p in section.paragraphs):
            with db.transaction() as session:
                workflow.edit_section(session, actor=judge, case_id=case_id, document_id=document_id,
                                      key=section.key, text="\n".join(GAP.sub("经审理查明", p)
                                                                      for p in section.paragraphs))


def staff(db, case_id, role, *, same_division=True):
    with db.reading() as session:
        case = session.get(Case, case_id)
        query = select(Account).where(Account.role == role, Account.court_id == case.court_id)
        if role == "division_chief":
            query = query.where((Account.division_id == case.division_id) if same_division
                                else (Account.division_id != case.division_id))
        return security.actor_for(session, session.scalars(query.order_by(Account.id)).first())


def finish_sending(db, settings, deliveries):
    """The job `delivery.send`'s part: the certificates filed (a delivery left unfinished is the sweep's work)."""
    for delivery_id in [d.id for d in deliveries]:
        sending.send(db, settings, delivery_id=delivery_id)


def status(db, document_id):
    with db.reading() as session:
        return session.get(JudgmentDocument, document_id).status


def signed_judgment(db, settings, parties):
    """A judgment drafted, filled, signed off by the division chief and signed."""
    document_id = generate(db, parties.judge, parties.case_id, kind="judgment", awards={1: Decimal("200000.00")})
    fill_gaps(db, parties.judge, parties.case_id, document_id)
    with db.transaction() as session:
        workflow.submit_for_signoff(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
    with db.transaction() as session:
        workflow.decide_signoff(session, actor=staff(db, parties.case_id, "division_chief"), case_id=parties.case_id,
                                document_id=document_id, approve=True)
    with db.transaction() as session:
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)
    return document_id


def test_an_edit_is_a_new_version_and_a_gap_blocks_signing(db, settings, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="judgment", awards={1: Decimal("200000.00")})
    with db.transaction() as session, pytest.raises(Conflict, match="待补充"):
        workflow.submit_for_signoff(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
    with db.transaction() as session:
        workflow.edit_section(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                              key="facts", text="本院查明：\n\n被告于2023年借款300000元，到期未还。")
    with db.transaction() as session, pytest.raises(InvalidInput, match="主文"):
        workflow.edit_section(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                              key="operative", text="  \n ")
    with db.transaction() as session, pytest.raises(Forbidden):
        workflow.edit_section(session, actor=staff(db, parties.case_id, "division_chief"), case_id=parties.case_id,
                              document_id=document_id, key="facts", text="改写")
    with db.reading() as session:
        view = service.document(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
        numbers = session.scalars(select(JudgmentVersion.number).where(JudgmentVersion.document_id == document_id)
                                  .order_by(JudgmentVersion.number)).all()
    assert numbers == [1, 2] and view.document.version == 2
    facts = next(s for s in view.sections if s.key == "facts").paragraphs
    assert facts == ("本院查明：", "被告于2023年借款300000元，到期未还。")


def test_an_edited_docx_is_read_back_per_section_and_one_without_marks_is_kept_whole(db, settings, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="judgment", awards={1: Decimal("200000.00")})
    with db.reading() as session:
        content, _, _ = service.rendered(session, actor=parties.judge, case_id=parties.case_id,
                                         document_id=document_id, fmt="docx")
    edited = Docx(io.BytesIO(content))
    reasoning = next(p for p in edited.paragraphs if p.text.startswith("本院认为"))
    reasoning.runs[0].text = "本院认为，借款事实清楚，证据充分。"
    for piece in reasoning.runs[1:]:
        piece.text = ""
    buffer = io.BytesIO()
    edited.save(buffer)
    with db.transaction() as session:
        workflow.upload_docx(session, settings, actor=parties.judge, case_id=parties.case_id,
                             document_id=document_id, upload=dossier.Upload("改稿.docx", buffer.getvalue()))
    plain = Docx()
    plain.add_paragraph("另起炉灶的文书")
    buffer = io.BytesIO()
    plain.save(buffer)
    with db.transaction() as session:
        workflow.upload_docx(session, settings, actor=parties.judge, case_id=parties.case_id,
                             document_id=document_id, upload=dossier.Upload("外来.docx", buffer.getvalue()))
    with db.transaction() as session, pytest.raises(InvalidInput):
        workflow.upload_docx(session, settings, actor=parties.judge, case_id=parties.case_id,
                             document_id=document_id, upload=dossier.Upload("改稿.pdf", b"%PDF-1.4"))
    with db.reading() as session:
        versions = {v.number: v for v in session.scalars(select(JudgmentVersion).where(
            JudgmentVersion.document_id == document_id))}
    read_back = {s["key"]: s["paragraphs"] for s in versions[2].sections}
    assert read_back["reasoning"][0] == "本院认为，借款事实清楚，证据充分。"
    assert versions[2].docx is None and versions[2].source == "docx"
    assert versions[3].docx is not None and versions[3].sections == versions[2].sections  # kept whole
    assert render_docx.MARK + "parties" in Docx(io.BytesIO(content)).element.xml


def test_sign_off_is_returned_with_an_internal_reason_then_approved_and_signed(db, settings, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="judgment", awards={1: Decimal("200000.00")})
    fill_gaps(db, parties.judge, parties.case_id, document_id)
    with db.transaction() as session, pytest.raises(Conflict, match="庭长签发"):
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)
    with db.transaction() as session:
        workflow.submit_for_signoff(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
    with db.transaction() as session, pytest.raises(Conflict, match="等待签发"):
        workflow.edit_section(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                              key="facts", text="改写")
    chief = staff(db, parties.case_id, "division_chief")
    other_chief = staff(db, parties.case_id, "division_chief", same_division=False)
    with db.transaction() as session, pytest.raises(Forbidden):
        workflow.decide_signoff(session, actor=other_chief, case_id=parties.case_id, document_id=document_id,
                                approve=True)
    with db.transaction() as session, pytest.raises(InvalidInput, match="理由"):
        workflow.decide_signoff(session, actor=chief, case_id=parties.case_id, document_id=document_id,
                                approve=False, reason=" ")
    with db.reading() as session:
        waiting = workflow.waiting_for(session, actor=chief)
        told = [n.message for n in notifications.unread(session, actor=chief)]
    assert [d.id for d, _ in waiting] == [document_id]
    assert any("待您签发" in message for message in told)
    with db.transaction() as session:
        workflow.decide_signoff(session, actor=chief, case_id=parties.case_id, document_id=document_id,
                                approve=False, reason="判项二的计算依据需写明（内部意见）")
    assert status(db, document_id) == "draft"
    with db.transaction() as session:
        workflow.submit_for_signoff(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
    with db.transaction() as session:
        workflow.decide_signoff(session, actor=chief, case_id=parties.case_id, document_id=document_id,
                                approve=True)
    assert status(db, document_id) == "approved"
    # a party sees neither the draft nor the sign-off, nor the reason
    with db.reading() as session:
        case = session.get(Case, parties.case_id)
        party_timeline = " ".join(e.summary for e in cases.timeline(session, actor=parties.plaintiff, case=case))
        with pytest.raises(Concealed):
            service.document(session, actor=parties.plaintiff, case_id=parties.case_id, document_id=document_id)
        catalogue = access.catalogues(session, actor=parties.plaintiff, case_id=parties.case_id)
    assert "内部意见" not in party_timeline and "签发" not in party_timeline
    assert all(e.document.kind != "judgment" for entries in catalogue.values() for e in entries)
    with db.transaction() as session, pytest.raises(Forbidden):
        workflow.sign(session, settings, actor=chief, case_id=parties.case_id, document_id=document_id, today=TODAY)
    with db.transaction() as session:
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)
    with db.reading() as session:
        document = session.get(JudgmentDocument, document_id)
        case = session.get(Case, parties.case_id)
        filed = access.get_document(session, actor=parties.plaintiff, document_id=document.dossier_document_id)
        content = dossier.read(storage_of(settings), filed)
        verdict = signing.check(session, content=content)
        party_timeline = [e.summary for e in cases.timeline(session, actor=parties.plaintiff, case=case)]
    assert (document.status, filed.volume, filed.kind) == ("signed", "main", "judgment")
    assert verdict.state == "valid" and verdict.signatures[0].signer_name.endswith("人民法院")
    assert (case.stage, case.closing_method, case.closed_on) == ("closed", "judgment", TODAY)
    assert "民事判决书已签署" in party_timeline
    with db.transaction() as session, pytest.raises(Conflict, match="补正裁定"):
        workflow.edit_section(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                              key="facts", text="改写")
    with db.transaction() as session, pytest.raises(Conflict, match="已经签署"):
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)


def test_a_withdrawal_ruling_needs_no_sign_off_and_closes_by_withdrawal(db, settings, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="ruling", ruling_kind="withdrawal")
    fill_gaps(db, parties.judge, parties.case_id, document_id)
    with db.transaction() as session, pytest.raises(Conflict, match="无需"):
        workflow.submit_for_signoff(session, actor=parties.judge, case_id=parties.case_id, document_id=document_id)
    with db.transaction() as session:
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)
    with db.reading() as session:
        case = session.get(Case, parties.case_id)
    assert (case.closing_method, case.closed_on) == ("withdrawal", TODAY)


def test_delivery_goes_electronically_only_with_consent(db, settings, parties):
    document_id = signed_judgment(db, settings, parties)
    with db.reading() as session:
        case = cases.get_case(session, actor=parties.judge, case_id=parties.case_id)
        ids = {p.role: p.id for p in case.parties if p.role in ("plaintiff", "defendant")}
        names = {p.role: p.name for p in case.parties}
    with db.transaction() as session:
        delivery.confirm_address(session, actor=parties.plaintiff, case_id=parties.case_id, party_id=ids["plaintiff"],
                                 consented=True)
    with db.transaction() as session:
        outcome = workflow.deliver(session, settings, actor=parties.judge, case_id=parties.case_id,
                                   document_id=document_id)
    finish_sending(db, settings, outcome.delivered)
    assert [d.case_party_id for d in outcome.delivered] == [ids["plaintiff"]]
    assert outcome.on_paper == [names["defendant"]]
    with db.transaction() as session:
        again = workflow.deliver(session, settings, actor=parties.judge, case_id=parties.case_id,
                                 document_id=document_id)
    assert again.before == [names["plaintiff"]] and again.delivered == []


def test_the_signed_judgment_verifies_with_the_command(db, settings, parties, tmp_path):
    if not db.is_sqlite:
        pytest.skip("the command reads the database as any service does: run once, on SQLite")
    document_id = signed_judgment(db, settings, parties)
    with db.reading() as session:
        filed = access.get_document(session, actor=parties.plaintiff,
                                    document_id=session.get(JudgmentDocument, document_id).dossier_document_id)
        content = dossier.read(storage_of(settings), filed)
    path = tmp_path / "判决书.pdf"
    path.write_bytes(content)
    ok = run("dossier", "verify-signature", str(path), env={"OMNICOURT_DATABASE_URL": db.url})
    assert ok.returncode == 0 and "签名有效" in ok.stdout, ok.stdout + ok.stderr


def test_a_signed_judgment_is_corrected_by_a_new_ruling(db, settings, parties):
    document_id = signed_judgment(db, settings, parties)
    with db.transaction() as session, pytest.raises(InvalidInput, match="已签署文书"):
        service.generate(session, actor=parties.judge, case_id=parties.case_id, document_date=TODAY,
                         data=service.GenerateIn(kind="ruling", ruling_kind="correction"))
    correction_id = generate(db, parties.judge, parties.case_id, kind="ruling", ruling_kind="correction",
                             corrects_document_id=document_id)
    with db.reading() as session:
        view = service.document(session, actor=parties.judge, case_id=parties.case_id, document_id=correction_id)
    text = {s.key: "".join(s.paragraphs) for s in view.sections}
    assert view.document.title == "民事裁定书"
    assert f"{view.case_number}民事判决书" in text["operative"] and "第一百五十七条第一款第七项" in text["legal_basis"]
    fill_gaps(db, parties.judge, parties.case_id, correction_id)
    with db.transaction() as session:
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=correction_id,
                      today=TODAY)
    with db.reading() as session:
        case = session.get(Case, parties.case_id)
        original = session.get(JudgmentDocument, document_id)
    assert (case.closing_method, original.status, original.version) == ("judgment", "signed", original.version)


def test_a_case_the_judicial_committee_decided_goes_to_the_president(db, settings, parties):
    document_id = generate(db, parties.judge, parties.case_id, kind="ruling", ruling_kind="withdrawal")
    fill_gaps(db, parties.judge, parties.case_id, document_id)
    with db.transaction() as session:  # the committee's decision on the timeline, as deliberation/ records it
        case = session.get(Case, parties.case_id)
        cases.log_event(session, case=case, actor=None, kind=EventKind.COMMITTEE_DECIDED,
                        summary="审判委员会讨论决定：准许撤诉")
    with db.transaction() as session, pytest.raises(Conflict, match="院长签发"):
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)
    with db.transaction() as session:
        request = workflow.submit_for_signoff(session, actor=parties.judge, case_id=parties.case_id,
                                              document_id=document_id)
        assert request.role == "president"
    with db.transaction() as session, pytest.raises(Forbidden):
        workflow.decide_signoff(session, actor=staff(db, parties.case_id, "division_chief"), case_id=parties.case_id,
                                document_id=document_id, approve=True)
    with db.transaction() as session:
        workflow.decide_signoff(session, actor=staff(db, parties.case_id, "president"), case_id=parties.case_id,
                                document_id=document_id, approve=True)
    with db.transaction() as session:
        workflow.sign(session, settings, actor=parties.judge, case_id=parties.case_id, document_id=document_id,
                      today=TODAY)
    assert status(db, document_id) == "signed"
