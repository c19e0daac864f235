"""The assistant page shows the computation as the judge's decisions leave it: an upheld defence on the lawyer's
fees takes them out of the amounts and out of what the judgment would order."""

import re

from tests.api.conftest import bearer, username_of
from tests.assistant_case.samples import COMPLAINT, CONTRACT, DEFENCE, loan_case
from tests.assistant_case.test_service import analyse, decide, settle_everything


def table(page: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">(.*?)</table>', page, re.S).group(1)


def test_the_page_drops_the_fees_the_judge_refused(client, db, settings):
    case = loan_case(db, settings, documents=(("起诉状.txt", COMPLAINT), ("借款合同.txt", CONTRACT),
                                               ("答辩状.txt", DEFENCE)))
    analyse(db, settings, case)
    settle_everything(db, case)
    judge = bearer(client, username_of(db, case.judge.id))
    before = client.get(f"/bench/cases/{case.id}/assistant", headers=judge).text
    assert "3,000.00" in table(before, "amounts")
    decide(db, case, "lawyer_fees_disputed", "supported", "原告未提交律师费实际支付的凭证。")
    after = client.get(f"/bench/cases/{case.id}/assistant", headers=judge).text
    assert "3,000.00" not in table(after, "amounts")
    fees = re.search(r'<tr data-claim="fees">(.*?)</tr>', table(after, "award"), re.S).group(1)
    assert "3,000.00" in fees and "不予支持" in fees          # claimed, not ordered
    compound = re.search(r'<tr data-claim="compound">(.*?)</tr>', table(after, "award"), re.S).group(1)
    assert "未主张" in compound                                # computed, but the complaint asks none
    api = client.get(f"/api/v1/cases/{case.id}/assistant", headers=judge).json()
    assert api["amounts"]["fees"] == "0.00"
    assert {line["claim"]: line["ordered"] for line in api["award"]}["fees"] is None
