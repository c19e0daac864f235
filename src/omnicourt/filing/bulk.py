"""Filing financial loan cases by element sheet (要素式起诉), one by one or in bulk.

A checked sheet becomes an ordinary filing application through ``service.submit`` (same checks, triage hint, fee
estimate, decision clock and audit), with the sheet kept on the application for the assistant. In bulk, every row
is filed in its own transaction: a refused or failing row leaves nothing of itself and takes nothing of the rows
before it with it.
"""

import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.db import Database
from omnicourt.dossier import checks
from omnicourt.dossier.service import Upload
from omnicourt.errors import Conflict, DomainError, Forbidden, InvalidInput, PayloadTooLarge
from omnicourt.filing import service
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from omnicourt.filing.elements.cells import CellError
from omnicourt.filing.elements.rows import CheckedSheet
from omnicourt.filing.models import FilingApplication
from omnicourt.filing.schemas import BulkReport, BulkRow, CellErrorOut, ClaimIn, FilingIn, PartyIn
from omnicourt.interest.lpr import LprTable
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

FINANCIAL_LOAN = "cont.contract.loan.financial"  # 金融借款合同纠纷 (data/causes.csv)
# 民诉法解释 art. 52(5) [U: not in court-rules.md]: a licensed branch of a bank is an "other organisation"
# (非法人组织) that sues in its own name, represented by its 负责人.
BRANCH_MARKERS = ("分行", "支行", "分公司", "营业部")
GUARANTEE_LIABILITY = {"joint": "连带清偿责任", "general": "一般保证责任", "maximum": "连带清偿责任"}
GUARANTEE_LABELS = {code: label for label, code in sheet_cells.GUARANTEE_KINDS.items()}
ATTACHMENT_MARKS = ("_", "-", " ", "/", "（", "(", "—")  # what may follow the contract number in a file's name
MAX_ATTACHMENTS = 500


def file_sheet(session: Session, settings: Settings, *, actor: Actor, row: CheckedSheet,
               today: date, filed: dict[str, int] | None = None,
               uploads: Sequence[Upload] = ()) -> FilingApplication:
    """File one checked element sheet as a 金融借款合同纠纷 application, with its documents (the contract, the
    ledger: what the assistant reads besides the sheet); the sheet stays on the application.

    ``filed`` (contract number -> application id of the applicant's pending or accepted sheets) spares the look-up
    when the caller holds it already: a batch reads it once.
    """
    number = row.values["contract.number"]
    earlier = (filed if filed is not None else filed_contracts(session, actor, number)).get(number)
    if earlier is not None:
        raise Conflict(f"借款合同{number}已提交过立案申请（申请编号{earlier}），请勿重复提交", field="contract.number")
    application = service.submit(session, settings, actor=actor, data=filing_in(row, actor), uploads=list(uploads),
                                 today=today)
    application.element_sheet = sheet_rows.to_json(row)
    return application


def check_batch(actor: Actor, rows: list[dict], attachments: Sequence[Upload]) -> dict[str, list[Upload]]:
    """What refuses a whole upload before any row is filed: who sends it, how many rows, attachments that name no
    row. The attachments by the contract number of their row."""
    if actor.is_staff:
        raise Forbidden("网上立案由当事人或代理人提交")
    if not rows:
        raise InvalidInput("要素表没有数据行，请至少填写一个案件", field="rows")
    if len(rows) > sheet_rows.MAX_ROWS:
        raise InvalidInput(f"一次最多提交{sheet_rows.MAX_ROWS}行，本次{len(rows)}行，请分批提交", field="rows")
    return attachments_by_row(attachments, [sheet_cells.cell_text(row.get("contract.number")) for row in rows])


RowDecided = Callable[[Session | None, int, BulkRow], None]


