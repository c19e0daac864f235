"""The optional model path against a small fake OpenAI-compatible endpoint (a local HTTP server in the test)."""

import json
import threading
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from omnicourt.assistant.loans.judgments import read_claim
from omnicourt.assistant.loans.llm import fill_missing

TEXT = ("原告钱某向本院提出诉讼请求：判令被告孙某归还下欠的钱。事实与理由：孙某于2021年借走本金叁万元，"
        "约定按月付息，至今欠本金30000元及利息1800元（暂计至2024年1月31日）。被告孙某辩称，已还过一部分。")


def _serve(answer):
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            seen.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            body = json.dumps({"choices": [{"message": {"content": json.dumps(answer, ensure_ascii=False)}}]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


@pytest.fixture
def endpoint(request):
    server, seen = _serve(request.param)
    yield f"http://127.0.0.1:{server.server_port}/v1", seen
    server.shutdown()


GOOD = {"principal": {"value": "30000", "quote": "至今欠本金30000元"},
        "interest": {"value": 1800, "quote": "利息1800元"},
        "cutoff": {"value": "2024-01-31", "quote": "暂计至2024年1月31日"},
        "defence_filed": {"value": True, "quote": "被告孙某辩称"}}


@pytest.mark.parametrize("endpoint", [GOOD], indirect=True)
def test_the_model_fills_what_the_rules_missed_with_quotes_found_in_the_text(endpoint):
    url, seen = endpoint
    claim = read_claim(TEXT)
    assert claim.principal is None  # the claim section itself states no amount: the rules find none
    claim = fill_missing(TEXT, claim, url=url, model="fake")
    assert claim.principal.value == Decimal("30000")
    assert claim.interest.value == Decimal("1800")
    assert claim.cutoff.value == date(2024, 1, 31)
    assert claim.defence_filed.value is True
    assert seen and seen[0]["model"] == "fake"


INVENTED = {"principal": {"value": "35000", "quote": "至今欠本金35000元"},       # quote not in the text
            "interest": {"value": "2000", "quote": "利息1800元"},                 # quote holds another value
            "cutoff": {"value": "2024-02-01", "quote": "暂计至2024年1月31日"}}


@pytest.mark.parametrize("endpoint", [INVENTED], indirect=True)
def test_a_value_whose_quote_is_not_in_the_text_or_does_not_hold_it_is_dropped(endpoint):
    url, _ = endpoint
    claim = fill_missing(TEXT, read_claim(TEXT), url=url, model="fake")
    assert claim.principal is None and claim.interest is None and claim.cutoff is None
    assert any("已舍弃" in note for note in claim.notes)


def test_an_endpoint_that_does_not_answer_leaves_the_rules_answer():
    claim = fill_missing(TEXT, read_claim(TEXT), url="http://127.0.0.1:9/v1", model="fake", timeout=2)
    assert claim.principal is None
    assert claim.defence_filed.value is True  # the rules' own finding stays


def test_rules_are_the_default_without_an_endpoint():
    claim = read_claim(TEXT)
    assert fill_missing(TEXT, claim, url="", model="") is claim
