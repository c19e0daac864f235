"""Loan cases of our own (financial, private lending) with their case files, for the assistant's tests."""

from dataclasses import dataclass
from datetime import date

from omnicourt.cases.models import Case
from omnicourt.dossier import service as dossier
from omnicourt.dossier.service import Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.filing import service as filing
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.security.roles import Actor
from omnicourt.security.rules import make_id_number
from tests.conftest import TODAY, actor_named
from tests.factories import filing as make_filing
from tests.factories import register_party

FINANCIAL_LOAN = "cont.contract.loan.financial"

COMPLAINT = """民事起诉状
原告：中国工商银行股份有限公司杭州西湖支行，住所地杭州市西湖区文三路100号。
负责人：王五，该支行行长。
被告：李四，男，1980年1月1日出生，汉族，住杭州市西湖区天目山路2号，公民身份号码：33010619800101011X。
诉讼请求：
1. 判令被告李四归还原告借款本金100,000.00元、截至2024年6月30日的利息6,000.00元、罚息2,500.00元；
2. 判令被告李四支付原告律师费3,000.00元；
3. 本案诉讼费由被告承担。
事实与理由：
2023年3月15日，原告与被告李四签订编号为XH2023-0315的借款合同，约定借款金额100,000.00元，借款期限自2023年3月15日起至\
2024年3月14日止，执行年利率6.12%，逾期罚息在合同利率基础上上浮50%。2023年3月15日，原告依约发放贷款100,000.00元。被告到期未还。
"""
CONTRACT = """个人借款合同
合同编号：XH2023-0315
贷款人：中国工商银行股份有限公司杭州西湖支行
负责人：王五
借款人：李四，公民身份号码：33010619800101011X，住址：杭州市西湖区天目山路2号
第一条 借款金额 人民币100,000.00元。
第二条 借款期限 借款期限自2023年3月15日起至2024年3月14日止。
第三条 借款利率 年利率6.12%。
第四条 还款方式 到期一次性还本付息。
第五条 逾期罚息 借款人未按期还款的，罚息利率在合同利率基础上上浮50%，对未按时支付的利息按罚息利率计收复利。
签订日期：2023年3月15日
"""
DEFENCE = """民事答辩状
答辩人：李四
原告主张的律师费不应由答辩人承担。
原告主张的利率、罚息及复利合计过高，请求法院依法调整至年利率24%以内。
"""
# The bank's ledger shows 80,000 disbursed, against the 100,000 of the complaint.
LEDGER = """工商银行贷款还款明细
借款人：李四    合同编号：XH2023-0315
交易日期\t摘要\t发生额（元）\t备注
2023-03-15\t放款\t80,000.00\t贷款发放
打印日期：2024-07-05
"""


PRIVATE_LENDING = "cont.contract.loan.private"
LENDER_ID = make_id_number("330106", date(1975, 5, 5), 17, "male")
BORROWER_ID = "33010619800101011X"
# A natural person lends in 2021 at 18 % a year: above 4 × the one-year LPR at formation (民间借贷规定 art. 25).
LENDING_COMPLAINT = f"""民事起诉状
原告：张三，男，1975年5月5日出生，汉族，公民身份号码：{LENDER_ID}，住杭州市西湖区文三路1号。
被告：李四，男，1980年1月1日出生，汉族，住杭州市西湖区天目山路2号，公民身份号码：{BORROWER_ID}。
诉讼请求：
1. 判令被告李四归还原告借款本金50,000.00元、截至2022年3月31日的利息9,000.00元、逾期利息500.00元；
2. 本案诉讼费由被告承担。
事实与理由：
2021年3月1日，原告与被告李四签订借款合同，约定借款金额50,000.00元，借款期限自2021年3月1日起至2022年2月28日止，\
年利率18%。2021年3月1日，原告依约向被告发放借款50,000.00元。被告到期未还。
"""
LENDING_CONTRACT = f"""借款合同
出借人（甲方）：张三
借款人（乙方）：李四
公民身份号码：{BORROWER_ID}
住址：杭州市西湖区天目山路2号
第一条 借款金额 人民币50,000.00元。
第二条 借款期限 借款期限自2021年3月1日起至2022年2月28日止。
第三条 借款利率 年利率18%。
第四条 还款方式 到期一次性还本付息。
签订日期：2021年3月1日
"""


@dataclass(frozen=True)
class LoanCase:
    id: int
    judge: Actor
    court_id: int
    division_id: int


def loan_case(db, settings, documents=(("起诉状.txt", COMPLAINT), ("借款合同.txt", CONTRACT)),
              cause_code=FINANCIAL_LOAN, amount="111500.00") -> LoanCase:
    """A loan case (financial by default) accepted through online filing, its documents in the dossier."""
    with db.transaction() as session:
        party = security.actor_for(session, register_party(session))
    with db.transaction() as session:
        data = make_filing(plaintiff_id=party.id_number, cause_code=cause_code, amount=amount)
        application = filing.submit(session, settings, actor=party, data=data, uploads=[], today=TODAY)
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY)
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        for name, text in documents:
            add_file(session, settings, case, judge, name, text)
        return LoanCase(case.id, judge, case.court_id, case.division_id)


def add_file(session, settings, case: Case, actor: Actor, name: str, text: str) -> None:
    dossier.store(session, storage_of(settings), upload=Upload(name, text.encode()),
                  checked=dossier.Checked("text/plain", None), court_id=case.court_id, uploaded_by=actor.id,
                  case_id=case.id)


def staff(db, role: str, **where) -> Actor:
    """The first account of a role matching the given columns (division_id=..., court_id=...)."""
    with db.reading() as session:
        query = session.query(Account).filter_by(role=role, **where).order_by(Account.id)
        return security.actor_for(session, query.first())


def lending_case(db, settings) -> LoanCase:
    """A private lending case (民间借贷纠纷) between two natural persons, its complaint and contract in the dossier."""
    return loan_case(db, settings, (("起诉状.txt", LENDING_COMPLAINT), ("借款合同.txt", LENDING_CONTRACT)),
                     cause_code=PRIVATE_LENDING, amount="59000.00")