def file_many(db: Database, settings: Settings, *, actor: Actor, rows: list[dict], today: date,
              lpr: LprTable | None = None, attachments: Sequence[Upload] = (),
              decided: Mapping[int, BulkRow] | None = None, on_row: RowDecided | None = None,
              progress: Callable[[int, int], None] | None = None) -> BulkReport:
    """Check every row and file the valid ones, each in its own transaction with the attachments named by its
    contract number (attachments_by_row); report each row.

    A refusal (DomainError) on a row is reported and the next row goes on; any other failure ends the run with the
    rows before it filed and nothing of the failing row. ``decided`` (row index from 1 -> outcome) are the rows an
    earlier run already decided: kept as they were, not filed again. ``on_row(session, index, outcome)`` hears
    each decision: a filed row's inside the transaction that files it (session given), a refused row's after.
    """
    decided = decided or {}
    by_contract = check_batch(actor, rows, attachments)
    lpr = lpr or LprTable.load()
    with db.reading() as session:
        filed = filed_contracts(session, actor)
    report = []
    for index, row in enumerate(rows, start=1):
        if index in decided:
            report.append(decided[index])
        else:
            report.append(_file_row(db, settings, actor=actor, row=row, index=index, today=today, lpr=lpr,
                                    filed=filed, by_contract=by_contract, on_row=on_row))
        if progress is not None:
            progress(index, len(rows))
    return report_of(report)


def report_of(rows: list[BulkRow]) -> BulkReport:
    """The report of the rows decided, in order: how many were filed and refused, and each row."""
    filed = sum(row.status == "filed" for row in rows)
    return BulkReport(filed=filed, refused=len(rows) - filed, rows=rows)


def _file_row(db: Database, settings: Settings, *, actor: Actor, row: dict, index: int, today: date, lpr: LprTable,
              filed: dict[str, int], by_contract: dict[str, list[Upload]], on_row: RowDecided | None) -> BulkRow:
    number = row.get("_row", index)
    checked = sheet_rows.check_row(row, lpr=lpr, today=today)
    if isinstance(checked, list):
        outcome = _invalid(number, sheet_cells.cell_text(row.get("reference")) or None, checked)
    else:
        uploads = by_contract.get(checked.values["contract.number"], [])
        try:
            with db.transaction() as session:
                application_id = file_sheet(session, settings, actor=actor, row=checked, today=today, filed=filed,
                                            uploads=uploads).id
                filed_row = BulkRow(row=number, reference=checked.reference, status="filed",
                                    application_id=application_id, errors=[],
                                    attachments=[upload.filename for upload in uploads])
                if on_row is not None:
                    on_row(session, index, filed_row)
            filed[checked.values["contract.number"]] = application_id
            return filed_row
        except DomainError as error:
            outcome = _invalid(number, checked.reference, [cell_error(error)])
    if on_row is not None:
        on_row(None, index, outcome)
    return outcome


def attachments_by_row(attachments: Sequence[Upload], contract_numbers: list[str]) -> dict[str, list[Upload]]:
    """Each file goes to the row whose contract number starts its name (``HT2024-001_借款合同.pdf``,
    ``HT2024-001.pdf``) or names its folder in a zip (``HT2024-001/还款明细.pdf``); a file that names no row refuses
    the upload, before anything is filed."""
    numbers = sorted({n for n in contract_numbers if n}, key=len, reverse=True)  # the longest match wins
    found: dict[str, list[Upload]] = {}
    for upload in attachments:
        path = upload.filename.replace("\\", "/")
        number = next((n for n in numbers if path == n or any(path.startswith(n + mark) for mark in ATTACHMENT_MARKS)
                       or Path(path).stem == n), None)
        if number is None:
            raise InvalidInput(f"附件「{upload.filename}」的文件名没有以要素表中任何一行的借款合同编号开头"
                               f"（例如 合同编号_借款合同.pdf）", field="attachments")
        found.setdefault(number, []).append(Upload(Path(path).name, upload.content))
    return found


