"""The element sheet's rules: every kind of cell error, check digits, claims against the calculator, the elements."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from omnicourt.errors import InvalidInput
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from omnicourt.filing.elements import workbook as sheet_workbook
from omnicourt.loans.elements import PARTY_GROUPS, SCALAR_FIELDS, to_terms
from omnicourt.security import rules as identity

# The example row's terms computed to 2024-06-30: 100,000 at 6.12 % a year (basis 360) for 365 days is 6,205.00
# interest; the overdue principal then bears the penalty rate 9.18 % (+50 %, court-rules.md §4.2) for 109 days.
COMPUTED = {"principal": Decimal("100000.00"), "interest": Decimal("6205.00"), "penalty": Decimal("2779.50"),
            "compound": Decimal("172.47")}


def row(**changes) -> dict:
    return {**sheet_cells.EXAMPLE_ROW, **{key.replace("__", "."): value for key, value in changes.items()}}


def errors_of(data: dict, **options) -> dict[str, str]:
    result = sheet_rows.check_row(data, **options)
    assert isinstance(result, list), "the row should have been refused"
    messages = {}
    for error in result:
        messages[error.column] = " / ".join(filter(None, (messages.get(error.column), error.message)))
    return messages


def test_the_example_row_is_valid_and_computed():
    checked = sheet_rows.check_row(sheet_cells.EXAMPLE_ROW)
    assert isinstance(checked, sheet_rows.CheckedSheet)
    assert {name: getattr(checked.amounts, name) for name in COMPUTED} == COMPUTED
    assert COMPUTED["penalty"] == (Decimal("100000") * Decimal("0.0918") * 109 / 360).quantize(Decimal("0.01"))


def test_a_missing_required_cell_names_its_column():
    errors = errors_of(row(contract__number="", claim__cutoff=None))
    assert errors == {"contract.number": "「借款合同编号」必填", "claim.cutoff": "「计算截止日」必填"}


def test_every_error_of_the_row_at_once():
    errors = errors_of(row(loan__principal="十万", contract__date="2023-02-30", loan__day_count="300",
                           loan__repayment_method="随借随还", borrower__1__id_number="33010619800101011Y"))
    assert set(errors) == {"loan.principal", "contract.date", "loan.day_count", "loan.repayment_method",
                           "borrower.1.id_number"}
    assert "「借款金额」金额「十万」应为数字" in errors["loan.principal"]
    assert "不是真实的日期" in errors["contract.date"]
    assert "360 / 365" in errors["loan.day_count"]
    assert "等额本息" in errors["loan.repayment_method"]


def test_claims_are_checked_even_when_a_party_cell_is_wrong():
    errors = errors_of(row(borrower__1__id_number="", lender__name="", claim__interest="7000"))
    assert set(errors) == {"borrower.1.id_number", "lender.name", "claim.interest"}


def test_id_number_check_digit():
    good = sheet_cells.EXAMPLE_ROW["borrower.1.id_number"]
    assert identity.id_check_char(good[:17]) == good[17]
    wrong = good[:17] + ("1" if good[17] != "1" else "2")
    message = errors_of(row(borrower__1__id_number=wrong))["borrower.1.id_number"]
    assert message.startswith("「借款人1身份证号或统一社会信用代码」") and "校验位" in message
    # GB 11643-1999's own example reads, and a lower-case x is accepted
    assert isinstance(sheet_rows.check_row(row(borrower__1__id_number="11010519491231002x")), sheet_rows.CheckedSheet)


def test_uscc_check_digit_and_company_defendants():
    uscc = identity.make_uscc("91330106MA2B00001")
    assert "校验" in errors_of(row(lender__uscc=uscc[:17] + ("0" if uscc[17] != "0" else "1")))["lender.uscc"]
    errors = errors_of(row(borrower__2__name="杭州示例贸易有限公司", borrower__2__id_number=uscc))
    assert errors == {
        "borrower.2.representative": "「借款人2法定代表人或负责人」必填：单位当事人须写明法定代表人或负责人"}
    checked = sheet_rows.check_row(row(borrower__2__name="杭州示例贸易有限公司", borrower__2__id_number=uscc,
                                  borrower__2__representative="孙七"))
    assert checked.values["borrower.2.id_number"] == ("legal", uscc)


def test_a_slot_is_filled_whole():
    errors = errors_of(row(guarantor__2__name="钱八", collateral__1__description="杭州市西湖区某路1号房屋"))
    assert set(errors) == {"guarantor.2.id_number", "guarantor.2.kind", "collateral.1.owner"}
    errors = errors_of(row(guarantor__1__kind="最高额保证"))
    assert errors == {"guarantor.1.max_amount": "「保证人1最高债权额」必填：最高额保证须写明最高债权额"}


@pytest.mark.parametrize(("changes", "column", "words"), [
    ({"loan.term_end": "2023-03-01"}, "loan.term_end", "应晚于借款期限起始日"),
    ({"disbursement.date": "2023-03-01"}, "disbursement.date", "不能早于合同签订日期"),
    ({"default.date": "2023-03-15"}, "default.date", "应晚于放款日期"),
    ({"claim.cutoff": "2024-03-01"}, "claim.cutoff", "不能早于逾期日"),
    ({"acceleration.date": "2024-07-01"}, "claim.cutoff", "不能早于宣布提前到期日"),
    ({"repayments": "2024-07-05 100"}, "repayments", "应在放款日期之后、计算截止日之前"),
])
def test_dates_in_order(changes, column, words):
    assert words in errors_of({**sheet_cells.EXAMPLE_ROW, **changes})[column]


def test_no_date_after_today_when_today_is_given():
    errors = errors_of(row(), today=date(2024, 6, 1))
    assert errors == {"claim.cutoff": "「计算截止日」不能晚于今天（2024-06-01）"}


def test_the_rate_must_be_readable():
    assert "无法识别利率「按市场行情」" in errors_of(row(loan__rate="按市场行情"))["loan.rate"]


@pytest.mark.parametrize(("column", "text", "words"), [
    ("loan.principal", "-5", "不能为负数"),
    ("loan.principal", "0", "应大于零"),
    ("claim.fees", "12.345", "最多保留两位小数"),
    ("claim.principal", "2000000000000", "超出合理范围"),
    ("disbursement.amount", "100000.01", "不能超过借款金额100000.00元"),
    ("loan.penalty_uplift", "150%", "银发〔2003〕251号"),
    ("loan.penalty_uplift", "50", "如为百分比请加 % 号"),
])
def test_amounts_positive_and_sane(column, text, words):
    assert words in errors_of({**sheet_cells.EXAMPLE_ROW, column: text})[column]


def test_unknown_columns_are_named():
    assert errors_of(row(borrower_phone="13900000000")) == {
        "borrower_phone": "未知的列「borrower_phone」，请使用要素表模板的列"}


def test_a_claim_above_the_calculator_names_the_computed_figure():
    errors = errors_of(row(claim__interest="6300.00", claim__compound="200"))
    assert errors == {
        "claim.interest": "「主张利息」6,300.00元高于按合同约定计算至2024-06-30的利息6,205.00元，请核对",
        "claim.compound": "「主张复利」200.00元高于按合同约定计算至2024-06-30的复利172.47元，请核对"}
    # a later cut-off earns more: the same claim passes
    later = sheet_rows.check_row(row(claim__interest="6205.00", claim__cutoff="2024-09-30"))
    assert isinstance(later, sheet_rows.CheckedSheet)


@settings(max_examples=25, deadline=None)
@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("9000"), places=2))
def test_a_penalty_claim_passes_exactly_up_to_the_computed_figure_and_tolerance(claimed):
    result = sheet_rows.check_row(row(claim__penalty=str(claimed)))
    assert isinstance(result, sheet_rows.CheckedSheet) == (claimed <= COMPUTED["penalty"] + sheet_rows.CLAIM_TOLERANCE)


def test_cells_as_excel_and_json_send_them():
    assert sheet_cells.cell_text(100000.5) == "100000.5"
    assert sheet_cells.cell_text(0.1 + 0.2) == "0.30000000000000004"  # the float as it is: refused as >2 decimals
    assert sheet_cells.cell_text(datetime(2024, 3, 15, 0, 0)) == "2024-03-15"
    assert sheet_cells.cell_text(True) == "是"
    checked = sheet_rows.check_row(row(loan__principal=100000, contract__date=date(2023, 3, 15), loan__compound=True,
                                  loan__day_count=360, contract__number="  XH 1 "))
    assert checked.values["loan.principal"] == Decimal("100000.00") and checked.values["contract.number"] == "XH 1"


def test_to_elements_uses_the_contract_field_names():
    # repayments go to interest first (民法典 art. 561): lower claims
    checked = sheet_rows.check_row(row(repayments="2024-04-15 1000；2024-05-15：500.50",
                                       acceleration__date="2024-04-01",
                                       claim__interest="6000", claim__penalty="1500", claim__compound="70"))
    elements = sheet_rows.to_elements(checked)
    group_fields = {f"{group}.{n}.{attribute}" for group, attributes in PARTY_GROUPS.items()
                    for n in range(1, 4) for attribute in attributes}
    assert set(elements) <= set(SCALAR_FIELDS) | group_fields
    assert {"lender.uscc", "court_code", "reference", "borrower.1.representative"}.isdisjoint(elements)
    assert all(f.document == "element_sheet" and (f.start, f.end, f.confidence) == (0, 0, 1.0)
               for f in elements.values())
    assert elements["borrower.1.id_number"].value == sheet_cells.EXAMPLE_ROW["borrower.1.id_number"]
    assert elements["repayment.2.amount"].value == Decimal("500.50")
    assert elements["loan.rate"].quote == "年利率6.12%"
    terms = to_terms(elements)
    assert (terms.principal, terms.compound, terms.day_count, terms.penalty_uplift) == (
        Decimal("100000.00"), True, 360, Decimal("0.5"))
    assert terms.guarantees[0].kind == "joint" and terms.accelerated_on == date(2024, 4, 1)
    assert [r.on for r in terms.repayments] == [date(2024, 4, 15), date(2024, 5, 15)]


def test_the_stored_sheet_gives_the_same_elements():
    checked = sheet_rows.check_row(row(repayments="2024-04-15 1000", claim__interest="6000", claim__penalty="1500",
                                  claim__compound="70"))
    assert sheet_rows.elements_from_json(sheet_rows.to_json(checked)) == sheet_rows.to_elements(checked)


# ---------------------------------------------------------------- the .xlsx template and upload


def workbook_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    for values in rows:
        book.active.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_reads_back_as_its_example_row():
    rows = sheet_workbook.read_xlsx(sheet_workbook.template_xlsx())
    assert len(rows) == 1 and rows[0]["_row"] == 2
    assert {k: v for k, v in rows[0].items() if k != "_row"} == sheet_cells.EXAMPLE_ROW
    assert isinstance(sheet_rows.check_row(rows[0]), sheet_rows.CheckedSheet)


def test_read_xlsx_numbers_rows_as_in_the_sheet_and_skips_blank_rows():
    headers = [c.header for c in sheet_cells.SHEET_COLUMNS]
    example = [sheet_cells.EXAMPLE_ROW.get(c.key) for c in sheet_cells.SHEET_COLUMNS]
    numeric = [100000.0 if c.key == "loan.principal" else v
               for c, v in zip(sheet_cells.SHEET_COLUMNS, example, strict=True)]
    rows = sheet_workbook.read_xlsx(workbook_bytes([headers, example, [None] * 3, numeric]))
    assert [r["_row"] for r in rows] == [2, 4]
    assert rows[1]["loan.principal"] == "100000"  # a whole number reads as an int
    assert isinstance(sheet_rows.check_row(rows[1]), sheet_rows.CheckedSheet)


@pytest.mark.parametrize(("data", "words"), [
    (b"col1,col2\n1,2\n", "请上传 .xlsx 格式"),
    (b"PK\x03\x04not really a zip", "无法读取该 .xlsx 文件"),
    (workbook_bytes([["借款合同编号", "电话"]]), "列标题「电话」不是要素表的列"),
    (workbook_bytes([["借款合同编号"]]), "要素表缺少必填列：受理法院代字"),
    (workbook_bytes([[c.header for c in sheet_cells.SHEET_COLUMNS], ["浙0106", "=1+1"]]), "单元格B2含有公式"),
])
def test_read_xlsx_refuses_what_it_cannot_file(data, words):
    with pytest.raises(InvalidInput) as refused:
        sheet_workbook.read_xlsx(data)
    assert words in refused.value.message and refused.value.field == "file"


def test_read_xlsx_refuses_too_many_rows():
    headers = [c.header for c in sheet_cells.SHEET_COLUMNS]
    data = workbook_bytes([headers] + [["浙0106"]] * (sheet_rows.MAX_ROWS + 1))
    with pytest.raises(InvalidInput, match="一次最多提交2000行"):
        sheet_workbook.read_xlsx(data)
    full = workbook_bytes([headers] + [["浙0106"]] * sheet_rows.MAX_ROWS)
    assert len(sheet_workbook.read_xlsx(full)) == sheet_rows.MAX_ROWS
