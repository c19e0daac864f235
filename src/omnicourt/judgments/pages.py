"""The judge's document page of a case: choose the kind, generate a draft from the record, see its sections, download
.docx (to edit) or PDF (to deliver). Parties never reach it: a public account gets the 404 the service gives."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile

from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.casework import closing
from omnicourt.delivery import sending
from omnicourt.dossier.rules import KIND_LABELS as DOSSIER_KIND_LABELS
from omnicourt.dossier.service import Upload
from omnicourt.errors import InvalidInput
from omnicourt.judgments import appeals, render_docx, rules, service, workflow
from omnicourt.limits import MAX_ID, PathId
from omnicourt.queue import Queue
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.signing.models import Signature
from omnicourt.signing.service import display_code
from omnicourt.web.deps import court_today, current_actor, current_staff, get_queue
from omnicourt.web.pages import done_flash, private_file, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE = "/bench/cases/{case_id}/judgment-documents"
MAX_FIELD = 32


@router.get(PAGE)
def documents_page(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                   today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        documents = service.documents_of(session, actor=actor, case_id=case_id)
        case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
        courts = [c for c in reference.list_courts(session) if c.id != case.court_id]
        return render(request, "judgments/documents.html", {
            "case": case, "documents": documents, "today": today, "courts": courts,
            "kinds": rules.KIND_LABELS, "ruling_kinds": rules.RULING_LABELS, "status_labels": rules.STATUS_LABELS})


@router.post(PAGE)
async def generate(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                   today: date = Depends(court_today)):
    form = await request.form()
    text = {name: str(form.get(name) or "").strip()[:MAX_FIELD] for name in
            ("kind", "ruling_kind", "preserved_amount", "transfer_to_court_id", "document_date",
             "corrects_document_id")}
    awards = {}
    for name, value in form.multi_items():
        if name.startswith("award_") and isinstance(value, str) and value.strip():
            awards[_number(name.removeprefix("award_"), "awards")] = _amount(value, "awards")
    data = service.GenerateIn(
        kind=text["kind"], ruling_kind=text["ruling_kind"] or None, awards=awards,
        preserved_amount=_amount(text["preserved_amount"], "preserved_amount") if text["preserved_amount"] else None,
        transfer_to_court_id=_number(text["transfer_to_court_id"], "transfer_to_court_id")
        if text["transfer_to_court_id"] else None,
        corrects_document_id=_number(text["corrects_document_id"], "corrects_document_id")
        if text["corrects_document_id"] else None)
    document_date = _date(text["document_date"]) if text["document_date"] else today
    with request.app.state.db.transaction() as session:
        document = service.generate(session, actor=actor, case_id=case_id, data=data, document_date=document_date)
    return see_other(request, f"{PAGE.format(case_id=case_id)}/{document.id}")


DONE = {
    "edited": "已保存为新的一稿。",
    "uploaded": "修改稿已上传，保存为新的一稿。",
    "submitted": "已提交签发，等待签发人处理。",
    "approved": "文书已签发。",
    "returned": "文书已退回承办法官。",
    "signed": "文书已签署：加盖电子印章的 PDF 已存入正卷并附本院 SM2 电子签名；判决书或终结诉讼的裁定书同时结案。",
    "delivered": "已向同意电子送达的当事人送达；未同意的当事人请以纸质方式送达。",
}
SectionKey = Annotated[str, Path(pattern=r"^[a-z_]{1,20}$")]


@router.get(PAGE + "/{document_id}")
def document_page(request: Request, case_id: PathId, document_id: PathId, done: str | None = None,
                  actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        view = service.document(session, actor=actor, case_id=case_id, document_id=document_id)
        case = cases.get_case(session, actor=actor, case_id=case_id)
        document = view.document
        signoffs = workflow.signoffs_of(session, document)
        names = security.display_names(session, [s.decided_by for s in signoffs if s.decided_by])
        signature = session.get(Signature, document.signature_id) if document.signature_id else None
        effect = appeals.effect_of(session, case, document)
        return render(request, "judgments/document.html", {
            "view": view, "case_id": case_id, "gaps": service.gaps_of(view), "case": case,
            "status_label": rules.STATUS_LABELS.get(rules.Status(document.status), document.status),
            "versions": workflow.versions_of(session, document), "signoffs": signoffs, "decided_by": names,
            "required_role": workflow.required_signoff(session, case, document),
            "role_labels": rules.SIGNOFF_ROLES,
            "may_edit": permissions.may_conduct(actor, case),
            "may_sign": actor.role == "judge" and case.judge_id == actor.id,
            "may_sign_off": workflow.may_sign_off(actor, case, document.signoff_role),
            "code": display_code(signature.code) if signature else None,
            "deliveries": workflow.delivery_status(session, case, document), "effect": effect,
            "flash": done_flash(done, DONE),
            "api": f"/api/v1/cases/{case_id}/judgment-documents/{document_id}"})


def _back(request: Request, case_id: int, document_id: int, done: str):
    return see_other(request, f"{PAGE.format(case_id=case_id)}/{document_id}?done={done}")


@router.post(PAGE + "/{document_id}/sections/{key}")
def edit_section(request: Request, case_id: PathId, document_id: PathId, key: SectionKey, text: str = Form(""),
                 actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        workflow.edit_section(session, actor=actor, case_id=case_id, document_id=document_id, key=key, text=text)
    return _back(request, case_id, document_id, "edited")


@router.post(PAGE + "/{document_id}/docx")
def upload_docx(request: Request, case_id: PathId, document_id: PathId, file: UploadFile | None = File(None),
                actor: Actor = Depends(current_staff)):
    settings = request.app.state.settings
    upload = closing.read_document(file, settings.max_upload_bytes)
    if upload is None:
        raise InvalidInput("请选择修改后的 .docx 文件", field="file")
    with request.app.state.db.transaction() as session:
        workflow.upload_docx(session, settings, actor=actor, case_id=case_id, document_id=document_id,
                             upload=Upload(upload.filename, upload.content))
    return _back(request, case_id, document_id, "uploaded")


@router.get(PAGE + "/{document_id}/versions/{number}/docx")
def version_docx(request: Request, case_id: PathId, document_id: PathId, number: PathId,
                 actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        content = workflow.version_file(session, actor=actor, case_id=case_id, document_id=document_id,
                                        number=number)
    return private_file(content, media_type=render_docx.CONTENT_TYPE,
                        disposition=f"attachment; filename*=UTF-8''{quote(f'第{number}稿.docx')}")


@router.post(PAGE + "/{document_id}/signoff")
def submit_for_signoff(request: Request, case_id: PathId, document_id: PathId,
                       actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        workflow.submit_for_signoff(session, actor=actor, case_id=case_id, document_id=document_id)
    return _back(request, case_id, document_id, "submitted")


@router.post(PAGE + "/{document_id}/signoff-decision")
def decide_signoff(request: Request, case_id: PathId, document_id: PathId, decision: str = Form(""),
                   reason: str = Form(""), actor: Actor = Depends(current_staff)):
    if decision not in ("approve", "return"):
        raise InvalidInput("请选择签发或退回", field="decision")
    with request.app.state.db.transaction() as session:
        workflow.decide_signoff(session, actor=actor, case_id=case_id, document_id=document_id,
                                approve=decision == "approve", reason=reason)
    return _back(request, case_id, document_id, "approved" if decision == "approve" else "returned")


@router.post(PAGE + "/{document_id}/sign")
def sign(request: Request, case_id: PathId, document_id: PathId, actor: Actor = Depends(current_staff),
         today: date = Depends(court_today), queue: Queue = Depends(get_queue)):
    with request.app.state.db.transaction() as session:
        workflow.sign(session, request.app.state.settings, actor=actor, case_id=case_id, document_id=document_id,
                      today=today, queue=queue)
    return _back(request, case_id, document_id, "signed")


@router.post(PAGE + "/{document_id}/delivery")
def deliver(request: Request, case_id: PathId, document_id: PathId, actor: Actor = Depends(current_staff),
            queue: Queue = Depends(get_queue)):
    with request.app.state.db.transaction() as session:
        outcome = workflow.deliver(session, request.app.state.settings, actor=actor, case_id=case_id,
                                   document_id=document_id)
        ids = [d.id for d in outcome.delivered]
    sending.queue_sending(queue, ids)
    return _back(request, case_id, document_id, "delivered")


@router.get("/bench/judgment-signoffs")
def signoff_queue(request: Request, actor: Actor = Depends(current_staff)):
    """The documents waiting for this leader's sign-off."""
    with request.app.state.db.reading() as session:
        return render(request, "judgments/signoffs.html", {
            "waiting": workflow.waiting_for(session, actor=actor), "role_labels": rules.SIGNOFF_ROLES})