def unpack_attachments(uploads: list[Upload], *, max_bytes: int) -> list[Upload]:
    """The attachments as single files: a .zip among them gives its files (named with their folders), after its
    size and ratio are checked (dossier.checks.check_zip); at most MAX_ATTACHMENTS in all."""
    files = []
    for upload in uploads:
        if Path(upload.filename).suffix.lower() != ".zip":
            files.append(upload)
            continue
        package = checks.check_zip(upload.filename, upload.content, field="attachments", label="ZIP 压缩包")
        for entry in package.infolist():
            if entry.is_dir() or Path(entry.filename).name.startswith((".", "__MACOSX")):
                continue
            if entry.file_size > max_bytes:
                raise PayloadTooLarge(f"压缩包中的「{entry.filename}」超过 {max_bytes // (1024 * 1024)} MB 上限",
                                      field="attachments")
            files.append(Upload(_zip_name(entry), package.read(entry)))
    if len(files) > MAX_ATTACHMENTS:
        raise InvalidInput(f"一次最多上传{MAX_ATTACHMENTS}个附件，本次{len(files)}个，请分批上传", field="attachments")
    return files


def _zip_name(entry: zipfile.ZipInfo) -> str:
    """Windows zip tools write names in GBK without saying so: read them as such."""
    if entry.flag_bits & 0x800:  # the name is UTF-8
        return entry.filename
    try:
        return entry.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return entry.filename


def _invalid(number: int, reference: str | None, errors: list[CellError]) -> BulkRow:
    return BulkRow(row=number, reference=reference, status="refused", application_id=None,
                   errors=[CellErrorOut(column=e.column, header=e.header, message=e.message) for e in errors])


def cell_error(error: DomainError) -> CellError:
    """A refusal met while filing, as an error of the row's cell it names (the court, the contract) or of the row."""
    column = error.field if error.field in sheet_cells.COLUMNS_BY_KEY else ""
    return CellError(column, error.message)


def filed_contracts(session: Session, actor: Actor, number: str | None = None) -> dict[str, int]:
    """The contracts of the applicant's pending or accepted element sheets (all, or only ``number``): one
    application per contract, so a retried batch files nothing twice."""
    stored_number = FilingApplication.element_sheet["values"]["contract.number"].as_string()
    query = select(stored_number, FilingApplication.id).where(
        FilingApplication.applicant_id == actor.id, FilingApplication.status != "refused",
        FilingApplication.cause_code == FINANCIAL_LOAN, FilingApplication.element_sheet.is_not(None))
    if number is not None:
        query = query.where(stored_number == number)
    return {contract: application_id for contract, application_id in session.execute(query)}


# ---------------------------------------------------------------- the sheet as a filing


def filing_in(row: CheckedSheet, actor: Actor) -> FilingIn:
    """The complaint an element sheet makes: parties, claims in the courts' wording, facts and reasons."""
    return FilingIn(court_code=row.court_code, cause_code=FINANCIAL_LOAN, parties=_parties(row, actor),
                    claims=_claims(row), facts_and_reasons=_facts(row))


def _slots(values: dict, group: str) -> list[dict]:
    """The filled slots of a party group, each as {attribute: value}."""
    found: dict[int, dict] = {}
    for key, value in values.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == group:
            found.setdefault(int(parts[1]), {})[parts[2]] = value
    return [found[n] for n in sorted(found)]


def _defendant(slot: dict) -> PartyIn:
    party_type, number = slot["id_number"]
    if party_type == "natural":
        return PartyIn(role="defendant", party_type="natural", name=slot["name"], id_number=number,
                       address=slot.get("address"))
    return PartyIn(role="defendant", party_type="legal", name=slot["name"], uscc=number,
                   legal_representative=slot.get("representative"), address=slot.get("address"))


def _parties(row: CheckedSheet, actor: Actor) -> list[PartyIn]:
    values = row.values
    lender_type = "organisation" if any(marker in values["lender.name"] for marker in BRANCH_MARKERS) else "legal"
    parties = [PartyIn(role="plaintiff", party_type=lender_type, name=values["lender.name"],
                       uscc=values["lender.uscc"], legal_representative=values["lender.representative"],
                       address=values.get("lender.address"))]
    parties += [_defendant(slot) for slot in _slots(values, "borrower") + _slots(values, "guarantor")]
    if actor.role == "lawyer":
        parties.append(PartyIn(role="agent", party_type="natural", name=actor.display_name, id_number=actor.id_number))
    return parties


