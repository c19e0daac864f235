"""The facts of worked cases, as the record would hold them."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from omnicourt.fees import rules as fee_rules
from omnicourt.fees import service as fees
from omnicourt.judgments import templates
from omnicourt.judgments.templates import CaseFacts, ClaimFact, HearingFact, PartyFact

# （2019）粤0192民初38420号 (court-rules.md §3.1): four money claims of 114,142.70 yuan, simple procedure.
CLAIMS = (ClaimFact("判令被告偿还借款本金104836.96元", Decimal("104836.96")),
          ClaimFact("判令被告支付利息3817.26元", Decimal("3817.26")),
          ClaimFact("判令被告支付罚息5218.59元", Decimal("5218.59")),
          ClaimFact("判令被告支付复利269.89元", Decimal("269.89")))
BANK = "中国某某银行股份有限公司广州某某支行"
CLAIMED = sum((c.amount for c in CLAIMS), Decimal(0))


def fee(amount: Decimal = CLAIMED, procedure: str = "simple", rounding: str = "fen") -> templates.FeeFacts:
    assessed = fee_rules.acceptance_fee(amount, fees.property_scale(), procedure=procedure, rounding=rounding)
    withdrawn = fee_rules.acceptance_fee(amount, fees.property_scale(), procedure=procedure, rounding=rounding,
                                         halving_reasons=("withdrawal",))
    return templates.FeeFacts(assessed.full_fee, assessed.charged_fee, assessed.halved, withdrawn.charged_fee,
                              fee_rules.ROUNDINGS[rounding])


def facts(**changes) -> CaseFacts:
    base = CaseFacts(
        court_name="广州互联网法院", court_code="粤0192", appeal_court="广东省广州市中级人民法院",
        case_number="（2019）粤0192民初38420号", cause_name="金融借款合同纠纷", family="civil", procedure="simple",
        accepted_on=date(2019, 10, 8),
        parties=(PartyFact("plaintiff", "legal", BANK, legal_representative="王五",
                           address="广州市天河区某路1号"),
                 PartyFact("agent", "natural", "陈律师"),
                 PartyFact("defendant", "natural", "李四", id_number="44010619900307123X", address="广州市某区某路2号"),
                 PartyFact("defendant", "legal", "某某贸易有限公司", legal_representative="赵六", address="广州市")),
        claims=CLAIMS, facts_and_reasons="被告借款到期未还。", judges=("刘法官",), document_date=date(2024, 3, 24),
        fee=fee(),
        hearings=(HearingFact(date(2020, 3, 1), True, (BANK,), ("李四", "某某贸易有限公司"), online=True),),
    )
    return replace(base, **changes)
