"""Filing by element sheet through the services, on every backend: valid rows filed each in its own transaction,
invalid rows reported by cell with nothing written, a failing row leaving no trace."""

import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import Case
from omnicourt.errors import Forbidden
from omnicourt.filing import bulk
from omnicourt.filing import service as filing
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from omnicourt.filing.elements import workbook as sheet_workbook
from omnicourt.filing.models import FilingApplication
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.factories import register_party


@pytest.fixture
def party(db):
    with db.transaction() as session:
        return security.actor_for(session, register_party(session))


def loan_row(**changes) -> dict:
    return {**sheet_cells.EXAMPLE_ROW, "contract.number": f"XH-{uuid.uuid4().hex[:10]}", **changes}


def applications_of(db, actor) -> list[FilingApplication]:
    with db.reading() as session:
        return list(session.scalars(select(FilingApplication).where(FilingApplication.applicant_id == actor.id)
                                    .order_by(FilingApplication.id)))


def submissions_by(db, actor) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.actor_id == actor.id, AuditRecord.action == "filing.submit"))


def test_valid_rows_are_filed_and_invalid_rows_reported_by_cell(db, settings, party):
    rows = [loan_row(reference="A1"), loan_row(**{"borrower.1.id_number": "330106198001010112"}), loan_row(),
            loan_row(**{"claim.interest": "9999.99", "loan.rate": "看心情"}), loan_row(reference="A5")]
    report = bulk.file_many(db, settings, actor=party, rows=rows, today=TODAY)

    assert [r.status for r in report.rows] == ["filed", "refused", "filed", "refused", "filed"]
    assert (report.filed, report.refused) == (3, 2)
    assert [r.row for r in report.rows] == [1, 2, 3, 4, 5] and report.rows[0].reference == "A1"
    assert [(e.column, e.header) for e in report.rows[1].errors] == [
        ("borrower.1.id_number", "借款人1身份证号或统一社会信用代码")]
    assert "校验位" in report.rows[1].errors[0].message
    assert {e.column for e in report.rows[3].errors} == {"loan.rate"}  # the claim is checked once the rate reads
    filed = applications_of(db, party)
    assert [a.id for a in filed] == [r.application_id for r in report.rows if r.status == "filed"]
    assert submissions_by(db, party) == 3  # nothing of the refused rows, not even an audit record
    numbers = {a.element_sheet["values"]["contract.number"] for a in filed}
    assert numbers == {rows[i]["contract.number"] for i in (0, 2, 4)}


def test_a_filed_sheet_is_an_ordinary_application_with_its_elements(db, settings, party):
    row = loan_row(**{"guarantor.2.name": "杭州示例担保有限公司",
                      "guarantor.2.id_number": sheet_cells.EXAMPLE_ROW["lender.uscc"],
                      "guarantor.2.representative": "周九", "guarantor.2.kind": "最高额保证",
                      "guarantor.2.max_amount": "50000"})
    report = bulk.file_many(db, settings, actor=party, rows=[row], today=TODAY)
    [application] = applications_of(db, party)
    assert report.rows[0].application_id == application.id
    assert application.cause_code == "cont.contract.loan.financial" and application.status == "submitted"
    # principal 100,000 + interest 6,205 + penalty 2,779.50 + compound 172.47 + fees 3,000
    assert application.amount_in_dispute == Decimal("112156.97")
    assert application.estimated_fee > 0 and application.decision_due_on > TODAY
    roles = [(p["role"], p["party_type"], p["name"]) for p in application.parties]
    assert roles == [("plaintiff", "organisation", "中国示例银行股份有限公司杭州西湖支行"),  # a branch
                     ("defendant", "natural", "李四"), ("defendant", "natural", "赵六"),
                     ("defendant", "legal", "杭州示例担保有限公司")]
    claims = [c["description"] for c in application.claims]
    assert "判令被告李四偿还借款本金100000.00元" in claims
    assert "判令被告杭州示例担保有限公司对上述债务在最高债权额50000.00元范围内承担连带清偿责任" in claims
    assert "年利率6.12%" in application.facts_and_reasons
    elements = sheet_rows.elements_from_json(application.element_sheet)
    assert elements["guarantor.2.kind"].value == "maximum" and elements["claim.penalty"].value == Decimal("2779.50")


