"""The bench page of the panel and its deliberation: forming the panel, the presiding judge's points, each member's
opinion and vote in turn, the referral to the judicial committee and its decision. The court's staff only."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Form, Request

from omnicourt.deliberation import rules, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_staff
from omnicourt.web.pages import done_flash, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)

DONE = {
    "panel": "合议庭已组成。",
    "points": "评议的争议焦点已确定。",
    "vote": "评议意见与表决已记录。",
    "referral": "已提请院长决定提交审判委员会。",
    "decision": "院长决定已记录。",
    "committee": "审判委员会的决定已记录，评议笔录已重新存入副卷。",
}
LABELS = {"choices": rules.CHOICE_LABELS, "kinds": rules.POINT_KIND_LABELS, "statuses": rules.STATUS_LABELS,
          "grounds": rules.GROUND_LABELS, "panel_grounds": rules.PANEL_GROUNDS}
BLANK_ROWS = 3


def _base(case_id: int) -> str:
    return f"/bench/cases/{case_id}/deliberation"


@router.get("/bench/cases/{case_id}/deliberation")
def page(request: Request, case_id: PathId, done: str | None = None, actor: Actor = Depends(current_staff),
         today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        found = service.view(session, actor=actor, case_id=case_id)
        deliberation = found.deliberation
        editable = found.is_presiding and (deliberation is None or not any(p.votes for p in deliberation.points))
        context = {"view": found, "case": found.case, "panel": found.panel, "deliberation": deliberation,
                   "today": today, "labels": LABELS, "flash": done_flash(done, DONE),
                   "judges": service.judges_to_choose(session, actor=actor, case_id=case_id) if found.may_form else [],
                   "proposals": service.proposals(session, actor=actor, case_id=case_id) if editable else [],
                   "editable": editable, "blank_rows": BLANK_ROWS}
        return render(request, "deliberation/bench.html", context)


@router.post("/bench/cases/{case_id}/deliberation/panel")
async def form_panel(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                     today: date = Depends(court_today)):
    form = await request.form()
    members = [_id(v) for v in form.getlist("member_ids")][:rules.PANEL_MAX + 2]
    presiding = _id(form.get("presiding_judge_id"))
    with request.app.state.db.transaction() as session:
        service.form_panel(session, actor=actor, case_id=case_id, presiding_judge_id=presiding, member_ids=members,
                           today=today)
    return see_other(request, f"{_base(case_id)}?done=panel")


def _id(value: object) -> int:
    """An account id from a form field; anything else is 0, which no account has (refused as not a judge)."""
    text = value if isinstance(value, str) else ""
    return int(text) if text.isdigit() and len(text) <= 18 else 0


@router.post("/bench/cases/{case_id}/deliberation/points")
async def set_points(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                     today: date = Depends(court_today)):
    form = await request.form()
    labels = [str(v) for v in form.getlist("point_label")][:rules.POINTS_MAX + BLANK_ROWS + 50]
    kinds = [str(v) for v in form.getlist("point_kind")]
    sources = [str(v) for v in form.getlist("point_source")]
    points = [service.PointIn(label, kinds[i] if i < len(kinds) else "fact",
                              sources[i] if i < len(sources) else "judge")
              for i, label in enumerate(labels) if label.strip()]
    with request.app.state.db.transaction() as session:
        service.set_points(session, actor=actor, case_id=case_id, points=points, today=today)
    return see_other(request, f"{_base(case_id)}?done=points")


@router.post("/bench/cases/{case_id}/deliberation/points/{point_id}/vote")
def cast_vote(request: Request, case_id: PathId, point_id: PathId, choice: str = Form(""), opinion: str = Form(""),
              actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.cast_vote(session, request.app.state.settings, actor=actor, case_id=case_id, point_id=point_id,
                          choice=choice, opinion=opinion, today=today)
    return see_other(request, f"{_base(case_id)}?done=vote")


@router.post("/bench/cases/{case_id}/deliberation/referral")
async def request_referral(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                           today: date = Depends(court_today)):
    form = await request.form()
    grounds = [str(v) for v in form.getlist("grounds")][:len(rules.Ground)]
    report = str(form.get("report") or "")
    with request.app.state.db.transaction() as session:
        service.request_referral(session, actor=actor, case_id=case_id, grounds=grounds, report=report, today=today)
    return see_other(request, f"{_base(case_id)}?done=referral")


@router.post("/bench/cases/{case_id}/deliberation/referral/decision")
def decide_referral(request: Request, case_id: PathId, refer: str = Form(""), reason: str = Form(""),
                    actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.decide_referral(session, request.app.state.settings, actor=actor, case_id=case_id,
                                refer=refer == "yes", reason=reason, today=today)
    return see_other(request, f"{_base(case_id)}?done=decision")


@router.post("/bench/cases/{case_id}/deliberation/committee-decision")
def record_committee_decision(request: Request, case_id: PathId, held_on: date = Form(...),
                              members_present: str = Form(""), decision: str = Form(""),
                              actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    names = [n.strip() for n in members_present.replace("，", "、").replace(",", "、").split("、")]
    with request.app.state.db.transaction() as session:
        service.record_committee_decision(session, request.app.state.settings, actor=actor, case_id=case_id,
                                          held_on=held_on, members_present=names[:rules.COMMITTEE_MEMBERS_MAX + 1],
                                          decision=decision, today=today)
    return see_other(request, f"{_base(case_id)}?done=committee")