@router.get("/bench/cases/{case_id}/first-instance")
def first_instance(request: Request, case_id: PathId, actor: Actor = Depends(current_staff)):
    """The appeal court's view of the first instance's dossier, through the appeal's link."""
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id)
        return render(request, "judgments/first_instance.html", {
            "case": case, "found": appeals.first_instance_dossiers(session, actor=actor, case_id=case_id),
            "kind_labels": DOSSIER_KIND_LABELS})


APPEAL_PAGE = "/portal/cases/{case_id}/appeal"


@router.get(APPEAL_PAGE)
def appeal_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_actor),
                today: date = Depends(court_today)):
    """A party's signed documents with its appeal period and the effective date; the appeal form."""
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id)
        signed = appeals.signed_documents(session, actor=actor, case_id=case_id)
        own = [p for p in case.parties if p.role in appeals.ADDRESSEES]
        return render(request, "judgments/appeal.html", {
            "case": case, "signed": signed, "parties": own, "today": today,
            "filed": {a.appeal_case_id: cases.case_for_platform(session, a.appeal_case_id).case_number
                      for view in signed for a in view.appeals},
            "flash": done_flash(done, {"filed": "上诉已提交，二审案件已在上一级法院立案。"})})


@router.post(APPEAL_PAGE)
def file_appeal(request: Request, case_id: PathId, document_id: str = Form(""), party_id: str = Form(""),
                requests: str = Form(""), grounds: str = Form(""), actor: Actor = Depends(current_actor),
                today: date = Depends(court_today)):
    data = appeals.AppealIn(_number(document_id.strip()[:MAX_FIELD], "document_id"),
                            _number(party_id.strip()[:MAX_FIELD], "party_id"), requests, grounds)
    with request.app.state.db.transaction() as session:
        appeals.appeal(session, actor=actor, case_id=case_id, data=data, today=today)
    return see_other(request, f"{APPEAL_PAGE.format(case_id=case_id)}?done=filed")


def _amount(value: str, field: str) -> Decimal:
    try:
        amount = Decimal(value.strip()[:MAX_FIELD])
    except InvalidOperation:
        raise InvalidInput("金额格式不正确", field=field) from None
    if not amount.is_finite() or amount < 0 or amount > Decimal("1e13"):
        raise InvalidInput("金额应为不小于0的数字", field=field)
    return amount.quantize(Decimal("0.01"))


def _number(value: str, field: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise InvalidInput("编号不正确", field=field)
    return int(value)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("文书日期格式不正确", field="document_date") from None