def test_acceptance_brings_the_sheet_to_the_case(db, settings, party):
    report = bulk.file_many(db, settings, actor=party, rows=[loan_row()], today=TODAY)
    application_id = report.rows[0].application_id
    with db.transaction() as session:
        case_id = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                                application_id=application_id, today=TODAY).id
    with db.reading() as session:
        case = session.get(Case, case_id)
        application = session.get(FilingApplication, case.filing_application_id)
        assert case.cause_code == "cont.contract.loan.financial"
        assert application.element_sheet["values"]["loan.rate"] == "年利率6.12%"


def test_a_failure_inside_a_row_leaves_no_trace_of_it(db, settings, party, monkeypatch):
    rows = [loan_row(), loan_row(), loan_row()]
    calls = {"n": 0}
    real_to_json = sheet_rows.to_json

    def failing_on_the_second(checked):  # after the application, its audit record and the fee estimate
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("storage down")
        return real_to_json(checked)

    monkeypatch.setattr(sheet_rows, "to_json", failing_on_the_second)
    with pytest.raises(RuntimeError):
        bulk.file_many(db, settings, actor=party, rows=rows, today=TODAY)
    [first] = applications_of(db, party)
    assert first.element_sheet["values"]["contract.number"] == rows[0]["contract.number"]
    assert submissions_by(db, party) == 1

    monkeypatch.setattr(sheet_rows, "to_json", real_to_json)  # the retry files the rest and refuses the filed row
    report = bulk.file_many(db, settings, actor=party, rows=rows, today=TODAY)
    assert [r.status for r in report.rows] == ["refused", "filed", "filed"]
    assert report.rows[0].errors[0].message == (f"借款合同{rows[0]['contract.number']}已提交过立案申请"
                                                f"（申请编号{first.id}），请勿重复提交")
    assert len(applications_of(db, party)) == 3


def test_one_contract_is_filed_once_in_a_batch(db, settings, party):
    row = loan_row()
    report = bulk.file_many(db, settings, actor=party, rows=[row, dict(row)], today=TODAY)
    assert [r.status for r in report.rows] == ["filed", "refused"]
    assert report.rows[1].errors[0].column == "contract.number"
    assert len(applications_of(db, party)) == 1


def test_a_refusal_by_the_filing_service_is_a_cell_error(db, settings, party):
    report = bulk.file_many(db, settings, actor=party, rows=[loan_row(court_code="浙9999")], today=TODAY)
    [row] = report.rows
    assert row.status == "refused" and row.errors[0].column == "court_code"
    assert applications_of(db, party) == []


def test_the_xlsx_template_round_trip(db, settings, party):
    rows = sheet_workbook.read_xlsx(sheet_workbook.template_xlsx())
    report = bulk.file_many(db, settings, actor=party, rows=rows, today=TODAY)
    assert [(r.row, r.status, r.reference) for r in report.rows] == [(2, "filed", "HZ-2025-0001")]
    [application] = applications_of(db, party)
    assert application.element_sheet["cells"] == sheet_cells.EXAMPLE_ROW


def test_staff_do_not_file_and_empty_or_oversized_batches_are_refused(db, settings, party):
    with pytest.raises(Forbidden):
        bulk.file_many(db, settings, actor=actor_named(db, "demo-filing-officer"), rows=[loan_row()], today=TODAY)
    with pytest.raises(Exception, match="要素表没有数据行"):
        bulk.file_many(db, settings, actor=party, rows=[], today=TODAY)
    with pytest.raises(Exception, match="一次最多提交2000行，本次2001行"):
        bulk.file_many(db, settings, actor=party, rows=[{}] * 2001, today=TODAY)