def _names(slots: list[dict]) -> str:
    return "、".join(slot["name"] for slot in slots)


def _claims(row: CheckedSheet) -> list[ClaimIn]:
    values = row.values
    borrowers, cutoff = _names(_slots(values, "borrower")), values["claim.cutoff"]
    claims = [ClaimIn(description=f"判令被告{borrowers}偿还借款本金{values['claim.principal']}元",
                      amount=values["claim.principal"])]
    for key, what in (("claim.interest", "利息"), ("claim.penalty", "罚息"), ("claim.compound", "复利")):
        if values.get(key):
            claims.append(ClaimIn(description=f"判令被告{borrowers}支付截至{cutoff.isoformat()}的{what}{values[key]}元",
                                  amount=values[key]))
    compound = "、复利" if values["loan.compound"] else ""
    claims.append(ClaimIn(description=f"判令被告{borrowers}支付自{(cutoff + timedelta(days=1)).isoformat()}起至实际"
                                      f"清偿之日止的罚息{compound}（按合同约定的罚息利率计算）"))
    if values.get("claim.fees"):
        claims.append(ClaimIn(description=f"判令被告{borrowers}支付律师费等实现债权的费用{values['claim.fees']}元",
                              amount=values["claim.fees"]))
    for slot in _slots(values, "guarantor"):
        limit = f"在最高债权额{slot['max_amount']}元范围内" if slot.get("max_amount") else ""
        claims.append(ClaimIn(description=f"判令被告{slot['name']}对上述债务{limit}承担"
                                          f"{GUARANTEE_LIABILITY[slot['kind']]}"))
    for slot in _slots(values, "collateral"):
        limit = f"在最高债权额{slot['max_amount']}元范围内" if slot.get("max_amount") else ""
        claims.append(ClaimIn(description=f"判令原告有权就{slot['owner']}所有的{slot['description']}折价或者拍卖、"
                                          f"变卖所得价款{limit}优先受偿"))
    claims.append(ClaimIn(description="判令本案诉讼费用由被告负担"))
    return claims


def _facts(row: CheckedSheet) -> str:
    values = row.values
    borrowers = _names(_slots(values, "borrower"))
    uplift = f"{(values['loan.penalty_uplift'] * 100).normalize():f}%"
    text = [f"原告{values['lender.name']}与被告{borrowers}于{values['contract.date'].isoformat()}签订编号为"
            f"{values['contract.number']}的借款合同，约定借款金额{values['loan.principal']}元，借款期限自"
            f"{values['loan.term_start'].isoformat()}至{values['loan.term_end'].isoformat()}，利率为"
            f"{values['loan.rate']}，还款方式为{values['loan.repayment_method']}，逾期罚息在合同利率基础上上浮{uplift}"
            + ("，对未按时支付的利息计收复利。" if values["loan.compound"] else "。")]
    for slot in _slots(values, "guarantor"):
        text.append(f"被告{slot['name']}为上述借款提供{GUARANTEE_LABELS[slot['kind']]}。")
    for slot in _slots(values, "collateral"):
        text.append(f"{slot['owner']}以其所有的{slot['description']}为上述借款提供抵押担保。")
    text.append(f"原告于{values['disbursement.date'].isoformat()}发放贷款{values['disbursement.amount']}元。"
                f"被告自{values['default.date'].isoformat()}起未按约还款")
    if "acceleration.date" in values:
        text.append(f"，原告于{values['acceleration.date'].isoformat()}宣布贷款提前到期")
    owed = [f"{what}{values[key]}元" for key, what in (("claim.principal", "本金"), ("claim.interest", "利息"),
                                                        ("claim.penalty", "罚息"), ("claim.compound", "复利"))
            if values.get(key)]
    text.append(f"。截至{values['claim.cutoff'].isoformat()}，被告尚欠{'、'.join(owed)}。"
                "原告为维护自身合法权益，依法提起诉讼。（本起诉依据要素表生成）")
    return "".join(text)

