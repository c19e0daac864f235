"""The judicial confirmation pages: a party applies or joins from its settled mediation's page; the judge reviews
the 民特 case against the checklist of refusal grounds and rules."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.concurrency import run_in_threadpool

from omnicourt.cases import service as cases
from omnicourt.confirmation import rules, service
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.mediation import service as mediation_service
from omnicourt.mediation.schemas import Password
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, LongText
from omnicourt.web.deps import court_today, current_actor, current_staff
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
DONE = {"ruled": "裁定已作出，已存入卷宗并向同意电子送达的当事人送达。",
        "joined": "已确认共同申请司法确认；各方当事人均确认后即提交法院立案。"}


@router.get("/portal/mediations/{mediation_id}/confirmation")
def application_page(request: Request, mediation_id: PathId, done: str | None = None,
                     actor: Actor = Depends(current_actor)):
    """The mediation's application for confirmation: its state, and the form to apply or join."""
    with request.app.state.db.reading() as session:
        found = mediation_service.view(session, actor=actor, mediation_id=mediation_id)
        application = service.for_mediation(session, actor=actor, mediation_id=mediation_id)
        joined = service.joined_party_ids(session, application.id) if application else set()
    signer = any(p.id in found.own_party_ids and p.role in mediation_service.SIGNING_ROLES for p in found.parties)
    return render(request, "confirmation/apply.html", {
        "m": found.mediation, "application": application, "statuses": rules.STATUS_LABELS, "signer": signer,
        "joined_by_me": bool(found.own_party_ids & joined), "flash": done_flash(done, DONE)})


@router.post("/portal/mediations/{mediation_id}/confirmation")
def apply_or_join(request: Request, mediation_id: PathId, password: Annotated[Password, Form()],
                  court_id: Annotated[int, Form(ge=1, le=2**31 - 1)], e_delivery: Annotated[str, Form()] = "",
                  actor: Actor = Depends(current_actor), today: date = Depends(court_today)):
    """The first party applies, the others join the same application."""
    with request.app.state.db.transaction() as session:
        existing = service.for_mediation(session, actor=actor, mediation_id=mediation_id)
        if existing is None:
            service.apply(session, request.app.state.settings, actor=actor, mediation_id=mediation_id,
                          court_id=court_id, password=password, e_delivery=e_delivery == "yes", today=today)
        else:
            service.join(session, actor=actor, mediation_id=mediation_id, password=password,
                         e_delivery=e_delivery == "yes", today=today)
    return see_other(request, f"/portal/mediations/{mediation_id}/confirmation?done=joined")


@router.get("/bench/cases/{case_id}/confirmation")
def review_page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
        application = service.for_case(session, actor=actor, case_id=case_id)
    return render(request, "confirmation/review.html", {
        "case": case, "application": application, "grounds": rules.REFUSAL_GROUNDS,
        "statuses": rules.STATUS_LABELS, "flash": done_flash(done, DONE),
        "may_rule": actor.role == "judge" and case.judge_id == actor.id})


@router.post("/bench/cases/{case_id}/confirmation")
async def rule(request: Request, case_id: PathId, reason: Annotated[LongText, Form()] = "",
               actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    form = await request.form()
    grounds: list[Code] = [str(g)[:32] for g in form.getlist("grounds")]
    if len(grounds) > len(rules.REFUSAL_GROUNDS):
        raise InvalidInput("驳回理由过多", field="grounds")

    def ruled() -> None:
        with request.app.state.db.transaction() as session:
            service.rule(session, request.app.state.settings, actor=actor, case_id=case_id, grounds=grounds,
                         reason=reason, today=today)
    await run_in_threadpool(ruled)
    return see_other(request, f"/bench/cases/{case_id}/confirmation?done=ruled")
