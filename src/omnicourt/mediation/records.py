"""What mediation writes: the settlement agreement's text from its template, and the record of undisputed facts
(无争议事实记载) as a PDF that goes to filing with a failed mediation."""

from datetime import date
from typing import TYPE_CHECKING

from omnicourt.cases.rules import chinese_date
from omnicourt.dossier import pdf
from omnicourt.mediation.models import Mediation, MediationParty

if TYPE_CHECKING:
    from omnicourt.mediation.service import Terms

ROLE_NAMES = {"plaintiff": "申请人", "defendant": "被申请人", "third_party": "第三人", "agent": "委托代理人"}


def terms_json(terms: "Terms") -> dict:
    return {"obligations": [{"obligor": o.obligor, "content": o.content, "amount": o.amount,
                             "due_on": o.due_on.isoformat() if o.due_on else None} for o in terms.obligations],
            "default_consequence": terms.default_consequence, "other_terms": terms.other_terms}


def _party_lines(parties: list[MediationParty]) -> list[str]:
    return [f"{ROLE_NAMES.get(p.role, p.role)}：{p.name}" for p in parties]


def agreement_text(mediation: Mediation, parties: list[MediationParty], terms: "Terms") -> str:
    """The agreement from the template: the parties, the dispute, each obligation (who, what, how much, by when),
    the consequence of default, other terms, and the effect of the signatures (在线调解规则 art. 19)."""
    lines = ["调解协议书", f"编号：{mediation.number}", *_party_lines(parties),
             f"案由：{mediation.cause_name}", "经特邀调解员主持调解，各方当事人自愿达成如下协议："]
    for index, obligation in enumerate(terms.obligations, start=1):
        amount = f"人民币{obligation.amount}元" if obligation.amount else ""
        due = f"于{chinese_date(obligation.due_on)}前" if obligation.due_on else ""
        lines.append(f"{index}. {obligation.obligor}{due}{obligation.content}{amount}。")
    lines.append(f"不履行的后果：{terms.default_consequence.strip()}")
    if terms.other_terms.strip():
        lines.append(f"其他约定：{terms.other_terms.strip()}")
    lines.append("本协议经各方当事人在线签署后生效。")
    return "\n".join(lines)


def undisputed_facts_pdf(mediation: Mediation, parties: list[MediationParty]) -> bytes:
    ended: date | None = mediation.ended_on
    lines = [pdf.Line(f"编号：{mediation.number}"), *(pdf.Line(text) for text in _party_lines(parties)),
             pdf.Line(f"案由：{mediation.cause_name}"),
             pdf.Line(f"调解终结日期：{chinese_date(ended) if ended else ''}"),
             pdf.Line("经调解，各方当事人对下列事实没有争议："),
             *(pdf.Line(text, indent=2) for text in (mediation.undisputed_facts or "无").splitlines() if text.strip())]
    return pdf.paged("无争议事实记载", lines)
