"""User text is checked where it enters: normalised, trimmed, limited, and refused on control characters,
bidirectional overrides and unassigned code points, with the limit or the character named."""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from omnicourt.supervision import reports
from omnicourt.textcheck import TextRefused, check_text
from tests.app.conftest import bearer, bulk_report
from tests.factories import id_number
from tests.filing.test_element_sheet_routes import bank, loan_row  # noqa: F401  (the bank's account fixture)


@pytest.mark.parametrize(("text", "words"), [
    ("张\x01三", "控制字符（U+0001）"),
    ("张三\u202e", "文字方向控制字符（U+202E）"),
    ("张\u2066三", "文字方向控制字符（U+2066）"),
    ("张\U000e0fff三", "无效字符（U+E0FFF）"),
    ("张\ud800三", "无效字符（U+D800）"),
    ("张" * 129, "不能超过128个字符（现有129个）"),
    ("张" * 1000, "不能超过128个字符"),
])
def test_bad_text_is_refused_saying_what_is_wrong(text, words):
    with pytest.raises(TextRefused) as refused:
        check_text(text, max_length=128)
    assert words in refused.value.message


def test_text_is_normalised_and_trimmed_and_keeps_lines_only_when_multiline():
    assert check_text("  e\u0301 ", max_length=10) == "\u00e9"  # NFC
    assert check_text("１１０１０１", max_length=10, compatibility=True) == "110101"  # NFKC for codes
    assert check_text(" 第一行\r\n第二行\t完 ", max_length=20, multiline=True) == "第一行\n第二行\t完"
    with pytest.raises(TextRefused):
        check_text("第一行\n第二行", max_length=20)


def filing_body(name: str) -> dict:
    return {"court_code": "浙0106", "cause_code": "cont.contract.loan.private",
            "parties": [{"role": "plaintiff", "party_type": "natural", "name": name, "id_number": id_number()},
                        {"role": "defendant", "party_type": "natural", "name": "李四", "id_number": id_number()}],
            "claims": [{"description": "判令被告偿还借款本金", "amount": "1000.00"}],
            "facts_and_reasons": "被告于2025年3月向原告借款，到期未还。"}


@pytest.mark.parametrize(("name", "message"), [
    ("张\x01三", "字段「parties.0.name」含有控制字符（U+0001），请删除后重新填写"),
    ("王" * 129, "字段「parties.0.name」不能超过128个字符（现有129个）"),
    ("张三\u202e", "字段「parties.0.name」含有文字方向控制字符（U+202E），请删除后重新填写"),
])
def test_api_filing_refuses_bad_names_naming_the_field(client, name, message):
    response = client.post("/api/v1/filings", headers=bearer(client, "demo-party"), json=filing_body(name))
    assert response.status_code == 422
    assert response.json() == {"detail": message, "field": "parties.0.name"}


def test_filing_page_refuses_control_characters_like_the_api(client):
    headers = bearer(client, "demo-party")
    form = {"court_code": "浙0106", "cause_code": "cont.contract.loan.private",
            "party_role": ["plaintiff", "defendant"], "party_party_type": ["natural", "natural"],
            "party_name": ["张\x01三", "李四"], "party_id_number": [id_number(), id_number()],
            "party_uscc": ["", ""], "party_legal_representative": ["", ""], "party_address": ["", ""],
            "party_phone": ["", ""], "claim_description": ["判令被告偿还借款本金"], "amount": ["1000"],
            "facts_and_reasons": "被告于2025年3月向原告借款，到期未还。"}
    before = client.get("/api/v1/filings", headers=headers).json()
    response = client.post("/portal/filings/new", headers=headers, data=form)
    assert response.status_code == 422
    assert "含有控制字符（U+0001）" in response.text
    assert client.get("/api/v1/filings", headers=headers).json() == before


def test_json_element_sheet_refuses_what_the_xlsx_upload_refuses(client, bank):  # noqa: F811
    rows = [loan_row(**{"lender.name": "=HYPERLINK(\"http://evil.example\",\"点击\")"}),
            loan_row(**{"borrower.1.name": "张\x01三"})]
    report = bulk_report(client, client.post("/api/v1/filings/element-sheets", headers=bank["headers"], json=rows),
                         bank["headers"])
    assert report["filed"] == 0
    messages = [error["message"] for row in report["rows"] for error in row["errors"]]
    assert "「原告（贷款人）名称」含有公式，请填写数值或文字" in messages
    assert any("含有控制字符（U+0001）" in message for message in messages)


