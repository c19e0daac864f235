"""The judge's corrections and reasons go into the judgment draft (.docx, XML): they are checked like all user
text, over the API and on the bench page alike."""

import pytest

from tests.app.conftest import analysed, bearer, username_of
from tests.assistant.samples import loan_case

BASE = "/api/v1/cases/{}/assistant"


@pytest.mark.parametrize(("field", "body", "words"), [
    ("borrower.1.name", {"value": "李\x01四"}, "含有控制字符（U+0001）"),
    ("borrower.1.name", {"value": "李" * 129}, "不能超过128个字符"),
    ("borrower.1.name", {"value": "李四", "reason": "借款合同\u202e载明"}, "含有文字方向控制字符（U+202E）"),
])
def test_corrections_with_bad_text_are_refused(client, db, settings, field, body, words):
    case = loan_case(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    analysed(client, client.post(BASE.format(case.id) + "/analysis", headers=judge, json={}), judge)
    refused = client.post(BASE.format(case.id) + f"/elements/{field}/correction", headers=judge, json=body)
    assert refused.status_code == 422 and words in refused.json()["detail"]
    page = client.post(f"/bench/cases/{case.id}/assistant/elements/{field}/correction", headers=judge,
                       data={"value": body["value"], "reason": body.get("reason", "")})
    assert page.status_code == 422 and words in page.text
