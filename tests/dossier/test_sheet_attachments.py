"""Banks attach each case's documents to its element-sheet row (named by the contract number, or a zip with a
folder per contract) or on the single form; the assistant reads them once the case is accepted (every backend).
Sheets are read within their row limit."""

import io
import time
import uuid

import pytest
from openpyxl import Workbook

from omnicourt.dossier.service import Upload
from omnicourt.errors import InvalidInput
from omnicourt.filing import bulk
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import workbook as sheet_workbook
from tests.app.conftest import analysed, bearer, bulk_report, username_of
from tests.dossier import samples
from tests.dossier.test_access import documents_of_filing
from tests.factories import PDF_BYTES, id_number, uscc


@pytest.fixture
def bank(client):
    name = f"bank-{uuid.uuid4().hex[:8]}"
    response = client.post("/api/v1/auth/register", json={
        "username": name, "password": "correct-horse-9", "person_type": "legal", "name": "中国示例银行杭州西湖支行",
        "phone": "13900000021", "uscc": uscc(), "legal_representative": "王五",
        "representative_id_number": id_number()})
    assert response.status_code == 201, response.text
    return bearer(client, name, "correct-horse-9")


def loan_row(number: str) -> dict:
    return {**sheet_cells.EXAMPLE_ROW, "contract.number": number}


def workbook(rows: list[dict]) -> bytes:
    book = Workbook()
    book.active.append([column.header for column in sheet_cells.SHEET_COLUMNS])
    for row in rows:
        book.active.append([row.get(column.key, "") for column in sheet_cells.SHEET_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_each_row_is_filed_with_the_files_named_by_its_contract_and_the_assistant_reads_them(client, db, bank):
    first, second = f"XH-{uuid.uuid4().hex[:8]}", f"XH-{uuid.uuid4().hex[:8]}"
    ledger = samples.python_docx_file(f"贷款还款明细\n合同编号：{second}\n交易日期\t摘要\t发生额")
    bundle = samples.zip_of({f"{second}/还款明细.docx": ledger})
    response = client.post("/api/v1/filings/element-sheets.xlsx", headers=bank, files=[
        ("file", ("要素表.xlsx", workbook([loan_row(first), loan_row(second)]))),
        ("attachments", (f"{first}_借款合同.pdf", PDF_BYTES, "application/pdf")),
        ("attachments", ("材料.zip", bundle, "application/zip"))])
    report = bulk_report(client, response, bank)
    assert [row["status"] for row in report["rows"]] == ["filed", "filed"], report
    assert [row["attachments"] for row in report["rows"]] == [[f"{first}_借款合同.pdf"], ["还款明细.docx"]]
    first_id, second_id = (row["application_id"] for row in report["rows"])
    assert [d.filename for d in documents_of_filing(db, first_id)] == [f"{first}_借款合同.pdf"]
    assert [d.filename for d in documents_of_filing(db, second_id)] == ["还款明细.docx"]

    officer = bearer(client, "demo-filing-officer")
    case = client.post(f"/api/v1/filings/{second_id}/acceptance", headers=officer).json()
    judge = bearer(client, username_of(db, case["judge_id"]))
    view = analysed(client, client.post(f"/api/v1/cases/{case['id']}/assistant/analysis", headers=judge, json={}),
                    judge)
    read = {d["name"]: d["kind"] for d in view["run"]["documents"]}
    assert read == {"还款明细.docx": "ledger"}


def test_a_file_naming_no_row_refuses_the_upload_before_anything_is_filed(client, db, bank):
    number = f"XH-{uuid.uuid4().hex[:8]}"
    response = client.post("/api/v1/filings/element-sheets.xlsx", headers=bank, files=[
        ("file", ("要素表.xlsx", workbook([loan_row(number)]))),
        ("attachments", ("借款合同.pdf", PDF_BYTES, "application/pdf"))])
    assert response.status_code == 422 and "「借款合同.pdf」" in response.json()["detail"]
    again = client.post("/api/v1/filings/element-sheets", headers=bank, json=[loan_row(number)])
    assert bulk_report(client, again, bank)["filed"] == 1  # the contract was not filed by the refused upload


def test_a_bad_attachment_refuses_its_row_only(client, db, bank):
    good, bad = f"XH-{uuid.uuid4().hex[:8]}", f"XH-{uuid.uuid4().hex[:8]}"
    response = client.post("/api/v1/filings/element-sheets.xlsx", headers=bank, files=[
        ("file", ("要素表.xlsx", workbook([loan_row(good), loan_row(bad)]))),
        ("attachments", (f"{bad}.pdf", samples.encrypted_pdf(), "application/pdf"))])
    rows = bulk_report(client, response, bank)["rows"]
    assert [row["status"] for row in rows] == ["filed", "refused"]
    assert "已加密" in rows[1]["errors"][0]["message"]


def test_the_single_form_takes_the_documents_with_the_sheet(client, db, bank):
    cells = loan_row(f"XH-{uuid.uuid4().hex[:8]}")
    response = client.post("/portal/filings/element-sheet", headers=bank, data=cells, follow_redirects=False,
                           files=[("attachments", ("借款合同.pdf", PDF_BYTES, "application/pdf"))])
    assert response.status_code == 303, response.text
    application_id = int(response.headers["location"].split("submitted=")[1])
    assert [d.filename for d in documents_of_filing(db, application_id)] == ["借款合同.pdf"]


def test_attachments_by_row_matches_the_longest_contract_number():
    uploads = [Upload(name, b"x") for name in ("HT-1_合同.pdf", "HT-1-2（明细）.pdf", "HT-1-2/借据.jpg", "HT-1.png")]
    found = bulk.attachments_by_row(uploads, ["HT-1", "HT-1-2", ""])
    assert {n: [u.filename for u in files] for n, files in found.items()} == {
        "HT-1": ["HT-1_合同.pdf", "HT-1.png"], "HT-1-2": ["HT-1-2（明细）.pdf", "借据.jpg"]}
    with pytest.raises(InvalidInput, match="HT-10.pdf"):
        bulk.attachments_by_row([Upload("HT-10.pdf", b"x")], ["HT-1"])


@pytest.mark.parametrize("declared", [True, False], ids=["declared dimension", "no dimension"])
def test_a_sheet_of_300000_blank_rows_is_refused_without_reading_it_all(declared):
    content = samples.blank_rows_sheet(declare_dimension=declared)
    started = time.monotonic()
    with pytest.raises(InvalidInput, match=f"超过{sheet_workbook.MAX_SHEET_ROWS}行"):
        sheet_workbook.read_xlsx(content)
    assert time.monotonic() - started < 5


def test_a_zip_bomb_of_attachments_is_refused():
    with pytest.raises(InvalidInput, match="压缩炸弹"):
        bulk.unpack_attachments([Upload("材料.zip", samples.zip_of({"HT-1/a.pdf": b"\0" * (60 * 1024 * 1024)}))],
                                max_bytes=20 * 1024 * 1024)


