"""Automatic cataloguing: the kind of a document (dossier/rules.py DocumentKind) from its text, by rules a clerk can
read and check. Pure functions: no I/O.

A court document names itself in its title: 民事起诉状, 答辩状, 授权委托书, 送达回证, 庭审笔录, 民事判决书
(诉讼文书样式, 最高人民法院 2016: every form opens with the court's name where the court writes it, then the
form's name). So the title decides first: the first title word found in the document's head (its first
characters, whitespace removed, as a scan spaces a title out: 民 事 起 诉 状). A head naming none (a photo of an
ID card, an OCR that lost the title) falls back to the file name, then to cue words of each kind's body (诉讼请求
and 此致 for a complaint, 被答辩人 for a defence, 受托人 and 代理权限 for a power of attorney…), the kind with
most cues winning. The reason says which rule decided, so the catalogue shows why a document was filed where it
was.

Measured on data/eval/dossier and the real judgments of ../shared/data (tests/dossier/test_cataloguing.py,
bench/RESULTS.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from omnicourt.dossier.rules import DocumentKind, Volume, volume_of

K = DocumentKind
HEAD_CHARACTERS = 90  # the title block: the court's name, the form's name, a case number
_SPACE = re.compile(r"\s+")

# Title words, each with its kind. Order does not matter: the one found first in the head wins (a delivery receipt's
# head names the 送达回证 before the 判决书 it delivered). Longer names are listed where a shorter one is inside them.
TITLES: tuple[tuple[DocumentKind, str], ...] = (
    (K.DELIBERATION_RECORD, r"(合议庭)?评议笔录|合议庭评议(记录|意见)"),
    (K.INTERNAL_APPROVAL, r"审批表|呈批表|审批单|报批表|审判委员会(讨论)?(记录|纪要)|内部请示|请示报告"),
    (K.WORKING_NOTES, r"法官助理工作记录|工作记录|工作日志|办案(笔记|日志)|阅卷笔录|审理报告|案件审查报告"),
    (K.JUDGMENT, r"(民事|刑事|行政|执行|赔偿|附带民事)?(判决书|裁定书|调解书|决定书)"),
    (K.HEARING_RECORD, r"(庭审|开庭|法庭审理|庭前会议|调解|询问|谈话)笔录"),
    (K.CROSS_EXAMINATION_RECORD, r"质证(记录|笔录)"),
    (K.DELIVERY_RECEIPT, r"送达回证|送达凭证|送达回执|送达证明|邮件送达回执|签收回执"),
    # a copy of the complaint sent with a notice (随本通知发送起诉状副本) is named, not the title
    (K.COMPLAINT, r"(民事|行政|刑事自诉|反诉)?起诉(状|书)(?!副本)|诉状(?!副本)|反诉状"),
    (K.DEFENCE, r"(?<!提交)答辩(状|书|意见)"),  # a notice asks one to 提交答辩状: not the defence itself
    (K.POWER_OF_ATTORNEY, r"授权委托书|委托代理(合同|协议)?书?|特别授权委托|委托书"),
    (K.FEE_RECEIPT, r"诉讼费.{0,12}(收据|票据|凭证|发票)|(案件受理费|诉讼费用?)(交纳|缴纳|交费|缴费)(凭证|收据)"
                    r"|非税收入.{0,6}票据|电子票据"),
    (K.IDENTITY_PROOF, r"居民身份证|身份证(复印件|正反面)?|法定代表人身份证明|身份证明(书)?|营业执照|户口(簿|本)|护照"
                       r"|统一社会信用代码证|律师执业证"),
    # a contract's name followed by 纠纷 is a cause of action (借款合同纠纷), named in every document of the case
    (K.EVIDENCE, r"(?:证据(目录|清单|材料|一览表)|借款(合同|协议)|借条|欠条|收条|还款(协议|承诺书|计划)|担保(合同|函)"
                 r"|保证合同|抵押合同|银行(流水|交易明细|回单)|交易明细|转账(凭证|记录|回单)|聊天记录|对账单|鉴定(意见|报告)"
                 r"|购销合同|租赁合同|买卖合同|(劳动|服务|承揽|施工)合同|发票|收据|结算单)(?!纠纷)"),
    # The court's notices and the address form, when they come as a scan or an upload rather than written by the
    # platform (which gives them their kind at birth): a paper 传票 served by post, a 受理案件通知书 the clerk files.
    (K.SUMMONS, r"传票"),
    (K.HEARING_NOTICE, r"出庭通知书"),
    (K.ACCEPTANCE_NOTICE, r"(案件)?受理(案件)?通知书"),
    (K.RESPONSE_NOTICE, r"应诉通知书"),
    (K.FEE_NOTICE, r"(交|缴)(纳)?(诉讼)?(费|费用)通知书|(交纳|缴纳)诉讼费用?通知书"),
    (K.ADDRESS_CONFIRMATION, r"送达地址确认书"),
    # Papers of a case that are none of the kinds above: applications, a lawyer's submissions.
    (K.OTHER, r"申请书|代理词|辩护词|质证意见|举证通知书"),
)

# Cue words of each kind's body, for a document whose head names nothing (an OCR that lost the title).
CUES: dict[DocumentKind, tuple[str, ...]] = {
    K.COMPLAINT: ("诉讼请求", "事实与理由", "事实和理由", "此致", "具状人", "起诉人", "判令被告"),
    K.DEFENCE: ("答辩人", "被答辩人", "答辩如下", "答辩意见", "驳回原告"),
    K.POWER_OF_ATTORNEY: ("委托人", "受托人", "受委托人", "代理权限", "特别授权", "一般代理", "代为"),
    K.IDENTITY_PROOF: ("公民身份号码", "签发机关", "有效期限", "出生", "民族", "法定代表人", "注册资本", "经营范围"),
    K.DELIVERY_RECEIPT: ("受送达人", "送达文书", "送达地址", "送达方式", "签收", "送达人", "收件人"),
    K.HEARING_RECORD: ("审判长", "书记员", "宣布开庭", "法庭调查", "法庭辩论", "最后陈述", "核对当事人", "审：", "原：",
                       "被："),
    K.JUDGMENT: ("本院认为", "判决如下", "裁定如下", "审判员", "书记员", "本判决", "公诉机关", "依照"),
    K.FEE_RECEIPT: ("交款人", "缴款人", "收款单位", "诉讼费", "受理费", "票据号码", "金额（大写）"),
    K.EVIDENCE: ("甲方", "乙方", "借款人", "出借人", "今借到", "交易日期", "收款人", "付款人", "证明目的", "证据名称"),
    K.DELIBERATION_RECORD: ("合议庭成员", "评议", "少数意见", "多数意见", "评议结论"),
    K.INTERNAL_APPROVAL: ("审批意见", "庭长意见", "院长意见", "拟办意见", "承办人意见", "呈报", "审批人"),
    K.WORKING_NOTES: ("工作记录", "联系了", "电话联系", "已告知", "待办", "阅卷"),
    K.SUMMONS: ("被传唤人", "传唤事由", "应到时间", "应到处所"),
    K.HEARING_NOTICE: ("准时出庭", "作为诉讼代理人", "出庭参加诉讼"),
    K.ACCEPTANCE_NOTICE: ("起诉状已收到", "受理条件", "决定立案", "立案审理"),
    K.RESPONSE_NOTICE: ("起诉状副本", "提交答辩状", "应诉", "举证期限内"),
    K.FEE_NOTICE: ("交费人", "案件受理费", "交纳期限", "按撤诉处理", "缓交"),
    K.ADDRESS_CONFIRMATION: ("送达地址", "电子送达", "以上送达地址", "联系电话"),
}
MIN_CUES = 2  # one cue word alone is too common to decide on


@dataclass(frozen=True)
class Classification:
    kind: DocumentKind
    reason: str  # which rule decided, in Chinese, for the catalogue


def compact(text: str) -> str:
    return _SPACE.sub("", text)


def _first_title(text: str, kinds: Iterable[DocumentKind], *, within: int | None = None
                 ) -> tuple[DocumentKind, str] | None:
    """The kind of the title word starting first in ``text`` (within its first ``within`` characters)."""
    allowed = set(kinds)
    found: list[tuple[int, int, DocumentKind, str]] = []
    for order, (kind, pattern) in enumerate(TITLES):
        if kind not in allowed:
            continue
        match = re.search(pattern, text)
        if match and (within is None or match.start() < within):
            found.append((match.start(), order, kind, match.group()))
    if not found:
        return None
    _, _, kind, words = min(found)
    return kind, words


def classify(filename: str, text: str, *, volume: Volume | None = None) -> Classification:
    """The kind of a document from its title, else its file name, else its body's cue words; OTHER when none
    decides. With ``volume``, only that volume's kinds are chosen: a document never changes volume by itself, as
    the volume decides who may read it."""
    kinds = [k for k in DocumentKind if volume is None or volume_of(k) == volume]
    body = compact(text)
    # a little past the head, so that a word cut by its end is read whole (借款合同 of 借款合同纠纷)
    titled = _first_title(body[:HEAD_CHARACTERS + 10], kinds, within=HEAD_CHARACTERS)
    if titled:
        return Classification(titled[0], f"开头含「{titled[1]}」")
    named = _first_title(compact(Path(filename).stem), kinds)
    if named:
        return Classification(named[0], f"文件名含「{named[1]}」")
    counted = {kind: [cue for cue in CUES[kind] if cue in body] for kind in kinds if kind in CUES}
    best = max(counted.items(), key=lambda item: len(item[1]), default=None)
    if best and len(best[1]) >= MIN_CUES:
        return Classification(best[0], "正文含" + "".join(f"「{cue}」" for cue in best[1][:4]))
    return Classification(K.OTHER, "未识别出材料类别")
