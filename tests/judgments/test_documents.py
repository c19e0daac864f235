"""Every kind of document drafted from the record, rendered as .docx and PDF and read back (python-docx, pypdf):
the sections in order, the case number, the CPL articles by the document's date, the fee, the appeal court or small
claims' finality, the seal over the date; refusals name what is missing."""

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from pypdf import PdfReader

from omnicourt.errors import InvalidInput
from omnicourt.judgments import render_docx, render_pdf, rules, templates
from omnicourt.judgments.rules import DocumentKind, RulingKind
from omnicourt.judgments.sections import ORDER, is_date_line
from omnicourt.judgments.templates import DraftRequest, HearingFact
from tests.judgments.cases import BANK, CLAIMS, facts

PRACTICE = rules.practice("浙0106")
FULL = {i: c.amount for i, c in enumerate(CLAIMS)}
REQUESTS = [DraftRequest(DocumentKind.JUDGMENT, awards=FULL), DraftRequest(DocumentKind.MEDIATION_STATEMENT),
            DraftRequest(DocumentKind.DECISION),
            *(DraftRequest(DocumentKind.RULING, ruling_kind=kind, preserved_amount=Decimal("50000"),
                           transfer_to="广州市天河区人民法院") for kind in RulingKind)]


def drafted(request=REQUESTS[0], **changes):
    return templates.draft(facts(**changes), request, PRACTICE)


def docx_text(sections) -> list[str]:
    return [p.text for p in Document(io.BytesIO(render_docx.render(sections, seal_name="广州互联网法院"))).paragraphs]


def pdf_text(sections) -> str:
    reader = PdfReader(io.BytesIO(render_pdf.render(sections, seal_name="广州互联网法院")))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def text_of(sections, key: str) -> str:
    return "".join(next(s.paragraphs for s in sections if s.key == key))


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: r.ruling_kind or r.kind)
def test_every_kind_renders_its_sections_in_order_and_reads_back(request_):
    sections = drafted(request_)
    keys = [s.key for s in sections]
    assert keys == sorted(keys, key=ORDER.index)
    paragraphs = [p for s in sections for p in s.paragraphs]
    assert docx_text(sections) == paragraphs
    assert "（2019）粤0192民初38420号" in pdf_text(sections)
    flat = pdf_text(sections)
    for paragraph in paragraphs:   # every paragraph, in order (the seal's characters aside)
        assert re.sub(r"\s+", "", paragraph)[:12] in flat
    assert rules.KIND_LABELS[request_.kind][0] in text_of(sections, "title")


@pytest.mark.parametrize(("on", "article"), [(date(2021, 12, 31), "第二百五十三条"), (date(2023, 6, 1), "第二百六十条"),
                                             (date(2024, 1, 1), "第二百六十四条")])
def test_a_judgment_cites_the_double_interest_article_of_its_date(on, article):
    sections = drafted(document_date=on, accepted_on=date(2019, 10, 8))
    assert article in text_of(sections, "delay_warning")
    assert article in "".join(docx_text(sections))
    assert article in pdf_text(sections)


def test_the_full_judgment_reads_as_a_court_writes_it():
    sections = drafted(DraftRequest(DocumentKind.JUDGMENT, awards=FULL | {3: Decimal("0")}))
    parties = text_of(sections, "parties")
    assert "负责人：王五" in parties and "法定代表人：赵六" in parties     # a branch, a company
    assert "李四，男，1990年3月7日出生" in parties and "委托诉讼代理人：陈律师" in parties
    history = text_of(sections, "history")
    assert "2019年10月8日立案" in history and "简易程序" in history and "在线" in history
    assert "无正当理由拒不到庭" in history
    assert "第一百四十七条" in text_of(sections, "legal_basis")          # default judgment: CPL art. 147
    operative = text_of(sections, "operative")
    assert "支付借款本金104836.96元" in operative and "驳回原告" in operative and "复利" not in operative
    fee = text_of(sections, "fee")
    assert fee.startswith("案件受理费2582.85元，减半收取1291.43元")       # court-rules.md §3.1's example
    assert "上诉于广东省广州市中级人民法院" in text_of(sections, "appeal")
    assert text_of(sections, "signature").startswith("审判员　刘法官二〇二四年三月二十四日")


def test_a_default_judgment_cites_art_147_and_the_2020_text_art_144():
    assert "第一百四十七条" in text_of(drafted(document_date=date(2024, 3, 24)), "legal_basis")
    assert "第一百四十四条" in text_of(drafted(document_date=date(2020, 3, 24)), "legal_basis")
    attended = (HearingFact(date(2020, 3, 1), True, (BANK, "李四", "某某贸易有限公司")),)
    assert "第一百四十七条" not in text_of(drafted(hearings=attended), "legal_basis")


def test_what_the_record_does_not_hold_is_a_gap_never_invented():
    unrecorded = drafted(hearings=(HearingFact(date(2020, 3, 1)),), clerk=None)
    assert "【待法官补充：到庭情况】" in text_of(unrecorded, "history")
    assert "第一百四十七条" not in text_of(unrecorded, "legal_basis")
    assert "【待法官补充：开庭审理情况】" in text_of(drafted(hearings=()), "history")
    assert "【待法官补充：书记员】" in text_of(unrecorded, "signature")
    undecided = drafted(DraftRequest(DocumentKind.JUDGMENT))
    assert "【待法官补充：对第一项诉讼请求" in text_of(undecided, "operative")
    assert "【待法官补充：负担方及金额】" in text_of(undecided, "fee")
    document = Document(io.BytesIO(render_docx.render(unrecorded)))
    assert any(run.font.highlight_color is not None for p in document.paragraphs for run in p.runs
               if run.text.startswith("【待"))


