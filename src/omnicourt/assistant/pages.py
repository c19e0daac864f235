"""The bench page of the AI judge assistant for one case: each element beside its highlighted source, the judge's
confirm and correct forms, conflicts, the dispute focus with a decide form per point, the amounts, the draft."""

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from omnicourt.assistant import requests, service
from omnicourt.dossier.checks import DOCX
from omnicourt.dossier.service import Upload
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import form_text
from omnicourt.web.deps import court_today, current_staff, get_queue
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
CONTEXT_CHARS = 40  # characters shown either side of a highlighted span


@dataclass(frozen=True)
class Excerpt:
    before: str
    marked: str
    after: str


def excerpt(texts: dict[str, str], document: str, start: int, end: int, quote: str) -> Excerpt | None:
    """The span in its document with some text either side; the quote alone when the text is not at hand (the
    element sheet, a document since removed)."""
    text = texts.get(document)
    if text is not None and 0 <= start < end <= len(text):
        return Excerpt(text[max(0, start - CONTEXT_CHARS):start], text[start:end], text[end:end + CONTEXT_CHARS])
    return Excerpt("", quote, "") if quote else None


def _page_context(request: Request, actor: Actor, case_id: int, today: date, shown=None) -> dict:
    """The page's context. A fragment passes `shown(view) -> document names` so that only the sources it shows are
    read, not the whole case file."""
    settings = request.app.state.settings
    with request.app.state.db.reading() as session:
        view = service.view(session, actor=actor, case_id=case_id)
        pending, failed = requests.pending(session, case_id), requests.last_failed(session, case_id)
        names = shown(view) if shown else None
        texts = {read.name: read.text for _, read in service.case_documents(session, settings, case_id, names)}
    return {"view": view, "case": view.case, "texts": texts, "pending": pending, "failed": failed,
            "excerpt": excerpt, "today": today, "label": view.cause.label, "show": view.cause.display,
            "STATUSES": service.ELEMENT_STATUSES, "DECISIONS": service.DECISIONS}


def _base(case_id: int) -> str:
    return f"/bench/cases/{case_id}/assistant"


@router.get("/bench/cases/{case_id}/assistant")
def assistant_page(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                   today: date = Depends(court_today)):
    return render(request, "assistant/case.html", _page_context(request, actor, case_id, today))


@router.get("/bench/cases/{case_id}/assistant/source")
def source(request: Request, case_id: PathId, document: str, start: int = 0, end: int = 0,
           actor: Actor = Depends(current_staff)):
    """A whole document with one span highlighted (an HTMX fragment): where a statement or value came from."""
    with request.app.state.db.reading() as session:
        text = service.document_text(session, request.app.state.settings, actor=actor, case_id=case_id,
                                     name=document)
    inside = 0 <= start < end <= len(text)
    parts = (text[:start], text[start:end], text[end:]) if inside else (text, "", "")
    return render(request, "assistant/_source.html", {"document": document, "parts": parts})


@router.post("/bench/cases/{case_id}/assistant/analysis")
def analyse(request: Request, case_id: PathId, cutoff: str = Form(""), actor: Actor = Depends(current_staff)):
    """The analysis runs as a job; the page it returns to shows it waiting and reloads itself when it is done."""
    day = service.parse_cutoff(cutoff) if cutoff.strip() else None
    requests.ask(request.app.state.db, get_queue(request), actor=actor, case_id=case_id, cutoff=day)
    return see_other(request, _base(case_id) + "#assistant-run")


@router.get("/bench/cases/{case_id}/assistant/analysis/{request_id}")
def analysis_status(request: Request, case_id: PathId, request_id: PathId, actor: Actor = Depends(current_staff)):
    """The waiting block polling itself (HTMX); once the analysis is done, the whole page is reloaded to show it."""
    with request.app.state.db.reading() as session:
        asked = requests.status(session, actor=actor, case_id=case_id, request_id=request_id)
    if not request.headers.get("hx-request"):
        return see_other(request, _base(case_id))
    response = render(request, "assistant/_analysis_request.html", {"case_id": case_id, "pending": asked})
    if asked.state == "done":
        response.headers["HX-Refresh"] = "true"
    return response


def _element_fragment(request: Request, actor: Actor, case_id: int, field: str, today: date):
    """After a confirmation or correction: the element's row, and the status box (amounts, blockers) out of band."""
    if not request.headers.get("hx-request"):
        return see_other(request, _base(case_id) + f"#element-{field}")
    context = _page_context(request, actor, case_id, today,
                            lambda view: {row.document for row in view.elements if row.field == field})
    row = next(row for row in context["view"].elements if row.field == field)
    return render(request, "assistant/_element_update.html", context | {"row": row})


@router.post("/bench/cases/{case_id}/assistant/elements/{field}/confirmation")
def confirm_element(request: Request, case_id: PathId, field: str, actor: Actor = Depends(current_staff),
                    today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.confirm_element(session, actor=actor, case_id=case_id, field=field)
    return _element_fragment(request, actor, case_id, field, today)


def _reason(text: str) -> str:
    """The judge's reason under the API's rules (textcheck): it goes into the judgment draft."""
    return form_text(text, field="reason", label="理由", max_length=service.REASON_MAX, multiline=True)


@router.post("/bench/cases/{case_id}/assistant/elements/{field}/correction")
def correct_element(request: Request, case_id: PathId, field: str, value: str = Form(""), reason: str = Form(""),
                    actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.correct_element(session, actor=actor, case_id=case_id, field=field, value=value,
                                reason=_reason(reason))
    return _element_fragment(request, actor, case_id, field, today)


@router.post("/bench/cases/{case_id}/assistant/points/{code}/decision")
def decide_point(request: Request, case_id: PathId, code: str, decision: str = Form(""), reason: str = Form(""),
                 actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.decide_point(session, actor=actor, case_id=case_id, code=code, decision=decision,
                             reason=_reason(reason))
    if not request.headers.get("hx-request"):
        return see_other(request, _base(case_id) + f"#point-{code}")
    context = _page_context(request, actor, case_id, today, lambda view: {
        statement["document"] for point in view.points if point.code == code for statement in point.statements})
    point = next(point for point in context["view"].points if point.code == code)
    return render(request, "assistant/_point_update.html", context | {"point": point})


@router.post("/bench/cases/{case_id}/assistant/documents")
def add_document(request: Request, case_id: PathId, file: UploadFile = File(...),
                 actor: Actor = Depends(current_staff)):
    """A plain def: checking the file runs in the threadpool, off the event loop; the analysis after it is a job."""
    upload = Upload(file.filename or "", file.file.read(request.app.state.settings.max_upload_bytes + 1))
    with request.app.state.db.transaction() as session:
        service.add_document(session, request.app.state.settings, actor=actor, case_id=case_id, upload=upload)
    requests.ask_again(request.app.state.db, get_queue(request), actor=actor, case_id=case_id)
    return see_other(request, _base(case_id) + "#assistant-run")


@router.get("/bench/cases/{case_id}/assistant/draft.docx")
def draft(request: Request, case_id: PathId, actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        content = service.draft(session, actor=actor, case_id=case_id, today=today)
    return Response(content, media_type=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="draft-{case_id}.docx"'})
