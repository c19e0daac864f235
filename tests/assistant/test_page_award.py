"""The assistant page shows the computation as the judge's decisions leave it: an upheld defence on the lawyer's
fees takes them out of the amounts and out of what the judgment would order. The draft is dated in Beijing time."""

import re
from datetime import UTC, datetime

from omnicourt import clock
from tests.app.conftest import bearer, username_of
from tests.assistant.samples import COMPLAINT, CONTRACT, DEFENCE, loan_case
from tests.assistant.test_service import analyse, decide, docx_text, settle_everything


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


def test_the_draft_is_dated_on_the_day_in_beijing(client, db, settings, server_in_utc):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    settle_everything(db, case)
    with clock.freeze(datetime(2026, 12, 4, 17, 0, tzinfo=UTC)):   # UTC still says the 4th at 17:00
        judge = bearer(client, username_of(db, case.judge.id))
        draft = client.get(f"/api/v1/cases/{case.id}/assistant/draft", headers=judge)
    assert draft.status_code == 200, draft.text
    assert "二〇二六年十二月五日" in docx_text(draft.content)
