"""The dossier's rules: its two volumes, the kinds of document a catalogue names, and the catalogue's numbering.

人民法院诉讼文书立卷归档办法 (最高人民法院、国家档案局, 1991) art. 4 files a case in two volumes: the main volume
(正卷), which the parties and their lawyers may read, and the secondary volume (副卷), which holds the court's
internal papers — the deliberation record (评议笔录, spec court-rules-2.md §5.6), the judicial committee's
discussion, internal requests and approvals, the handling staff's reports and notes — and is read inside the court
only. 最高人民法院关于全面推进人民法院电子卷宗随案同步生成和深度应用的指导意见 (法〔2018〕86号) has the electronic
dossier built as the case goes: each document enters its volume's catalogue (卷宗目录) in order, numbered and paged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from omnicourt.errors import InvalidInput


class Volume(StrEnum):
    MAIN = "main"  # 正卷
    SECONDARY = "secondary"  # 副卷


VOLUME_LABELS = {Volume.MAIN: "正卷", Volume.SECONDARY: "副卷"}


class DocumentKind(StrEnum):
    COMPLAINT = "complaint"
    DEFENCE = "defence"
    EVIDENCE = "evidence"
    IDENTITY_PROOF = "identity_proof"
    POWER_OF_ATTORNEY = "power_of_attorney"
    DELIVERY_RECEIPT = "delivery_receipt"
    HEARING_RECORD = "hearing_record"
    SUMMONS = "summons"
    HEARING_NOTICE = "hearing_notice"
    CROSS_EXAMINATION_RECORD = "cross_examination_record"
    JUDGMENT = "judgment"
    FEE_RECEIPT = "fee_receipt"
    ACCEPTANCE_NOTICE = "acceptance_notice"
    RESPONSE_NOTICE = "response_notice"
    FEE_NOTICE = "fee_notice"
    ADDRESS_CONFIRMATION = "address_confirmation"
    ENFORCEMENT_NOTICE = "enforcement_notice"
    PROPERTY_REPORT_ORDER = "property_report_order"
    OTHER = "other"
    # the secondary volume's
    DELIBERATION_RECORD = "deliberation_record"
    INTERNAL_APPROVAL = "internal_approval"
    WORKING_NOTES = "working_notes"


KIND_LABELS = {
    DocumentKind.COMPLAINT: "起诉状",
    DocumentKind.DEFENCE: "答辩状",
    DocumentKind.EVIDENCE: "证据",
    DocumentKind.IDENTITY_PROOF: "身份证明",
    DocumentKind.POWER_OF_ATTORNEY: "授权委托书",
    DocumentKind.DELIVERY_RECEIPT: "送达凭证",
    DocumentKind.HEARING_RECORD: "庭审笔录",
    DocumentKind.SUMMONS: "传票",
    DocumentKind.HEARING_NOTICE: "出庭通知书",
    DocumentKind.CROSS_EXAMINATION_RECORD: "质证记录",
    DocumentKind.JUDGMENT: "裁判文书",
    DocumentKind.FEE_RECEIPT: "诉讼费交费凭证",
    DocumentKind.ACCEPTANCE_NOTICE: "受理通知书",
    DocumentKind.RESPONSE_NOTICE: "应诉通知书",
    DocumentKind.FEE_NOTICE: "交费通知书",
    DocumentKind.ADDRESS_CONFIRMATION: "送达地址确认书",
    DocumentKind.ENFORCEMENT_NOTICE: "执行通知书",
    DocumentKind.PROPERTY_REPORT_ORDER: "报告财产令",
    DocumentKind.OTHER: "其他",
    DocumentKind.DELIBERATION_RECORD: "评议笔录",
    DocumentKind.INTERNAL_APPROVAL: "内部审批材料",
    DocumentKind.WORKING_NOTES: "法官助理工作记录",
}
SECONDARY_KINDS = frozenset({DocumentKind.DELIBERATION_RECORD, DocumentKind.INTERNAL_APPROVAL,
                             DocumentKind.WORKING_NOTES})


# The court's procedural papers and their receipts: notices, summonses, the address confirmation, certificates and
# receipts. They say what the court did, not what the parties claim or prove, so the assistant does not read them as
# pleadings or evidence.
PROCEDURAL_KINDS = frozenset({DocumentKind.SUMMONS, DocumentKind.HEARING_NOTICE, DocumentKind.ACCEPTANCE_NOTICE,
                              DocumentKind.RESPONSE_NOTICE, DocumentKind.FEE_NOTICE,
                              DocumentKind.ADDRESS_CONFIRMATION, DocumentKind.DELIVERY_RECEIPT,
                              DocumentKind.FEE_RECEIPT, DocumentKind.ENFORCEMENT_NOTICE,
                              DocumentKind.PROPERTY_REPORT_ORDER})

# Papers of the main volume that are one party's own: a delivery certificate (送达回证, 电子送达凭证) and a delivery
# address confirmation (送达地址确认书) carry that party's address for service, which the other parties have no right
# to (个人信息保护法 arts 6, 13); they learn from the timeline that it was served. A fee receipt (交费凭证) is its
# payer's: it shows who paid what through which account, and the other parties learn from the timeline and the fee
# account that the fee was paid. The court reads them all.
ADDRESSEE_ONLY_KINDS = frozenset({DocumentKind.DELIVERY_RECEIPT, DocumentKind.ADDRESS_CONFIRMATION,
                                  DocumentKind.FEE_RECEIPT})


def addressee_only(kind: str) -> bool:
    """Whether a document of this kind opens, besides for the court, only for the party it concerns."""
    return kind in ADDRESSEE_ONLY_KINDS


def volume_of(kind: DocumentKind) -> Volume:
    """The volume a kind of document is filed in (立卷归档办法 art. 4): the court's internal papers in the
    secondary volume, everything else in the main one."""
    return Volume.SECONDARY if kind in SECONDARY_KINDS else Volume.MAIN


def kind_named(value: str, *, field: str = "kind") -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError:
        raise InvalidInput(f"材料类别「{value}」不存在", field=field) from None


@dataclass(frozen=True)
class PageRange:
    """A document's pages in its volume; None where a page count before it (or its own) is not known."""

    first: int | None
    last: int | None


def page_ranges(page_counts: Sequence[int | None]) -> list[PageRange]:
    """Pages numbered through the volume in catalogue order. A document whose page count is not known (a Word file
    saved without one) has no range, and neither has any after it: a guessed number would be a wrong number. A
    document of no pages (a video) has no range and takes no numbers."""
    ranges: list[PageRange] = []
    next_page: int | None = 1
    for pages in page_counts:
        if pages == 0:
            ranges.append(PageRange(None, None))
        elif next_page is None or pages is None:
            ranges.append(PageRange(None, None))
            next_page = None
        else:
            ranges.append(PageRange(next_page, next_page + pages - 1))
            next_page += pages
    return ranges


def moved(order: Sequence[int], document_id: int, number: int, *, field: str = "number") -> list[int]:
    """The volume's document ids with ``document_id`` moved to catalogue number ``number`` (1 is the first)."""
    if not 1 <= number <= len(order):
        raise InvalidInput(f"目录序号应在 1 到 {len(order)} 之间，而不是 {number}", field=field)
    rest = [i for i in order if i != document_id]
    return rest[:number - 1] + [document_id] + rest[number - 1:]
