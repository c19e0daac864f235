"""The pages as their users meet them: the creditor applies from its case, the filing officer opens the enforcement
case from the queue, the officer freezes an account; the API refuses bad input with the reason and writes nothing."""

from datetime import timedelta

from sqlalchemy import func, select

from omnicourt.cases.models import Case
from omnicourt.enforcement.models import EnforcementApplication, PropertyMeasure
from tests.app.conftest import bearer, username_of
from tests.conftest import TODAY

PARTY_PASSWORD = "correct-horse-9"


def test_apply_accept_and_freeze_through_the_pages(client, db, decided):
    creditor = bearer(client, username_of(db, decided.creditor.id), PARTY_PASSWORD)
    form = client.get(f"/portal/cases/{decided.case_id}/enforcement", headers=creditor)
    assert form.status_code == 200 and 'id="enforcement-application"' in form.text and "李四" in form.text
    sent = client.post(f"/portal/cases/{decided.case_id}/enforcement", headers=creditor, follow_redirects=False, data={
        "source_document": "judgment", "applicant_party_id": str(decided.creditor_party_id),
        "respondent_party_ids": [str(decided.debtor_party_id)], "amount": "300,000.00",
        "request": "被执行人偿还借款本金", "effective_on": (TODAY - timedelta(days=30)).isoformat(),
        "performance_due_on": (TODAY - timedelta(days=20)).isoformat()})
    assert sent.status_code == 303, sent.text
    shown = client.get(sent.headers["location"], headers=creditor)
    assert "待立案审查" in shown.text and "执行申请已提交" in shown.text

    officer = bearer(client, "demo-filing-officer")
    queue = client.get("/bench/enforcement/applications", headers=officer)
    with db.reading() as session:
        application_id = session.scalar(select(EnforcementApplication.id).where(
            EnforcementApplication.source_case_id == decided.case_id))
        source_number = session.get(Case, decided.case_id).case_number
    assert source_number in queue.text
    opened = client.post(f"/bench/enforcement/applications/{application_id}/accept", headers=officer,
                         follow_redirects=False)
    assert opened.status_code == 303, opened.text
    case_page = client.get(opened.headers["location"], headers=officer)
    assert case_page.status_code == 200 and "其余请直接送达或者邮寄送达" in case_page.text
    assert source_number in case_page.text and "尚未采取措施" in case_page.text
    case_id = int(opened.headers["location"].split("/")[4].split("?")[0])
    with db.reading() as session:
        handler = username_of(db, session.get(Case, case_id).judge_id)
    enforcer = bearer(client, handler)
    frozen = client.post(f"/bench/enforcement/cases/{case_id}/measures", headers=enforcer, follow_redirects=False,
                         data={"asset_kind": "deposit", "measure": "freeze", "asset_key": "6222 0201",
                               "description": "工商银行存款", "amount": "300000"})
    assert frozen.status_code == 303, frozen.text
    listed = client.get(f"/bench/enforcement/cases/{case_id}", headers=enforcer)
    assert "工商银行存款（62220201）" in listed.text and ">有效<" in listed.text
    bench_case = client.get(f"/bench/cases/{case_id}", headers=enforcer)
    assert "申请执行人" in bench_case.text and "被执行人" in bench_case.text and "执行程序" in bench_case.text


def test_the_api_refuses_bad_input_with_the_field_and_writes_nothing(client, db, decided):
    creditor = bearer(client, username_of(db, decided.creditor.id), PARTY_PASSWORD)
    good = {"source_case_id": decided.case_id, "source_document": "judgment",
            "applicant_party_id": decided.creditor_party_id, "respondent_party_ids": [decided.debtor_party_id],
            "amount": "1000.00", "request": "支付", "effective_on": TODAY.isoformat()}
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(EnforcementApplication))
    for change, field in [({"amount": "-1"}, "amount"), ({"respondent_party_ids": []}, "respondent_party_ids"),
                          ({"request": "x" * 501}, "request"), ({"source_document": "award"}, "source_document"),
                          ({"effective_on": "2026-02-30"}, "effective_on")]:
        refused = client.post("/api/v1/enforcement/applications", headers=creditor, json=good | change)
        assert refused.status_code == 422 and refused.json()["field"] == field, refused.text
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(EnforcementApplication)) == before
        assert session.scalar(select(func.count()).select_from(PropertyMeasure)) >= 0
    made = client.post("/api/v1/enforcement/applications", headers=creditor, json=good)
    assert made.status_code == 201 and made.json()["status"] == "pending"
    again = client.post("/api/v1/enforcement/applications", headers=creditor, json=good)
    assert again.status_code == 409 and "请勿重复申请" in again.json()["detail"]
