"""Court documents: the time to draft a judgment from a case's facts and lay it out as .docx (to edit) and PDF (to
deliver), sealed over its date, per document (p50, p95), against the same paragraphs written plainly (python-docx
with no styles and no seal; reportlab's canvas, a line a paragraph) in the same run."""

import io
import time
from datetime import date
from decimal import Decimal

from reportlab.pdfgen import canvas

from bench.figures import Figure, percentile
from omnicourt.judgments import render_docx, render_pdf, rules, templates
from omnicourt.judgments.rules import DocumentKind
from omnicourt.judgments.templates import CaseFacts, ClaimFact, HearingFact, PartyFact

BANK = "某银行股份有限公司杭州某支行"
COURTS = ("杭州市西湖区人民法院", "杭州市上城区人民法院", "杭州互联网法院", "宁波市海曙区人民法院")


def run(*, documents: int = 200) -> list[Figure]:
    drafted = [templates.draft(_facts(n), templates.DraftRequest(DocumentKind.JUDGMENT, awards={0: Decimal(n + 1)}),
                               rules.practice("浙0106")) for n in range(documents)]
    paragraphs = sum(len(s.paragraphs) for sections in drafted for s in sections)
    details = {"documents": documents, "paragraphs per document": paragraphs / documents}
    figures = []
    for name, render, plain in (("docx", render_docx.render, _plain_docx), ("pdf", render_pdf.render, _plain_pdf)):
        own = _times(drafted, render, sealed=True)
        bare = _times(drafted, plain, sealed=False)
        figures.append(Figure(f"judgment {name} (p95)", percentile(own, 0.95) * 1000, "ms",
                              percentile(bare, 0.95) * 1000, f"plain {name} of the same paragraphs (p95)",
                              details | {"p50 ms": round(percentile(own, 0.5) * 1000, 2)}))
    return figures


def _times(drafted, render, *, sealed: bool) -> list[float]:
    times = []
    for number, sections in enumerate(drafted):
        started = time.perf_counter()
        if sealed:
            render(sections, seal_name=COURTS[number % len(COURTS)])
        else:
            render(sections)
        times.append(time.perf_counter() - started)
    return times


def _plain_docx(sections) -> bytes:
    from docx import Document

    document = Document()
    for section in sections:
        for text in section.paragraphs:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain_pdf(sections) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    y = 800
    for section in sections:
        for text in section.paragraphs:
            page.setFont(render_pdf.FONT, 10)
            page.drawString(40, y, text[:50])
            y -= 14
            if y < 40:
                page.showPage()
                y = 800
    page.save()
    return buffer.getvalue()


def _facts(number: int) -> CaseFacts:
    return CaseFacts(
        court_name=COURTS[number % len(COURTS)], court_code="浙0106", appeal_court="杭州市中级人民法院",
        case_number=f"（2024）浙0106民初{number + 1}号", cause_name="金融借款合同纠纷", family="civil",
        procedure="simple", accepted_on=date(2024, 1, 5),
        parties=(PartyFact("plaintiff", "legal", BANK, legal_representative="王五", address="杭州市"),
                 PartyFact("defendant", "natural", "张三", id_number="110101199003071234", address="杭州市西湖区")),
        claims=(ClaimFact("判令被告偿还借款本金", Decimal(100_000 + number)),
                ClaimFact("判令被告支付利息", Decimal(5000))),
        facts_and_reasons="被告向原告借款，到期未还。" * 20, judges=("赵法官",), document_date=date(2024, 3, 1),
        fee=None, hearings=(HearingFact(date(2024, 2, 1), True, (BANK,), ("张三",)),))
