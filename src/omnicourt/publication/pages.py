"""The publication pages: the public's list and reading of published judgments (no sign-in), and the bench page
where the case's staff publish its judgment or ruling."""

from datetime import date

from fastapi import APIRouter, Depends, Form, Query, Request

from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.paging import next_cursor, parse_cursor
from omnicourt.publication import rules, service
from omnicourt.publication.rules import Withheld
from omnicourt.security.roles import Actor
from omnicourt.textcheck import form_text
from omnicourt.web.deps import court_today, current_staff
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {"published": "裁判文书已公布。", "withheld": "该文书依法不在互联网公布，已公布案号、法院、日期及理由。"}


@router.get("/judgments")
def public_list(request: Request, q: str = Query("", max_length=service.MAX_QUERY),
                cursor: str | None = Query(None, max_length=40)):
    with request.app.state.db.reading() as session:
        rows = service.listing(session, query=q, after=parse_cursor(cursor))
    return render(request, "publication/list.html",
                  {"rows": rows, "q": q, "next": next_cursor(rows, service.PAGE, "published_on")})


@router.get("/judgments/{published_id}")
def public_document(request: Request, published_id: PathId):
    with request.app.state.db.reading() as session:
        row = service.published(session, published_id)
    return render(request, "publication/document.html", {"row": row, "labels": rules.WITHHELD_LABELS,
                                                         "reasons": [r for r in row.withheld.split(",") if r]})


@router.get("/bench/cases/{case_id}/publication")
def bench_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
               today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id)
        context = {"case": case, "rows": service.of_case(session, actor=actor, case_id=case_id),
                   "documents": service.judgments_of(session, actor=actor, case_id=case_id), "today": today,
                   "may_publish": permissions.may_conduct(actor, case), "declared": rules.DECLARED,
                   "labels": rules.WITHHELD_LABELS, "flash": done_flash(done, DONE)}
        return render(request, "publication/bench.html", context)


@router.post("/bench/cases/{case_id}/publication")
def publish(request: Request, case_id: PathId, document_id: str = Form(""), text: str = Form(""),
            effective_on: date = Form(...), withheld: list[str] = Form(default=[]),
            actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    chosen = _document_id(document_id)
    given = form_text(text, field="text", label="文书全文", max_length=service.MAX_TEXT, multiline=True)
    declared = [_withheld(value) for value in withheld[:len(rules.DECLARED)]]
    with request.app.state.db.transaction() as session:
        row = service.publish(session, service.Publishing.of(request.app.state.settings), actor=actor,
                              case_id=case_id, effective_on=effective_on, today=today, document_id=chosen,
                              text=None if chosen is not None else given, declared=declared)
        done = "withheld" if row.withheld else "published"
    return see_other(request, f"/bench/cases/{case_id}/publication?done={done}")


def _document_id(value: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit() or not 1 <= int(value) < 2**63:
        raise InvalidInput("请选择卷宗中的裁判文书", field="document_id")
    return int(value)


def _withheld(value: str) -> Withheld:
    try:
        return Withheld(value)
    except ValueError:
        raise InvalidInput(f"不公开理由「{value[:20]}」不存在", field="withheld") from None