def test_small_claims_are_final_and_cite_art_165():
    sections = drafted(procedure="small_claims")
    assert text_of(sections, "appeal") == "本判决为终审判决。"
    assert "上诉" not in text_of(sections, "appeal")
    assert "第一百六十五条" in text_of(sections, "legal_basis")
    assert "本判决为终审判决" in pdf_text(sections)


def test_a_court_that_puts_the_fee_first():
    swapped = templates.draft(facts(), REQUESTS[0], rules.Practice(False, "本判决为终审判决。"))
    keys = [s.key for s in swapped]
    assert keys.index("fee") < keys.index("delay_warning")


def test_no_delay_warning_without_a_money_order():
    sections = drafted(DraftRequest(DocumentKind.JUDGMENT, awards=dict.fromkeys(range(4), Decimal(0))))
    assert "delay_warning" not in [s.key for s in sections]
    assert text_of(sections, "operative") == "驳回原告中国某某银行股份有限公司广州某某支行的全部诉讼请求。"
    assert text_of(sections, "fee").endswith("由原告中国某某银行股份有限公司广州某某支行负担。")


def test_never_more_than_claimed():
    with pytest.raises(InvalidInput, match="超过诉讼请求金额"):
        drafted(DraftRequest(DocumentKind.JUDGMENT, awards={0: Decimal("104836.97")}))
    with pytest.raises(InvalidInput, match="保全金额"):
        drafted(DraftRequest(DocumentKind.RULING, ruling_kind=RulingKind.PRESERVATION,
                             preserved_amount=Decimal("114142.71")))


def test_a_document_the_case_cannot_support_is_refused_naming_what_is_missing():
    with pytest.raises(InvalidInput, match="缺少诉讼请求") as refused:
        drafted(claims=())
    assert refused.value.field == "kind"
    with pytest.raises(InvalidInput, match="缺少被告"):
        drafted(DraftRequest(DocumentKind.MEDIATION_STATEMENT), parties=facts().parties[:2])
    with pytest.raises(InvalidInput, match="受移送的法院"):
        drafted(DraftRequest(DocumentKind.RULING, ruling_kind=RulingKind.TRANSFER))
    with pytest.raises(InvalidInput, match="请选择裁定事项"):
        drafted(DraftRequest(DocumentKind.RULING))


def test_rulings_cite_their_articles_and_fees():
    def ruling(kind):
        return drafted(DraftRequest(DocumentKind.RULING, ruling_kind=kind, preserved_amount=Decimal("100000"),
                                    transfer_to="广州市天河区人民法院"))
    withdrawal = ruling(RulingKind.WITHDRAWAL)
    assert "第一百四十八条" in text_of(withdrawal, "legal_basis")
    assert text_of(withdrawal, "fee").startswith("案件受理费2582.85元，减半收取1291.43元")   # one halving only
    preservation = ruling(RulingKind.PRESERVATION)
    assert "申请费1020.00元" in text_of(preservation, "fee")                 # 诉讼费用交纳办法 art. 14(二)
    assert "第一百零三条" in text_of(preservation, "legal_basis")
    assert "本案移送广州市天河区人民法院处理" in text_of(ruling(RulingKind.TRANSFER), "operative")
    assert "裁定书送达之日起十日内" in text_of(ruling(RulingKind.DISMISSAL), "appeal")
    assert "第一百二十六条" in text_of(ruling(RulingKind.NOT_ACCEPTED), "legal_basis")


def test_the_seal_floats_over_the_date_in_the_docx_and_is_drawn_in_the_pdf():
    sections = drafted()
    document = Document(io.BytesIO(render_docx.render(sections, seal_name="广州互联网法院")))
    dated = [p for p in document.paragraphs if is_date_line(p.text)]
    assert len(dated) == 1 and dated[0]._p.xpath(".//wp:anchor")
    styles = {p.style.name for p in document.paragraphs}
    assert {"文书标题", "案号", "落款"} <= styles
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    unsealed = Document(io.BytesIO(render_docx.render(sections)))
    assert not any(p._p.xpath(".//wp:anchor") for p in unsealed.paragraphs)
    assert len(render_pdf.render(sections, seal_name="广州互联网法院")) > len(render_pdf.render(sections))


def test_a_criminal_judgment_has_no_fee_and_a_ten_day_appeal():
    sections = drafted(family="criminal", case_number="（2024）粤0192刑初1号")
    assert "刑 事 判 决 书" in text_of(sections, "title")
    assert "fee" not in [s.key for s in sections] and "delay_warning" not in [s.key for s in sections]
    assert "第二日起十日内" in text_of(sections, "appeal")
    assert "被告人：李四" in text_of(sections, "parties")


def test_an_ordinary_case_is_signed_by_a_panel_left_for_the_judge():
    signature = text_of(replace_procedure("ordinary"), "signature")
    assert signature.startswith("审判长　刘法官") and "【待法官补充：合议庭成员】" in signature


def replace_procedure(procedure):
    return templates.draft(replace(facts(), procedure=procedure), REQUESTS[0], PRACTICE)
