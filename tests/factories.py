"""Builders of valid inputs for tests; each test changes what it is about."""

import io
import itertools
from datetime import date
from decimal import Decimal

from pypdf import PdfWriter

from omnicourt.filing.schemas import ClaimIn, FilingIn, PartyIn
from omnicourt.security import rules as identity
from omnicourt.security import service as security

_counter = itertools.count(1)



def blank_pdf(pages: int = 1) -> bytes:
    """A PDF that opens: blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = blank_pdf()
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c"
                          "63000100000500010d0a2db40000000049454e44ae426082")


def id_number(n: int | None = None) -> str:
    n = n or next(_counter)
    return identity.make_id_number("330106", date(1980, 1, 1 + n % 28), 1 + n % 498, "male")


def uscc(n: int | None = None) -> str:
    n = n or next(_counter)
    return identity.make_uscc(f"9133010{n:010d}"[:17])


def filing(*, court_code="浙0106", cause_code="cont.contract.loan.private", amount="12000.00",
           defendant=True, plaintiff_id=None, **overrides) -> FilingIn:
    parties = [PartyIn(role="plaintiff", party_type="natural", name="张三", id_number=plaintiff_id or id_number(),
                       address="杭州市西湖区文三路1号", phone="13900000001")]
    if defendant:
        parties.append(PartyIn(role="defendant", party_type="natural", name="李四", id_number=id_number(),
                               address="杭州市西湖区天目山路2号"))
    data = {"court_code": court_code, "cause_code": cause_code, "parties": parties,
            "claims": [ClaimIn(description="判令被告偿还借款本金", amount=Decimal(amount) if amount else None)],
            "facts_and_reasons": "被告于2025年3月向原告借款，约定三个月内归还，到期未还。"}
    data.update(overrides)
    return FilingIn(**data)


def register_party(session, *, username: str | None = None, id_no: str | None = None):
    return security.register_public(session, username=username or f"party{next(_counter)}",
                                    password="correct-horse-9", person_type="natural", name="张三",
                                    phone="13900000001", id_number=id_no or id_number())