def ledger_row(title: str, plan: str) -> SimpleNamespace:
    case = SimpleNamespace(case_number="（2025）浙0106民初1号", title=title, accepted_on=date(2024, 1, 2))
    entry = SimpleNamespace(court_id=None, division_id=None, tier_months=12, entered_on=date(2025, 1, 2),
                            responsible_judge_id=None, supervisor_id=None, target_on=None, plan=plan, left_on=None)
    return SimpleNamespace(case=case, entry=entry, progress_this_week=False, target_overdue=False)


def test_ledger_export_writes_user_text_as_text_never_as_a_formula():
    names = reports.Names(courts={}, divisions={}, people={})
    rows = [ledger_row("=HYPERLINK(\"http://evil.example\",\"详情\")诉某某", "=1+1"),
            ledger_row("@SUM(A1)", "-2+3"), ledger_row("旧数据\x01含控制字符", "+86 结案")]
    sheet = load_workbook(io.BytesIO(reports.ledger_workbook(rows, names, today=date(2025, 6, 1)))).active
    titles, plans = [c.value for c in sheet["B"][1:]], [c.value for c in sheet["K"][1:]]
    assert titles == ["'=HYPERLINK(\"http://evil.example\",\"详情\")诉某某", "'@SUM(A1)", "旧数据含控制字符"]
    assert plans == ["'=1+1", "'-2+3", "'+86 结案"]
    assert all(cell.data_type == "s" for column in ("B", "K") for cell in sheet[column])
    assert sheet["E2"].is_date and sheet["F2"].value == 12  # dates and numbers stay typed


def test_registration_page_refuses_what_the_api_refuses(client):
    form = {"username": f"reg-{id_number()[-8:]}", "password": "correct-horse-9", "person_type": "natural",
            "role": "party", "name": "张\u202e三", "phone": "13900000041", "id_number": id_number()}
    token = "t" * 32  # the sign-in forms' double-submit token (tests/security/test_login_csrf.py)
    page = client.post("/register", data=form | {"csrf_token": token}, cookies={"oc_login_csrf": token},
                       follow_redirects=False)
    api = client.post("/api/v1/auth/register", json=form)
    assert page.status_code == api.status_code == 422
    assert "含有文字方向控制字符（U+202E）" in page.text and "含有文字方向控制字符（U+202E）" in api.json()["detail"]


@pytest.mark.parametrize(("path", "data", "message"), [
    ("refusal", {"reason": "材料不全\x07"}, "「不予受理理由」含有控制字符（U+0007）"),
    ("refusal", {"reason": "理" * 501}, "「不予受理理由」不能超过500个字符"),
    ("correction-request", {"items": "补充借条\u202e原件"}, "「补正事项」含有文字方向控制字符（U+202E）"),
])
def test_filing_officer_forms_refuse_bad_text(client, path, data, message):
    party = bearer(client, "demo-party")
    filed = client.post("/api/v1/filings", headers=party, json=filing_body("张三")).json()
    officer = bearer(client, "demo-filing-officer")
    response = client.post(f"/bench/filings/{filed['id']}/{path}", headers=officer, data=data)
    assert response.status_code == 422 and message in response.text
    assert client.get(f"/api/v1/filings/{filed['id']}", headers=party).json()["status"] == "submitted"


def test_deadline_forms_and_api_refuse_bad_reasons_alike(client):
    judge = bearer(client, "demo-judge")
    case_id = client.get("/api/v1/cases", headers=judge).json()[0]["id"]  # refused before any rights matter
    body = {"length": "1m", "reason": "需要\x0b鉴定"}
    api = client.post(f"/api/v1/cases/{case_id}/deadline/extensions", headers=judge, json=body)
    page = client.post(f"/bench/cases/{case_id}/deadline/extensions", headers=judge, data=body)
    assert api.status_code == page.status_code == 422
    assert api.json() == {"detail": "字段「reason」含有控制字符（U+000B），请删除后重新填写", "field": "reason"}
    assert "含有控制字符（U+000B）" in page.text
