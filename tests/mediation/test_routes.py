"""The API and pages of mediation: who may do what (another party and another mediator get 404), bad input
refused with nothing written, the party's form, the mediator's pages."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from omnicourt.app import create_app
from omnicourt.mediation.models import Mediation, SettlementAgreement
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.conftest import TODAY
from tests.factories import PDF_BYTES, filing
from tests.mediation.conftest import MEDIATOR_PASSWORD, PARTY_PASSWORD, World, accepted

AGREEMENT = {"obligations": [{"obligor": "李四", "content": "支付借款本金", "amount": "12000.00",
                              "due_on": TODAY.isoformat()}], "default_consequence": "另付违约金1000元"}


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def login(client, db, actor, password=PARTY_PASSWORD) -> dict[str, str]:
    with db.reading() as session:
        return bearer(client, session.get(Account, actor.id).username, password)


@pytest.fixture
def heads(client, db, world: World):
    return {"plaintiff": login(client, db, world.plaintiff), "defendant": login(client, db, world.defendant),
            "stranger": login(client, db, world.stranger),
            "mediator": login(client, db, world.mediator, MEDIATOR_PASSWORD),
            "other_mediator": login(client, db, world.other_mediator, MEDIATOR_PASSWORD),
            "officer": bearer(client, "demo-filing-officer")}


def _count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_api_applies_with_consent_and_refuses_without(client, db, heads):
    body = json.loads(filing().model_dump_json())
    before = _count(db, Mediation)
    refused = client.post("/api/v1/mediations", headers=heads["plaintiff"], json=body | {"consent": False})
    assert refused.status_code == 422 and "同意先行调解" in refused.text
    assert client.post("/api/v1/mediations", headers=heads["mediator"], json=body | {"consent": True}
                       ).status_code == 403
    assert _count(db, Mediation) == before
    made = client.post("/api/v1/mediations", headers=heads["plaintiff"], json=body | {"consent": True})
    assert made.status_code == 201 and "民诉前调" in made.json()["number"]
    offer = client.get("/api/v1/mediations/offer", params={"cause_code": "cont.contract.loan.private"})
    assert offer.json()["referred"] is True


def test_another_party_and_another_mediator_get_404(client, world: World, heads):
    url = f"/api/v1/mediations/{world.mediation_id}"
    for who in ("plaintiff", "defendant", "mediator", "officer"):
        assert client.get(url, headers=heads[who]).status_code == 200, who
    for who in ("stranger", "other_mediator"):
        response = client.get(url, headers=heads[who])
        assert response.status_code == 404 and "调解案件不存在或无权查看" in response.text, who
    assert client.get("/api/v1/mediations/999999999", headers=heads["stranger"]).status_code == 404
    assert client.post(f"{url}/acceptance", headers=heads["other_mediator"]).status_code == 404
    assert client.post(f"{url}/acceptance", headers=heads["plaintiff"]).status_code == 403


def test_bad_input_writes_nothing(client, db, world: World, heads):
    url = f"/api/v1/mediations/{world.mediation_id}"
    assert client.post(f"{url}/acceptance", headers=heads["mediator"]).status_code == 200
    before = _count(db, SettlementAgreement)
    for body in ({**AGREEMENT, "obligations": []}, {**AGREEMENT, "default_consequence": "\u202e"},
                 {**AGREEMENT, "obligations": [{**AGREEMENT["obligations"][0], "amount": "-1"}]},
                 {**AGREEMENT, "obligations": [{**AGREEMENT["obligations"][0], "obligor": "王五"}]}):
        response = client.post(f"{url}/agreements", headers=heads["mediator"], json=body)
        assert response.status_code == 422, body
    assert _count(db, SettlementAgreement) == before
    assert client.post(f"{url}/failure", headers=heads["mediator"], json={"reason": "x", "undisputed_facts": " "}
                       ).status_code == 422
    assert client.post(f"{url}/signatures", headers=heads["plaintiff"], json={"version": 1, "password": "x"}
                       ).status_code == 409


def test_the_agreement_is_signed_through_the_api(client, db, world: World, heads):
    url = f"/api/v1/mediations/{world.mediation_id}"
    client.post(f"{url}/acceptance", headers=heads["mediator"])
    proposed = client.post(f"{url}/agreements", headers=heads["mediator"], json=AGREEMENT)
    assert proposed.status_code == 201 and "李四于" in proposed.json()["text"]
    wrong = client.post(f"{url}/signatures", headers=heads["plaintiff"], json={"version": 1, "password": "nope"})
    assert wrong.status_code == 422 and "密码不正确" in wrong.text
    for who in ("plaintiff", "defendant"):
        signed = client.post(f"{url}/signatures", headers=heads[who],
                             json={"version": 1, "password": PARTY_PASSWORD})
        assert signed.status_code == 200, signed.text
    detail = client.get(url, headers=heads["defendant"]).json()
    assert detail["status"] == "settled" and [e["kind"] for e in detail["events"]][-1] == "settled"


def test_a_document_opens_for_the_mediation_only(client, world: World, heads):
    url = f"/api/v1/mediations/{world.mediation_id}"
    for who in ("plaintiff", "defendant"):  # asynchronous mediation needs every party's consent (art. 20(1))
        assert client.post(f"{url}/async-consent", headers=heads[who], json={"consented": True}).status_code == 200
    sent = client.post(f"{url}/messages", headers=heads["defendant"], data={"text": "还款凭证"},
                       files={"file": ("转账.pdf", PDF_BYTES, "application/pdf")})
    assert sent.status_code == 201, sent.text
    document = f"{url}/documents/{sent.json()['document_id']}"
    assert client.get(document, headers=heads["mediator"]).content == PDF_BYTES
    assert client.get(document, headers=heads["stranger"]).status_code == 404


def test_the_pages_take_a_party_from_the_form_to_its_mediation(client, db, heads):
    page = client.get("/portal/mediations/new", headers=heads["plaintiff"])
    assert page.status_code == 200 and "借款合同纠纷" in page.text
    assert client.get("/portal/mediations/new", headers=heads["mediator"]).status_code == 403
    form = {"court_code": "浙0106", "cause_code": "cont.contract.loan.private", "respondent_type": "natural",
            "respondent_name": "李四", "respondent_number": "11010519491231002X", "claim": "偿还借款",
            "amount": "5000", "facts_and_reasons": "被申请人借款五千元到期未还。", "consent": "yes"}
    made = client.post("/portal/mediations/new", headers=heads["plaintiff"], data=form,
                       files={"attachments": ("借条.pdf", PDF_BYTES, "application/pdf")}, follow_redirects=False)
    assert made.status_code == 303, made.text
    shown = client.get(made.headers["location"], headers=heads["plaintiff"])
    assert "民诉前调" in shown.text and "借条.pdf" not in shown.text and "随调解申请提交的材料" in shown.text
    before = _count(db, Mediation)
    refused = client.post("/portal/mediations/new", headers=heads["plaintiff"], data=form | {"respondent_name": ""})
    assert refused.status_code == 422 and _count(db, Mediation) == before


def test_the_mediator_works_from_the_pages(client, db, world: World, heads):
    listed = client.get("/portal/mediations", headers=heads["mediator"])
    assert listed.status_code == 200 and f"/portal/mediations/{world.mediation_id}" in listed.text
    page = f"/portal/mediations/{world.mediation_id}"
    assert "接受调解" in client.get(page, headers=heads["mediator"]).text
    assert client.post(f"{page}/accept", headers=heads["mediator"], follow_redirects=False).status_code == 303
    proposed = client.post(f"{page}/agreement", headers=heads["mediator"], follow_redirects=False, data={
        "obligor": "李四", "content": "支付借款", "amount": "100", "due_on": "", "default_consequence": "违约金"})
    assert proposed.status_code == 303
    assert "确认签署" in client.get(page, headers=heads["plaintiff"]).text
    assert client.get(page, headers=heads["stranger"]).status_code == 404


def test_the_hand_over_route_returns_one_filing(client, db, world: World, heads):
    accepted(db, world)
    url = f"/api/v1/mediations/{world.mediation_id}"
    client.post(f"{url}/failure", headers=heads["mediator"], json={"reason": "分歧大", "undisputed_facts": "借款属实"})
    first = client.post(f"{url}/hand-over", headers=heads["plaintiff"])
    again = client.post(f"{url}/hand-over", headers=heads["plaintiff"])
    assert first.status_code == again.status_code == 200 and first.json()["id"] == again.json()["id"]
    assert client.post(f"{url}/hand-over", headers=heads["stranger"]).status_code == 404


def test_the_roster_pages_register_and_suspend_a_mediator(client, db, heads):
    from omnicourt.mediation.models import Mediator

    officer = heads["officer"]
    registered = client.post("/bench/mediation/roster", headers=officer, follow_redirects=False, data={
        "username": "roster-page-mediator", "password": "mediate-horse-9", "name": "赵调解",
        "phone": "13900000123", "specialities": "cont.contract", "areas": "西湖区 上城区"})
    assert registered.status_code == 303, registered.text
    with db.reading() as session:
        mediator = session.scalar(select(Mediator).where(Mediator.name == "赵调解"))
        assert (mediator.specialities, mediator.areas, mediator.status) == (
            ["cont.contract"], ["西湖区", "上城区"], "active")
    page = client.get("/bench/mediation/roster", headers=officer)
    assert page.status_code == 200 and "赵调解" in page.text
    suspended = client.post(f"/bench/mediation/roster/{mediator.id}/status", headers=officer,
                            data={"status": "suspended"}, follow_redirects=False)
    assert suspended.status_code == 303
    with db.reading() as session:
        assert session.get(Mediator, mediator.id).status == "suspended"
    assert client.get("/bench/mediation/roster", headers=heads["mediator"]).status_code == 403


def test_the_parties_apply_for_confirmation_from_the_page_and_the_judge_rules(client, db, world: World, heads):
    from omnicourt.cases.models import Case
    from omnicourt.confirmation.models import ConfirmationApplication

    accepted(db, world)
    version = client.post(f"/api/v1/mediations/{world.mediation_id}/agreements", headers=heads["mediator"],
                          json=AGREEMENT).json()["version"]
    for party in ("plaintiff", "defendant"):
        signed = client.post(f"/api/v1/mediations/{world.mediation_id}/signatures", headers=heads[party],
                             json={"version": version, "password": PARTY_PASSWORD})
        assert signed.status_code == 200, signed.text
    page = client.get(f"/portal/mediations/{world.mediation_id}", headers=heads["plaintiff"])
    assert "confirmation-link" in page.text
    page = client.get(f"/portal/mediations/{world.mediation_id}/confirmation", headers=heads["plaintiff"])
    assert page.status_code == 200 and "申请司法确认" in page.text
    with db.reading() as session:
        court_id = session.get(Mediation, world.mediation_id).court_id
    for party in ("plaintiff", "defendant"):
        sent = client.post(f"/portal/mediations/{world.mediation_id}/confirmation", headers=heads[party],
                           data={"court_id": str(court_id), "password": PARTY_PASSWORD, "e_delivery": "yes"},
                           follow_redirects=False)
        assert sent.status_code == 303, sent.text
    with db.reading() as session:
        application = session.scalar(select(ConfirmationApplication).where(
            ConfirmationApplication.mediation_id == world.mediation_id))
        judge = session.get(Account, session.get(Case, application.case_id).judge_id).username
    judge_head = bearer(client, judge)
    review = client.get(f"/bench/cases/{application.case_id}/confirmation", headers=judge_head)
    assert review.status_code == 200 and "审查清单" in review.text
    ruled = client.post(f"/bench/cases/{application.case_id}/confirmation", headers=judge_head, data={},
                        follow_redirects=False)
    assert ruled.status_code == 303, ruled.text
    shown = client.get(f"/api/v1/mediations/{world.mediation_id}/confirmation", headers=heads["defendant"]).json()
    assert (shown["status"], shown["enforceable"]) == ("confirmed", True)
