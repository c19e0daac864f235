"""A case accepted from a filing whose parties are known to the platform (names, ID numbers, telephones, addresses),
and the judgment text the court writes for it."""

from dataclasses import dataclass
from datetime import timedelta

from omnicourt.filing import service as filing
from omnicourt.filing.schemas import PartyIn
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.security.rules import make_id_number
from tests.app.conftest import app, client  # noqa: F401
from tests.conftest import TODAY, actor_named
from tests.factories import filing as make_filing
from tests.factories import id_number, register_party
from tests.publication.corpus import cn_date

DECIDED_ON = TODAY - timedelta(days=20)
EFFECTIVE_ON = TODAY - timedelta(days=3)
MINOR_ID = make_id_number("330106", DECIDED_ON.replace(year=DECIDED_ON.year - 10) - timedelta(days=1), 7, "male")


@dataclass
class Opened:
    case_id: int
    judge: object
    plaintiff: object  # the filer's actor
    plaintiff_id: str
    defendant_id: str


def open_case(db, settings, *, cause_code="cont.contract.loan.private", defendant_id: str | None = None) -> Opened:
    with db.transaction() as session:
        account = register_party(session)
        plaintiff = security.actor_for(session, account)
    defendant_id = defendant_id or id_number()
    data = make_filing(plaintiff_id=plaintiff.id_number, cause_code=cause_code)
    data.parties = [
        PartyIn(role="plaintiff", party_type="natural", name="欧阳明华", id_number=plaintiff.id_number,
                address="浙江省杭州市西湖区文三路100号3幢501室", phone="13812345678"),
        PartyIn(role="defendant", party_type="natural", name="司马懿", id_number=defendant_id,
                address="杭州市上城区解放路8号", phone="13987654321"),
    ]
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=plaintiff, data=data, uploads=[], today=TODAY)
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY - timedelta(days=60))
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        return Opened(case.id, judge, plaintiff, plaintiff.id_number, defendant_id)


def judgment(opened: Opened, *, cause="民间借贷纠纷", extra="") -> str:
    """The court's judgment naming its parties as a party block does, with their numbers and addresses."""
    return f"""杭州市西湖区人民法院
民 事 判 决 书
原告：欧阳明华，女，住浙江省杭州市西湖区文三路100号3幢501室，公民身份号码{opened.plaintiff_id}，联系电话13812345678。
被告：司马懿，男，住杭州市上城区解放路8号，公民身份号码{opened.defendant_id}，联系电话13987654321。
原告欧阳明华与被告司马懿{cause}一案，本院依法审理终结。{extra}
本院认为，依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：被告司马懿于本判决生效之日起十日内给付原告欧阳明华借款100000元。
审判员　赵六
{cn_date(DECIDED_ON)}
"""
