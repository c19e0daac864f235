"""The element-sheet routes: the report's shape, refusals as 4xx with Chinese reasons, the pages."""

import io
import uuid

import pytest
from openpyxl import Workbook

from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from tests.app.conftest import bearer, bulk_report
from tests.factories import id_number, uscc


@pytest.fixture
def bank(client):
    """A bank branch's portal account (a legal person: its USCC links it to its cases)."""
    name = f"bank-{uuid.uuid4().hex[:8]}"
    code = uscc()
    response = client.post("/api/v1/auth/register", json={
        "username": name, "password": "correct-horse-9", "person_type": "legal", "name": "中国示例银行杭州西湖支行",
        "phone": "13900000021", "uscc": code, "legal_representative": "王五", "representative_id_number": id_number()})
    assert response.status_code in (200, 201), response.text
    return {"headers": bearer(client, name, "correct-horse-9"), "uscc": code}


def loan_row(**changes) -> dict:
    return {**sheet_cells.EXAMPLE_ROW, "contract.number": f"XH-{uuid.uuid4().hex[:10]}", **changes}


def test_json_rows_give_a_report_per_row_and_cell(client, bank):
    rows = [loan_row(), loan_row(**{"claim.penalty": "3000", "contract.date": "2023-13-01"})]
    response = client.post("/api/v1/filings/element-sheets", headers=bank["headers"], json=rows)
    report = bulk_report(client, response, bank["headers"])
    assert (report["filed"], report["refused"]) == (1, 1)
    filed, refused = report["rows"]
    assert filed == {"row": 1, "reference": "HZ-2025-0001", "status": "filed",
                     "application_id": filed["application_id"], "errors": [], "attachments": []}
    assert refused["status"] == "refused" and refused["application_id"] is None
    assert refused["errors"] == [{"column": "contract.date", "header": "合同签订日期",
                                  "message": "「合同签订日期」「2023-13-01」不是真实的日期"}]
    mine = client.get(f"/api/v1/filings/{filed['application_id']}", headers=bank["headers"]).json()
    assert mine["cause_code"] == "cont.contract.loan.financial" and mine["status"] == "submitted"


@pytest.mark.parametrize(("body", "status", "words"), [
    ([], 422, "要素表没有数据行"),
    ([{}] * (sheet_rows.MAX_ROWS + 1), 422, "一次最多提交2000行"),
    ({"rows": []}, 422, "缺失或格式不正确"),
])
def test_refused_batches_say_why_in_chinese(client, bank, body, status, words):
    response = client.post("/api/v1/filings/element-sheets", headers=bank["headers"], json=body)
    assert response.status_code == status and words in response.json()["detail"]


def test_staff_may_not_file_element_sheets(client):
    response = client.post("/api/v1/filings/element-sheets", headers=bearer(client, "demo-filing-officer"),
                           json=[loan_row()])
    assert response.status_code == 403 and response.json()["detail"] == "网上立案由当事人或代理人提交"


def test_template_download_and_upload_round_trip(client, bank):
    template = client.get("/api/v1/filings/element-sheets/template.xlsx")
    assert template.status_code == 200
    assert template.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in template.headers["content-disposition"]
    response = client.post("/api/v1/filings/element-sheets.xlsx", headers=bank["headers"],
                           files={"file": ("要素表.xlsx", template.content)})
    report = bulk_report(client, response, bank["headers"])
    assert [(r["row"], r["status"]) for r in report["rows"]] == [(2, "filed")]


@pytest.mark.parametrize(("content", "words"), [
    (b"a,b\n1,2\n", "请上传 .xlsx 格式的要素表"),
    (b"PK\x03\x04broken", "无法读取该 .xlsx 文件"),
])
def test_an_unreadable_upload_is_refused(client, bank, content, words):
    response = client.post("/api/v1/filings/element-sheets.xlsx", headers=bank["headers"],
                           files={"file": ("要素表.xlsx", content)})
    assert response.status_code == 422
    assert words in response.json()["detail"] and response.json()["field"] == "file"


def test_the_form_page_shows_each_cell_error_and_files_a_valid_sheet(client, bank):
    page = client.get("/portal/filings/element-sheet", headers=bank["headers"])
    assert page.status_code == 200
    assert 'name="borrower.1.id_number"' in page.text and bank["uscc"] in page.text  # the bank is the lender
    wrong = client.post("/portal/filings/element-sheet", headers=bank["headers"],
                        data=loan_row(**{"claim.interest": "7000"}), follow_redirects=False)
    assert wrong.status_code == 422
    assert "「主张利息」7,000.00元高于按合同约定计算至2024-06-30的利息6,205.00元" in wrong.text
    assert 'value="XH-' in wrong.text  # what was typed comes back
    filed = client.post("/portal/filings/element-sheet", headers=bank["headers"], data=loan_row(),
                        follow_redirects=False)
    assert filed.status_code == 303 and filed.headers["location"].startswith("/portal/filings?submitted=")


def test_the_upload_page_reports_rows_and_cells(client, bank):
    rows = [[c.header for c in sheet_cells.SHEET_COLUMNS],
            [loan_row().get(c.key) for c in sheet_cells.SHEET_COLUMNS],
            [loan_row(**{"loan.day_count": "300"}).get(c.key) for c in sheet_cells.SHEET_COLUMNS]]
    book = Workbook()
    for values in rows:
        book.active.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post("/portal/filings/element-sheets", headers=bank["headers"],
                           files={"file": ("要素表.xlsx", buffer.getvalue())}, follow_redirects=False)
    assert response.status_code == 303
    batch_page = response.headers["location"]
    waiting = client.get(batch_page, headers=bank["headers"])
    assert 'data-state="waiting"' in waiting.text and 'hx-trigger="every 2s"' in waiting.text
    assert "共 2 行，正在排队等待处理" in waiting.text
    client.app.state.queue.drain()
    done = client.get(batch_page, headers={**bank["headers"], "HX-Request": "true"})  # the block polling asks for
    assert done.text.lstrip().startswith("{#") is False and 'data-state="done"' in done.text
    assert "hx-trigger" not in done.text  # done: the block stops asking
    assert 'data-row="2"' in done.text and 'data-row="3"' in done.text
    assert "计息天数基准「300」无法识别" in done.text and "已提交 · 申请编号" in done.text
    refused = client.post("/portal/filings/element-sheets", headers=bank["headers"],
                          files={"file": ("要素表.csv", b"a,b")})
    assert refused.status_code == 422 and "请上传 .xlsx 格式的要素表" in refused.text
