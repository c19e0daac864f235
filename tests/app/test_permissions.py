"""Every route against every role: who gets through, who gets a 403 (audited), who must sign in.

A route missing from POLICIES fails the test, so a new route must say who may use it.
"""

import itertools
import json
from datetime import timedelta

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.audit.models import AuditRecord
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.conftest import POSTGRES_URL
from tests.factories import PDF_BYTES, filing, id_number

ROLES = [
    "anonymous", "owner", "stranger", "lawyer", "judge_assigned", "judge_same_division", "judge_other_division",
    "assistant_same_division", "clerk_same_division", "chief_same_division", "chief_other_division",
    "president_same_court", "president_other_court", "high_president", "filing_officer_same_court",
    "filing_officer_other_court", "enforcement_officer", "mediator",
]
PUBLIC_ACCOUNTS = {"owner", "stranger", "lawyer"}
STAFF = set(ROLES) - PUBLIC_ACCOUNTS - {"anonymous", "mediator"}
# Accounts that get the one 404 for a record that is not theirs: parties, lawyers and invited mediators.
CONCEALED_FROM = PUBLIC_ACCOUNTS | {"mediator"}
OWN_PASSWORD = ("owner", "stranger", "mediator")  # registered here; the others are the demo's
# Who reads its own account and what was delivered to it (a mediator: nothing, an empty list).
OWN_ACCOUNT_READERS = PUBLIC_ACCOUNTS | {"mediator"}
CASE_READERS = {"owner", "judge_assigned", "judge_same_division", "assistant_same_division", "clerk_same_division",
                "chief_same_division", "president_same_court", "high_president", "filing_officer_same_court",
                "enforcement_officer"}
CONDUCTORS = {"judge_assigned", "assistant_same_division", "clerk_same_division"}
REASSIGNERS = {"chief_same_division", "president_same_court", "high_president"}
QUEUE_VIEWERS = {"filing_officer_same_court", "filing_officer_other_court", "president_same_court",
                 "president_other_court", "high_president"}
DASHBOARD_VIEWERS = {"chief_same_division", "chief_other_division", "president_same_court", "president_other_court",
                     "high_president"}
LEADERS = {"president_same_court", "president_other_court", "high_president"}
SUPERVISORS = LEADERS | {"chief_same_division", "chief_other_division"}
FILING_VIEWERS = {"owner", "filing_officer_same_court", "president_same_court", "high_president"}


def expect(allowed: set[str], ok: int, *, denied: int = 403, anonymous: int = 401):
    def status(role: str) -> int:
        if role == "anonymous":
            return anonymous
        return ok if role in allowed else denied
    return status


def page(allowed: set[str], ok: int = 200):
    """A page: an anonymous visitor is sent to the login page (303)."""
    return expect(allowed, ok, anonymous=303)


SIGNED_IN = set(ROLES) - {"anonymous"}
CASE_READING_STAFF = CASE_READERS - PUBLIC_ACCOUNTS


def everyone(ok: int):
    return lambda role: ok


def owner_of_batch(*, anonymous: int):
    """An element sheet's batch: its uploader reads it; anyone else signed in gets the one 404 for missing or not
    theirs."""
    return lambda role: {"anonymous": anonymous, "owner": 200}.get(role, 404)


def signed_in(ok: int):
    return lambda role: 401 if role == "anonymous" else ok


_names = itertools.count()
TODAY = clock.today().isoformat()
INVALID_FILING = json.loads(filing(defendant=False).model_dump_json())

# (method, path) -> (expected status by role, request keyword arguments)
POLICIES = {
    ("GET", "/api/v1/ping"): (everyone(200), {}),
    ("GET", "/api/v1/courts"): (everyone(200), {}),
    ("GET", "/api/v1/causes"): (everyone(200), {}),
    ("GET", "/api/v1/calculators/fee"): (everyone(200), {"params": {"amount": "5000"}}),
    ("POST", "/api/v1/verify"): (everyone(200), {"files": {"file": ("a.pdf", b"%PDF-1.4 x", "application/pdf")}}),
    ("POST", "/api/v1/auth/login"): (everyone(401), {"json": "unknown user"}),
    ("POST", "/api/v1/auth/register"): (everyone(422), {"json": {"username": "x", "password": "short",
                                                                "person_type": "natural", "name": "x", "phone": "1"}}),
    ("POST", "/api/v1/auth/logout"): (signed_in(204), {}),
    ("GET", "/api/v1/auth/me"): (signed_in(200), {}),
    ("POST", "/api/v1/auth/password"): (signed_in(422), {"json": {"current_password": "wrong", "new_password": "x"}}),
    ("POST", "/api/v1/auth/password-reset"): (everyone(202), {"json": {"username": "nobody", "phone": "13800000000"}}),
    ("POST", "/api/v1/auth/password-reset/confirm"): (everyone(422), {"json": {"token": "bogus", "new_password": "x"}}),
    ("GET", "/docs"): (everyone(200), {}),
    ("GET", "/api/v1/cases"): (signed_in(200), {}),
    ("GET", "/api/v1/cases/{case_id}"): (expect(CASE_READERS, 200), {}),
    ("GET", "/api/v1/cases/by-number/{case_number}"): (expect(CASE_READERS, 200), {}),
    ("GET", "/api/v1/cases/{case_id}/timeline"): (expect(CASE_READERS, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/hearings"): (expect(CONDUCTORS, 422),
                                                   {"json": {"held_on": "2000-01-01", "summary": ""}}),
    ("POST", "/api/v1/cases/{case_id}/closing"): (expect({"judge_assigned"}, 422),
                                                  {"data": {"method": "bogus", "closed_on": TODAY}}),
    ("POST", "/api/v1/cases/{case_id}/reassignment"): (expect(REASSIGNERS, 422), {"json": "same judge"}),
    ("POST", "/api/v1/filings"): (expect(PUBLIC_ACCOUNTS, 422), {"json": INVALID_FILING}),
    ("POST", "/api/v1/filings/multipart"): (expect(PUBLIC_ACCOUNTS, 422),
                                            {"data": {"filing": json.dumps(INVALID_FILING, ensure_ascii=False)}}),
    ("GET", "/api/v1/filings"): (signed_in(200), {}),
    # element sheets (要素式起诉): parties and lawyers file; the blank template is for anyone
    ("POST", "/api/v1/filings/element-sheets"): (expect(PUBLIC_ACCOUNTS, 422), {"json": []}),
    ("POST", "/api/v1/filings/element-sheets.xlsx"): (expect(PUBLIC_ACCOUNTS, 422),
                                                      {"files": {"file": ("要素表.txt", b"not a workbook")}}),
    ("GET", "/api/v1/filings/element-sheets/template.xlsx"): (everyone(200), {}),
    ("GET", "/api/v1/filings/element-sheets/batches/{batch_id}"): (owner_of_batch(anonymous=401), {}),
    ("GET", "/portal/filings/element-sheets/batches/{batch_id}"): (owner_of_batch(anonymous=303), {}),
    ("GET", "/portal/filings/element-sheet"): (page(PUBLIC_ACCOUNTS), {}),
    ("POST", "/portal/filings/element-sheet"): (expect(PUBLIC_ACCOUNTS, 422), {"data": {"court_code": "浙0106"}}),
    ("GET", "/portal/filings/element-sheets"): (page(PUBLIC_ACCOUNTS), {}),
    ("POST", "/portal/filings/element-sheets"): (expect(PUBLIC_ACCOUNTS, 422),
                                                 {"files": {"file": ("要素表.txt", b"not a workbook")}}),
    ("GET", "/api/v1/dashboard"): (expect(DASHBOARD_VIEWERS, 200), {}),
    ("GET", "/api/v1/dashboard/cases"): (expect(DASHBOARD_VIEWERS, 200), {"params": {"measure": "pending"}}),
    ("GET", "/api/v1/filings/queue"): (expect(QUEUE_VIEWERS, 200), {}),
    ("GET", "/api/v1/filings/{application_id}"): (expect(FILING_VIEWERS, 200), {}),
    ("POST", "/api/v1/filings/{application_id}/acceptance"): (expect({"filing_officer_same_court"}, 409), {}),
    ("POST", "/api/v1/filings/{application_id}/correction-request"): (
        expect({"filing_officer_same_court"}, 409), {"json": {"items": ["补充证据"]}}),
    ("POST", "/api/v1/filings/{application_id}/refusal"): (
        expect({"filing_officer_same_court"}, 409), {"json": {"reason": "不属于本院管辖"}}),
    ("POST", "/api/v1/filings/{application_id}/correction"): (expect({"owner"}, 409), {"json": "valid filing"}),
    ("GET", "/api/v1/calculators/deadline"): (everyone(200), {"params": {"case_type": "民初", "procedure": "simple",
                                                                         "filed": "2026-01-31"}}),
    ("GET", "/api/v1/cases/{case_id}/deadline"): (expect(CASE_READERS, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/deadline/extensions"): (expect({"judge_assigned"}, 422),
                                                              {"json": {"length": "99m", "reason": "复杂"}}),
    ("POST", "/api/v1/cases/{case_id}/deadline/suspensions"): (
        expect({"judge_assigned"}, 422), {"json": {"kind": "bogus", "starts_on": TODAY, "reason": "x"}}),
    ("POST", "/api/v1/deadlines/adjustments/{adjustment_id}/end"): (expect({"judge_assigned"}, 422),
                                                                    {"json": {"ends_on": "2000-01-01"}}),
    ("POST", "/api/v1/cases/{case_id}/deadline/conversion"): (
        expect({"judge_assigned"}, 422), {"json": {"to_procedure": "bogus", "ruled_on": TODAY, "reason": "x"}}),
    ("POST", "/api/v1/cases/{case_id}/steps"): (expect(CONDUCTORS, 422), {"json": {"kind": "bogus", "on": TODAY}}),
    ("GET", "/api/v1/deadlines/queue"): (expect(LEADERS, 200), {}),
    ("POST", "/api/v1/deadlines/adjustments/{adjustment_id}/decision"): (
        expect({"president_same_court"}, 422), {"json": {"approve": False, "reason": ""}}),
    ("GET", "/api/v1/deadlines/hidden-overdue"): (expect(SUPERVISORS, 200), {}),
    # supervision: the world's case is not on the long-pending ledger, so who gets past the check meets a 404
    ("GET", "/api/v1/supervision/ledger"): (expect(STAFF, 200), {}),
    ("GET", "/api/v1/supervision/ledger/export"): (expect(STAFF, 200), {}),
    ("GET", "/api/v1/supervision/ledger/{case_id}"): (expect(CASE_READING_STAFF, 404), {}),
    ("PUT", "/api/v1/supervision/ledger/{case_id}/plan"): (
        expect({"chief_same_division", "president_same_court"}, 404), {"json": {"plan": "计划"}}),
    ("GET", "/api/v1/supervision/ledger/{case_id}/progress"): (expect(CASE_READING_STAFF, 404), {}),
    ("POST", "/api/v1/supervision/ledger/{case_id}/progress"): (
        expect({"judge_assigned", "judge_same_division"}, 404), {"json": {"note": "进展"}}),
    ("GET", "/api/v1/supervision/reports"): (expect(SUPERVISORS, 200), {}),
    ("GET", "/api/v1/supervision/reports/export"): (expect(SUPERVISORS, 200), {"params": {"period": "quarter"}}),
    ("POST", "/api/v1/supervision/cases/{case_id}/notices"): (
        expect({"chief_same_division", "president_same_court", "high_president"}, 422),
        {"json": {"kind": "bogus", "text": "请说明", "due_on": TODAY}}),
    ("GET", "/api/v1/supervision/notices"): (expect(STAFF, 200), {}),
    ("POST", "/api/v1/supervision/notices/{notice_id}/acknowledgement"): (expect({"judge_assigned"}, 200), {}),
    ("POST", "/api/v1/supervision/notices/{notice_id}/reply"): (expect({"judge_assigned"}, 422),
                                                                {"json": {"reply": ""}}),
}

HEARING = {"held_on": "2000-01-01", "summary": ""}
PAGE_POLICIES = {
    ("GET", "/"): (everyone(303), {}),
    ("GET", "/login"): (everyone(200), {}),
    ("POST", "/login"): (everyone(401), {"data": "unknown user", "pre_session": True}),
    ("GET", "/register"): (everyone(200), {}),
    ("GET", "/password"): (page(SIGNED_IN), {}),
    ("POST", "/password"): (signed_in(422), {"data": {"current_password": "wrong", "new_password": "x"}}),
    ("GET", "/password/forgot"): (everyone(200), {}),
    ("POST", "/password/forgot"): (everyone(200), {"data": {"username": "nobody", "phone": "13800000000"},
                                                   "pre_session": True}),
    ("GET", "/password/reset"): (everyone(200), {"params": {"token": "bogus"}}),
    ("POST", "/password/reset"): (everyone(422), {"data": {"token": "bogus", "new_password": "x"},
                                                  "pre_session": True}),
    ("POST", "/register"): (everyone(422), {"pre_session": True,
                                            "data": {"username": "x", "password": "short", "person_type": "natural",
                                                     "name": "x", "phone": "1"}}),
    ("POST", "/logout"): (signed_in(303), {}),
    ("GET", "/calculators/fee"): (everyone(200), {"params": {"amount": "5000"}}),
    ("GET", "/verify"): (everyone(200), {}),
    ("POST", "/verify"): (everyone(200), {"files": {"file": ("a.pdf", b"%PDF-1.4 unsigned", "application/pdf")}}),
    ("GET", "/calculators/fee/fragment"): (everyone(200), {"params": {"amount": "5000"}}),
    ("GET", "/portal/filings/new"): (page(PUBLIC_ACCOUNTS), {}),
    ("POST", "/portal/filings/new"): (expect(PUBLIC_ACCOUNTS, 422), {"data": {"court_code": "浙0106"}}),
    ("GET", "/portal/filings"): (page(SIGNED_IN), {}),
    ("GET", "/portal/filings/{application_id}/correct"): (page({"owner"}, 409), {}),
    ("POST", "/portal/filings/{application_id}/correct"): (expect({"owner"}, 409), {"data": {"court_code": "浙0106"}}),
    ("GET", "/bench/filings"): (page(QUEUE_VIEWERS), {}),
    ("GET", "/bench/filings/{application_id}"): (page(FILING_VIEWERS - PUBLIC_ACCOUNTS), {}),
    ("POST", "/bench/filings/{application_id}/acceptance"): (expect({"filing_officer_same_court"}, 409), {}),
    ("POST", "/bench/filings/{application_id}/correction-request"): (
        expect({"filing_officer_same_court"}, 409), {"data": {"items": "补充证据"}}),
    ("POST", "/bench/filings/{application_id}/refusal"): (
        expect({"filing_officer_same_court"}, 409), {"data": {"reason": "不属于本院管辖"}}),
    ("GET", "/portal/cases"): (page(SIGNED_IN), {}),
    ("GET", "/portal/cases/{case_id}"): (page(CASE_READERS), {}),
    ("GET", "/bench/docket"): (page(STAFF), {}),
    ("GET", "/bench/cases/{case_id}"): (page(CASE_READING_STAFF), {}),
    ("POST", "/bench/cases/{case_id}/hearings"): (expect(CONDUCTORS, 422), {"data": HEARING}),
    ("POST", "/bench/cases/{case_id}/closing"): (
        expect({"judge_assigned"}, 422), {"data": {"method": "bogus", "closed_on": clock.today().isoformat()}}),
    ("POST", "/bench/cases/{case_id}/reassignment"): (expect(REASSIGNERS, 422), {"data": "same judge"}),
    ("GET", "/bench/dashboard"): (page(DASHBOARD_VIEWERS), {}),
    ("GET", "/bench/cases/{case_id}/deadline"): (page(CASE_READING_STAFF), {}),
    ("GET", "/portal/cases/{case_id}/deadline"): (page(CASE_READERS), {}),
    ("POST", "/bench/cases/{case_id}/deadline/extensions"): (expect({"judge_assigned"}, 422),
                                                             {"data": {"length": "99m", "reason": "复杂"}}),
    ("POST", "/bench/cases/{case_id}/deadline/suspensions"): (
        expect({"judge_assigned"}, 422), {"data": {"kind": "bogus", "starts_on": TODAY, "reason": "x"}}),
    ("POST", "/bench/cases/{case_id}/deadline/conversion"): (
        expect({"judge_assigned"}, 422), {"data": {"to_procedure": "bogus", "ruled_on": TODAY, "reason": "x"}}),
    ("POST", "/bench/cases/{case_id}/steps"): (expect(CONDUCTORS, 422), {"data": {"kind": "bogus", "on": TODAY}}),
    ("POST", "/bench/deadlines/adjustments/{adjustment_id}/end"): (
        expect({"judge_assigned"}, 422), {"data": {"ends_on": "2000-01-01", "case_id": "case"}}),
    ("GET", "/bench/deadlines/queue"): (page(LEADERS), {}),
    ("POST", "/bench/deadlines/adjustments/{adjustment_id}/decision"): (
        expect({"president_same_court"}, 422), {"data": {"approve": "no", "reason": ""}}),
    ("GET", "/bench/deadlines/hidden-overdue"): (page(SUPERVISORS), {}),
    ("GET", "/calculators/deadline"): (everyone(200), {"params": {"filed": "2026-01-31"}}),
    ("GET", "/calculators/interest"): (everyone(200), {"params": {"principal": "1000", "rate": "年利率6%",
                                                                  "start": "2024-01-01", "end": "2024-02-01"}}),
    ("GET", "/api/v1/calculators/interest"): (everyone(200), {"params": {"principal": "1000", "rate": "年利率6%",
                                                                         "start": "2024-01-01", "end": "2024-02-01"}}),
    ("GET", "/calculators/enforcement"): (everyone(200), {"params": {"calc": "auction", "reference_price": "1000000",
                                                                    "kind": "real_estate"}}),
    ("GET", "/api/v1/calculators/enforcement-fee"): (everyone(200), {"params": {"amount": "1000000"}}),
    ("GET", "/api/v1/calculators/preservation-fee"): (everyone(200), {"params": {"amount": "1000000"}}),
    ("GET", "/api/v1/calculators/double-interest"): (
        everyone(200), {"params": {"amount": "100000", "from": "2024-01-01", "to": "2024-01-31"}}),
    ("GET", "/api/v1/calculators/auction"): (everyone(200), {"params": {"reference_price": "1000000",
                                                                       "kind": "movable"}}),
    ("GET", "/bench/notifications"): (page(STAFF), {}),
    ("POST", "/bench/notifications/{notification_id}/read"): (expect(STAFF, 303), {}),
    ("GET", "/bench/dashboard/cases"): (page(DASHBOARD_VIEWERS), {"params": {"measure": "pending"}}),
    ("GET", "/bench/supervision/ledger"): (page(STAFF), {}),
    ("GET", "/bench/supervision/ledger/{case_id}"): (page(CASE_READING_STAFF, 404), {}),
    ("POST", "/bench/supervision/ledger/{case_id}/plan"): (
        expect({"chief_same_division", "president_same_court"}, 404), {"data": {"plan": "计划"}}),
    ("POST", "/bench/supervision/ledger/{case_id}/progress"): (
        expect({"judge_assigned", "judge_same_division"}, 404), {"data": {"note": "进展"}}),
    ("GET", "/bench/supervision/reports"): (page(SUPERVISORS), {}),
    ("GET", "/bench/supervision/notices"): (page(STAFF), {}),
    ("POST", "/bench/supervision/notices/{notice_id}/acknowledgement"): (expect({"judge_assigned"}, 303), {}),
    ("POST", "/bench/supervision/notices/{notice_id}/reply"): (expect({"judge_assigned"}, 422),
                                                               {"data": {"reply": ""}}),
    ("GET", "/bench/supervision/cases/{case_id}/notices/new"): (
        page({"chief_same_division", "president_same_court", "high_president"}), {}),
    ("POST", "/bench/supervision/cases/{case_id}/notices"): (
        expect({"chief_same_division", "president_same_court", "high_president"}, 422),
        {"data": {"kind": "bogus", "text": "请说明", "due_on": TODAY}}),
}
# Real-name verification: parties and lawyers verify themselves (the matrix's verifier knows no one, so the
# unverified owner and stranger are refused; demo-lawyer is verified already); only a company asks for a link;
# filing officers decide links at their court (the matrix's request does not exist) and see suspended links.
FILING_OFFICERS = {"filing_officer_same_court", "filing_officer_other_court"}
NO_REQUEST = 999999999


def verification(role: str) -> int:
    if role == "anonymous":
        return 401
    return 409 if role == "lawyer" else 422 if role in PUBLIC_ACCOUNTS else 403


PAGE_POLICIES |= {
    ("GET", "/api/v1/identity"): (expect(OWN_ACCOUNT_READERS, 200), {}),
    ("POST", "/api/v1/identity/verification"): (verification, {"json": {}}),
    ("POST", "/api/v1/identity/company-link-requests"): (expect(set(), 201), {"json": {"court_code": "浙0106"}}),
    ("GET", "/api/v1/identity/company-link-requests"): (expect(FILING_OFFICERS, 200), {}),
    ("POST", "/api/v1/identity/company-link-requests/{request_id}/decision"): (
        expect(FILING_OFFICERS, 404), {"json": {"approve": True}}),
    ("GET", "/api/v1/identity/suspended-links"): (expect(FILING_OFFICERS, 200), {}),
    ("GET", "/portal/account"): (page(OWN_ACCOUNT_READERS), {}),
    ("POST", "/portal/account/verification"): (verification, {}),
    ("POST", "/portal/account/company-link-requests"): (expect(set(), 303), {"data": {"court_code": "浙0106"}}),
    ("GET", "/bench/identity"): (page(FILING_OFFICERS), {}),
    ("POST", "/bench/identity/company-link-requests/{request_id}/decision"): (
        expect(FILING_OFFICERS, 404), {"data": {"approve": "yes"}}),
}
# The AI judge assistant: the world's case is a 买卖合同 case, a cause without a pipeline, so who gets past the
# check meets a 409 (本案案由暂无法官助手).
ASSISTANT_READERS = CONDUCTORS | {"chief_same_division", "president_same_court", "high_president"}
ASSISTANT_API, ASSISTANT_PAGE = "/api/v1/cases/{case_id}/assistant", "/bench/cases/{case_id}/assistant"
ASSISTANT_FILE = {"files": {"file": ("答辩状.txt", "答辩人：李四".encode())}}
PAGE_POLICIES |= {
    ("GET", ASSISTANT_API): (expect(ASSISTANT_READERS, 409), {}),
    ("POST", ASSISTANT_API + "/analysis"): (expect(CONDUCTORS, 409), {"json": {}}),
    ("GET", ASSISTANT_API + "/analysis/{request_id}"): (expect(ASSISTANT_READERS, 409), {}),
    ("POST", ASSISTANT_API + "/elements/{field}/confirmation"): (expect(CONDUCTORS, 409), {}),
    ("POST", ASSISTANT_API + "/elements/{field}/correction"): (expect(CONDUCTORS, 409), {"json": {"value": "1"}}),
    ("POST", ASSISTANT_API + "/points/{code}/decision"): (
        expect(CONDUCTORS, 409), {"json": {"decision": "rejected", "reason": "理由"}}),
    ("POST", ASSISTANT_API + "/documents"): (expect(CONDUCTORS, 409), ASSISTANT_FILE),
    ("GET", ASSISTANT_API + "/draft"): (expect(CONDUCTORS, 409), {}),
    ("GET", ASSISTANT_PAGE): (page(ASSISTANT_READERS, 409), {}),
    ("GET", ASSISTANT_PAGE + "/source"): (page(ASSISTANT_READERS, 409), {"params": {"document": "起诉状.txt"}}),
    ("POST", ASSISTANT_PAGE + "/analysis"): (expect(CONDUCTORS, 409), {"data": {"cutoff": ""}}),
    ("GET", ASSISTANT_PAGE + "/analysis/{request_id}"): (page(ASSISTANT_READERS, 409), {}),
    ("POST", ASSISTANT_PAGE + "/elements/{field}/confirmation"): (expect(CONDUCTORS, 409), {}),
    ("POST", ASSISTANT_PAGE + "/elements/{field}/correction"): (expect(CONDUCTORS, 409), {"data": {"value": "1"}}),
    ("POST", ASSISTANT_PAGE + "/points/{code}/decision"): (
        expect(CONDUCTORS, 409), {"data": {"decision": "rejected", "reason": "理由"}}),
    ("POST", ASSISTANT_PAGE + "/documents"): (expect(CONDUCTORS, 409), ASSISTANT_FILE),
    ("GET", ASSISTANT_PAGE + "/draft.docx"): (page(CONDUCTORS, 409), {}),
}
POLICIES |= PAGE_POLICIES
# Similar-case retrieval: trial staff only (no filing or enforcement officers, no parties); a case's similar cases
# also need sight of the case.
RETRIEVAL_STAFF = STAFF - {"filing_officer_same_court", "filing_officer_other_court", "enforcement_officer"}
POLICIES |= {
    ("GET", "/api/v1/retrieval/search"): (expect(RETRIEVAL_STAFF, 200), {"params": {"q": "借款 逾期"}}),
    ("GET", "/api/v1/retrieval/cases/{case_id}/similar"): (expect(RETRIEVAL_STAFF & CASE_READING_STAFF, 200), {}),
    ("GET", "/api/v1/retrieval/statutes"): (expect(RETRIEVAL_STAFF, 200), {"params": {"cause": "民间借贷纠纷"}}),
    ("GET", "/api/v1/retrieval/articles/{law}/{article}/cases"): (expect(RETRIEVAL_STAFF, 200), {}),
    ("GET", "/bench/retrieval"): (page(RETRIEVAL_STAFF), {"params": {"q": "借款"}}),
    ("GET", "/bench/cases/{case_id}/similar"): (page(RETRIEVAL_STAFF & CASE_READING_STAFF), {}),
}
# Online fee payment: the case's parties pay (an order of their own); the gateway's callback needs no account but
# a valid signature; receipts are read by whoever reads the case.
POLICIES |= {
    ("GET", "/api/v1/fees/cases/{case_id}"): (expect(CASE_READERS, 200), {}),
    ("POST", "/api/v1/fees/notices/{fee_notice_id}/payments"): (expect({"owner"}, 422), {}),
    ("POST", "/api/v1/fees/callbacks/{gateway_name}"): (everyone(403), {"content": b'{"order_no": "x"}'}),
    ("POST", "/portal/fees/notices/{fee_notice_id}/payment"): (expect({"owner"}, 422), {"data": {}}),
    ("GET", "/portal/payments/simulated/{order_no}"): (page({"owner"}), {}),
    ("POST", "/portal/payments/simulated/{order_no}"): (expect({"owner"}, 303), {}),
    ("GET", "/portal/cases/{case_id}/fees/receipts/{payment_id}"): (expect(CASE_READERS, 404, anonymous=303), {}),
}

# Documents: whoever may see the case opens them; to anyone else they do not exist (404). Only a party adds.
DOCUMENT_FILE = {"files": {"files": ("借条.pdf", PDF_BYTES, "application/pdf")}}
POLICIES |= {
    ("GET", "/api/v1/documents/{document_id}/content"): (expect(CASE_READERS, 200, denied=404), {}),
    ("GET", "/documents/{document_id}"): (expect(CASE_READERS, 200, denied=404, anonymous=303), {}),
    ("GET", "/documents/{document_id}/download"): (expect(CASE_READERS, 200, denied=404, anonymous=303), {}),
    ("GET", "/documents/{document_id}/view"): (expect(CASE_READERS, 200, denied=404, anonymous=303), {}),
    ("POST", "/api/v1/cases/{case_id}/documents"): (expect({"owner"}, 201), DOCUMENT_FILE),
    ("POST", "/portal/cases/{case_id}/documents"): (expect({"owner"}, 303), DOCUMENT_FILE),
    ("GET", "/documents/{document_id}/pages"): (expect(CASE_READERS, 200, denied=404, anonymous=303), {}),
    ("GET", "/documents/{document_id}/pages/{page}.png"): (expect(CASE_READERS, 200, denied=404, anonymous=303), {}),
    # The one-PDF dossier: whoever may see the case asks for one; a bundle is its asker's alone (one 404 otherwise).
    ("POST", "/cases/{case_id}/bundle"): (expect(CASE_READERS, 303), {}),
    ("GET", "/bundles/{bundle_id}"): (owner_of_batch(anonymous=303), {}),
    ("GET", "/bundles/{bundle_id}/pdf"): (owner_of_batch(anonymous=303), {}),
    ("POST", "/api/v1/cases/{case_id}/bundles"): (expect(CASE_READERS, 202), {}),
    ("GET", "/api/v1/bundles/{bundle_id}"): (owner_of_batch(anonymous=401), {}),
    ("GET", "/api/v1/bundles/{bundle_id}/pdf"): (owner_of_batch(anonymous=401), {}),
}
# The catalogue: whoever may see the case reads it (a party the main volume only); staff of the case's court who
# may see the case correct it.
CATALOGUE_CORRECTORS = CASE_READING_STAFF - {"high_president"}
POLICIES |= {
    ("GET", "/api/v1/cases/{case_id}/catalogue"): (expect(CASE_READERS, 200), {}),
    ("PUT", "/api/v1/cases/{case_id}/documents/{document_id}/catalogue"): (
        expect(CATALOGUE_CORRECTORS, 200), {"json": {"kind": "evidence", "number": 1}}),
    ("POST", "/bench/cases/{case_id}/catalogue/{document_id}"): (
        expect(CATALOGUE_CORRECTORS, 303), {"data": {"kind": "evidence", "number": "1"}}),
}
# The documents' text: searched and read by whoever may see the case (a party the main volume only).
POLICIES |= {
    ("GET", "/api/v1/cases/{case_id}/documents/search"): (expect(CASE_READERS, 200), {"params": {"q": "借款"}}),
    ("GET", "/api/v1/cases/{case_id}/documents/texts"): (expect(CASE_READERS, 200), {}),
    ("GET", "/api/v1/documents/{document_id}/text"): (expect(CASE_READERS, 200, denied=404), {}),
    ("GET", "/portal/cases/{case_id}/search"): (page(CASE_READERS), {"params": {"q": "借款"}}),
    ("GET", "/bench/cases/{case_id}/search"): (page(CASE_READING_STAFF), {"params": {"q": "借款"}}),
    ("GET", "/documents/{document_id}/text"): (expect(CASE_READERS, 200, denied=404, anonymous=303), {}),
}

# Electronic delivery: the world's document was delivered to `owner`, who alone opens it (everyone else: the one
# 404); the clerk, assistant and judge of the case deliver; a party confirms its own address (the matrix's party id
# is no party of the case: 422 for whoever gets that far).
NO_PARTY = "999999999"
POLICIES |= {
    ("GET", "/api/v1/deliveries"): (expect(OWN_ACCOUNT_READERS, 200), {}),
    ("GET", "/api/v1/deliveries/{delivery_id}/content"): (expect({"owner"}, 200, denied=404), {}),
    ("GET", "/api/v1/cases/{case_id}/deliveries"): (expect(CASE_READERS, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/delivery-address"): (
        expect(CONDUCTORS | {"owner"}, 422), {"json": {"party_id": int(NO_PARTY), "consented": True}}),
    ("POST", "/api/v1/cases/{case_id}/deliveries"): (
        expect(CONDUCTORS, 404),
        {"json": {"document_id": int(NO_PARTY), "party_ids": [1], "document_class": "notice"}}),
    ("POST", "/api/v1/cases/{case_id}/public-notices"): (
        expect(CONDUCTORS, 422), {"json": {"document_id": 1, "party_id": 1, "document_class": "notice",
                                           "published_on": "2000-01-01"}}),
    ("GET", "/portal/deliveries"): (page(OWN_ACCOUNT_READERS), {}),
    ("GET", "/portal/deliveries/{delivery_id}"): (expect({"owner"}, 200, denied=404, anonymous=303), {}),
    ("GET", "/portal/deliveries/{delivery_id}/file"): (expect({"owner"}, 200, denied=404, anonymous=303), {}),
    ("GET", "/portal/deliveries/{delivery_id}/download"): (expect({"owner"}, 200, denied=404, anonymous=303), {}),
    ("GET", "/portal/cases/{case_id}/deliveries"): (page(CASE_READERS), {}),
    ("GET", "/bench/cases/{case_id}/deliveries"): (page(CASE_READING_STAFF), {}),
    ("POST", "/portal/cases/{case_id}/delivery-address"): (
        expect(CONDUCTORS | {"owner"}, 422), {"data": {"party_id": NO_PARTY, "consented": "yes"}}),
    ("POST", "/bench/cases/{case_id}/delivery-addresses"): (
        expect(CONDUCTORS, 422), {"data": {"party_id": NO_PARTY, "consented": "yes"}}),
    ("POST", "/bench/cases/{case_id}/deliveries"): (
        expect(CONDUCTORS, 404), {"data": {"document_id": NO_PARTY, "document_class": "notice", "party_ids": "1"}}),
    ("POST", "/bench/cases/{case_id}/public-notices"): (
        expect(CONDUCTORS, 422), {"data": {"document_id": "1", "party_id": "1", "document_class": "notice",
                                           "published_on": "2000-01-01"}}),
}
# Paper service (送达回证 scanned): the case's conductors record it (the matrix's document is no document of the case).
PAPER_SERVICE = {"data": {"document_id": NO_PARTY, "party_id": "1", "document_class": "judgment", "way": "post",
                          "served_on": TODAY, "signed_by": "张三"},
                 "files": {"receipt": ("送达回证.pdf", PDF_BYTES, "application/pdf")}}
POLICIES |= {
    ("POST", "/api/v1/cases/{case_id}/paper-services"): (expect(CONDUCTORS, 404), PAPER_SERVICE),
    ("POST", "/bench/cases/{case_id}/paper-services"): (expect(CONDUCTORS, 404), PAPER_SERVICE),
}


# Evidence exchange: the world's case has no evidence period, so the period's extension, the time limit and the
# owner's online opinion meet a 409; whoever may act gets past the checks to a refusal of the input (422), the
# owner (the plaintiff) submits a list, conductors write the record. Parties never use the bench's routes.
EVIDENCE_API, EVIDENCE_PAGE = "/api/v1/cases/{case_id}/evidence", "/bench/cases/{case_id}/evidence"
STANCES = {"authenticity": "recognised", "legality": "recognised", "relevance": "recognised"}
POLICIES |= {
    ("GET", EVIDENCE_API): (expect(CASE_READERS, 200), {}),
    ("GET", f"{EVIDENCE_API}/draft"): (expect(CASE_READERS, 200), {}),
    ("PUT", f"{EVIDENCE_API}/draft"): (expect({"owner"}, 422), {"json": {"items": []}}),
    ("POST", f"{EVIDENCE_API}/lists"): (expect({"owner"}, 201), {"data": {"items": json.dumps(
        [{"name": "借条", "purpose": "证明借款", "files": []}], ensure_ascii=False)}}),
    ("PUT", f"{EVIDENCE_API}/period"): (expect(CONDUCTORS, 422), {"json": {"served_on": TODAY,
                                                                           "ends_on": "2000-01-01"}}),
    ("POST", f"{EVIDENCE_API}/period/extensions"): (expect(CONDUCTORS, 409), {"json": {
        "applied_on": TODAY, "applicant": "李四", "ends_on": "2000-01-01"}}),
    ("PUT", f"{EVIDENCE_API}/cross-examination-limit"): (expect(CONDUCTORS, 409), {"json": {"due_on": TODAY}}),
    ("PUT", f"{EVIDENCE_API}/items/{{item_id}}/opinion"): (expect({"owner"}, 409), {"json": STANCES}),
    ("POST", f"{EVIDENCE_API}/items/{{item_id}}/hearing-opinions"): (expect(CONDUCTORS, 422), {"json": STANCES | {
        "side": "defendant", "given_on": "2000-01-01"}}),
    ("PUT", f"{EVIDENCE_API}/items/{{item_id}}/finding"): (expect({"judge_assigned"}, 422),
                                                            {"json": {"finding": "admitted"}}),
    ("POST", f"{EVIDENCE_API}/record"): (expect(CONDUCTORS, 201), {}),
    ("GET", "/portal/cases/{case_id}/evidence"): (page(CASE_READERS), {}),
    ("GET", "/portal/cases/{case_id}/evidence/summary"): (page(CASE_READERS), {}),
    ("POST", "/portal/cases/{case_id}/evidence"): (expect({"owner"}, 422), {"data": {"action": "draft"}}),
    ("POST", "/portal/cases/{case_id}/evidence/items/{item_id}/opinion"): (expect({"owner"}, 409), {"data": STANCES}),
    ("GET", EVIDENCE_PAGE): (page(CASE_READING_STAFF), {}),
    ("GET", f"{EVIDENCE_PAGE}/summary"): (page(CASE_READING_STAFF), {}),
    ("POST", f"{EVIDENCE_PAGE}/period"): (expect(CONDUCTORS, 422), {"data": {"served_on": TODAY,
                                                                             "ends_on": "2000-01-01"}}),
    ("POST", f"{EVIDENCE_PAGE}/period/extension"): (expect(CONDUCTORS, 409), {"data": {
        "applied_on": TODAY, "applicant": "李四", "ends_on": "2000-01-01"}}),
    ("POST", f"{EVIDENCE_PAGE}/limit"): (expect(CONDUCTORS, 409), {"data": {"due_on": TODAY}}),
    ("POST", f"{EVIDENCE_PAGE}/items/{{item_id}}/hearing-opinion"): (expect(CONDUCTORS, 422), {"data": STANCES | {
        "side": "defendant", "given_on": "2000-01-01"}}),
    ("POST", f"{EVIDENCE_PAGE}/items/{{item_id}}/finding"): (expect({"judge_assigned"}, 422),
                                                              {"data": {"finding": "admitted"}}),
    ("POST", f"{EVIDENCE_PAGE}/record"): (expect(CONDUCTORS, 303), {}),
}

# Publication of judgments: anyone reads what was published (the matrix's id was never published: 404 for all); the
# case's conductors publish (the text given has no date: 422), the staff who see the case read its publications.
POLICIES |= {
    ("GET", "/api/v1/judgments"): (everyone(200), {"params": {"q": "借款"}}),
    ("GET", "/api/v1/judgments/{published_id}"): (everyone(404), {}),
    ("GET", "/judgments"): (everyone(200), {}),
    ("GET", "/judgments/{published_id}"): (everyone(404), {}),
    ("GET", "/api/v1/cases/{case_id}/publications"): (expect(CASE_READING_STAFF, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/publications"): (
        expect(CONDUCTORS, 422), {"json": {"text": "判决书", "effective_on": TODAY}}),
    ("GET", "/bench/cases/{case_id}/publication"): (page(CASE_READING_STAFF), {}),
    ("POST", "/bench/cases/{case_id}/publication"): (
        expect(CONDUCTORS, 422), {"data": {"text": "判决书", "effective_on": TODAY}}),
}

# Enforcement: the world's case is an open 民初 case, so nothing can be enforced on it yet and it is no enforcement
# case; whoever may act gets past the checks of role and case to the refusal (404, or 409 for the owner's own case).
FILING_OFFICERS = {"filing_officer_same_court", "filing_officer_other_court"}
ENFORCEMENT_APPLICATION = {"source_case_id": NO_REQUEST, "source_document": "judgment", "applicant_party_id": 1,
                           "respondent_party_ids": [2], "amount": "100", "request": "支付", "effective_on": TODAY}
AUCTION = {"title": "房屋", "asset_kind": "real_estate", "reference_price": "1000000", "start_price": "700000",
           "increment": "5000", "deposit": "70000", "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-02T10:00"}
LISTING = {"debtor_party_id": 1, "ground": 4, "facts": "拒不报告财产"}
PAYMENT = {"received_on": TODAY, "amount": "100", "source": "voluntary", "reference": "T1"}
FREEZE = {"measure": "freeze", "asset_kind": "deposit", "asset_key": "6222", "description": "存款",
          "starts_on": TODAY}
POLICIES |= {
    ("POST", "/api/v1/enforcement/applications"): (
        expect(PUBLIC_ACCOUNTS, 404), {"json": ENFORCEMENT_APPLICATION}),
    ("GET", "/api/v1/enforcement/applications"): (signed_in(200), {}),
    ("GET", "/api/v1/enforcement/applications/pending"): (expect(FILING_OFFICERS, 200), {}),
    ("POST", "/api/v1/enforcement/applications/{enforcement_application_id}/acceptance"): (
        expect(FILING_OFFICERS, 404), {}),
    ("POST", "/api/v1/enforcement/applications/{enforcement_application_id}/refusal"): (
        expect(FILING_OFFICERS, 404), {"json": {"reason": "执行依据不明确"}}),
    ("GET", "/api/v1/enforcement/cases/{case_id}/measures"): (expect(CASE_READING_STAFF, 404), {}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/measures"): (expect(CASE_READING_STAFF, 404), {"json": FREEZE}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/measures/{measure_id}/renewal"): (
        expect(CASE_READING_STAFF, 404), {"json": {}}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/measures/{measure_id}/release"): (
        expect(CASE_READING_STAFF, 404), {}),
    ("GET", "/portal/cases/{case_id}/enforcement"): (page({"owner"}), {}),
    ("POST", "/portal/cases/{case_id}/enforcement"): (expect(PUBLIC_ACCOUNTS, 422), {"data": {}}),
    ("GET", "/bench/enforcement/applications"): (page(FILING_OFFICERS), {}),
    ("POST", "/bench/enforcement/applications/{enforcement_application_id}/accept"): (expect(FILING_OFFICERS, 404), {}),
    ("POST", "/bench/enforcement/applications/{enforcement_application_id}/refuse"): (
        expect(FILING_OFFICERS, 404), {"data": {"reason": "执行依据不明确"}}),
    ("GET", "/bench/enforcement/cases/{case_id}"): (page(CASE_READING_STAFF, 404), {}),
    ("POST", "/bench/enforcement/cases/{case_id}/measures"): (expect(CASE_READING_STAFF, 404), {"data": FREEZE}),
    ("POST", "/bench/enforcement/cases/{case_id}/measures/{measure_id}/renewal"): (
        expect(CASE_READING_STAFF, 404), {"data": {}}),
    ("POST", "/bench/enforcement/cases/{case_id}/measures/{measure_id}/release"): (
        expect(CASE_READING_STAFF, 404), {}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/auctions"): (expect(CASE_READING_STAFF, 404), {"json": AUCTION}),
    ("POST", "/bench/enforcement/cases/{case_id}/auctions"): (expect(CASE_READING_STAFF, 404), {"data": AUCTION}),
    ("GET", "/api/v1/auctions/{auction_id}"): (everyone(404), {}),
    ("POST", "/api/v1/auctions/{auction_id}/deposit"): (signed_in(404), {}),
    ("POST", "/api/v1/auctions/{auction_id}/bids"): (signed_in(404), {"json": {"amount": "1"}}),
    ("POST", "/api/v1/auctions/{auction_id}/close"): (expect(STAFF, 404), {}),
    ("GET", "/auctions"): (everyone(200), {}),
    ("GET", "/auctions/{auction_id}"): (everyone(404), {}),
    ("GET", "/auctions/{auction_id}/live"): (everyone(404), {}),
    ("POST", "/auctions/{auction_id}/deposit"): (signed_in(404), {}),
    ("POST", "/auctions/{auction_id}/bids"): (signed_in(404), {"data": {"amount": "1"}}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/inquiries"): (expect(CASE_READING_STAFF, 404), {}),
    ("GET", "/api/v1/enforcement/cases/{case_id}/inquiries"): (expect(CASE_READING_STAFF, 404), {}),
    ("POST", "/bench/enforcement/cases/{case_id}/inquiries"): (expect(CASE_READING_STAFF, 404), {}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/payments"): (expect(CASE_READING_STAFF, 404), {"json": PAYMENT}),
    ("GET", "/api/v1/enforcement/cases/{case_id}/payments"): (expect(CASE_READING_STAFF, 404), {}),
    ("POST", "/bench/enforcement/cases/{case_id}/payments"): (expect(CASE_READING_STAFF, 404), {"data": PAYMENT}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/dishonest"): (expect(CASE_READING_STAFF, 404), {"json": LISTING}),
    ("POST", "/api/v1/enforcement/cases/{case_id}/dishonest/{listing_id}/removal"): (
        expect(CASE_READING_STAFF, 404), {"json": {"ground": "performed"}}),
    ("GET", "/api/v1/enforcement/dishonest-debtors"): (everyone(200), {}),
    ("POST", "/bench/enforcement/cases/{case_id}/dishonest"): (expect(CASE_READING_STAFF, 404), {"data": LISTING}),
    ("POST", "/bench/enforcement/cases/{case_id}/dishonest/{listing_id}/removal"): (
        expect(CASE_READING_STAFF, 404), {"data": {"ground": "performed"}}),
    ("GET", "/dishonest-debtors"): (everyone(200), {}),
    ("POST", "/api/v1/auctions/{auction_id}/balance"): (signed_in(404), {}),
    ("POST", "/api/v1/auctions/{auction_id}/ruling"): (expect(STAFF, 404), {}),
    ("POST", "/auctions/{auction_id}/balance"): (signed_in(404), {}),
    ("POST", "/bench/auctions/{auction_id}/ruling"): (expect(STAFF, 404), {}),
    ("GET", "/auctions/{auction_id}/ruling"): (expect(SIGNED_IN, 404, anonymous=303), {}),
}

# Online mediation: the world's mediation was filed by the owner and accepted by the matrix's mediator, so that
# whoever may act gets past the checks to a refusal of the state or the input; its parties and mediator read it,
# the court's roster keepers too; the owner's withdrawal (the last API step) leaves it withdrawn for the pages.
MEDIATION_API, MEDIATION_PAGE = "/api/v1/mediations/{mediation_id}", "/portal/mediations/{mediation_id}"
MEDIATION_READERS = {"owner", "mediator", "filing_officer_same_court", "president_same_court"}
ROSTER_KEEPERS = {"filing_officer_same_court", "filing_officer_other_court", "president_same_court",
                  "president_other_court", "high_president"}
POLICIES |= {
    ("GET", "/api/v1/mediations/offer"): (everyone(200), {"params": {"cause_code": "cont.contract.sale"}}),
    ("POST", "/api/v1/mediations"): (expect(PUBLIC_ACCOUNTS, 422), {"json": "filing without consent"}),
    ("GET", "/api/v1/mediations"): (expect(PUBLIC_ACCOUNTS | {"mediator"} | ROSTER_KEEPERS, 200), {}),
    ("GET", MEDIATION_API): (expect(MEDIATION_READERS, 200), {}),
    ("POST", f"{MEDIATION_API}/acceptance"): (expect({"mediator"}, 409), {}),
    ("POST", f"{MEDIATION_API}/refusal"): (expect({"mediator"}, 409), {"json": {"reason": "没有时间"}}),
    ("POST", f"{MEDIATION_API}/designation"): (expect({"filing_officer_same_court", "president_same_court"}, 409),
                                               {"json": {"mediator_id": 1}}),
    ("POST", f"{MEDIATION_API}/extension"): (expect({"mediator"}, 422), {"json": {"ends_on": "2000-01-01",
                                                                                  "all_consent": True}}),
    ("POST", f"{MEDIATION_API}/messages"): (expect({"owner", "mediator"}, 422), {"data": {"text": ""}}),
    ("POST", f"{MEDIATION_API}/async-consent"): (expect({"owner"}, 200), {"json": {"consented": True}}),
    ("GET", f"{MEDIATION_API}/documents/{{document_id}}"): (
        lambda role: {"anonymous": 401, "owner": 404, "mediator": 404, "filing_officer_same_court": 404,
                      "president_same_court": 404}.get(role, 403), {}),
    ("POST", f"{MEDIATION_API}/agreements"): (expect({"mediator"}, 422), {"json": {
        "obligations": [{"obligor": "王五", "content": "付款"}], "default_consequence": "违约金"}}),
    ("POST", f"{MEDIATION_API}/signatures"): (expect({"owner"}, 409), {"json": {"version": 1, "password": "x"}}),
    ("POST", f"{MEDIATION_API}/failure"): (expect({"mediator"}, 422), {"json": {"reason": "分歧",
                                                                                "undisputed_facts": " "}}),
    ("POST", f"{MEDIATION_API}/hand-over"): (expect({"owner"}, 409), {}),
    ("POST", f"{MEDIATION_API}/withdrawal"): (expect({"owner"}, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/mediation"): (expect({"judge_assigned"}, 201), {}),
    ("GET", "/api/v1/mediation/roster"): (expect(ROSTER_KEEPERS, 200), {}),
    ("POST", "/api/v1/mediation/roster"): (expect(ROSTER_KEEPERS, 422), {"json": {
        "username": "m", "password": "x", "name": "王调解", "phone": "1"}}),
    ("PUT", "/api/v1/mediation/roster/{mediator_id}/status"): (expect(ROSTER_KEEPERS, 422),
                                                               {"json": {"status": "bogus"}}),
    ("POST", "/api/v1/mediation/organisations"): (expect(ROSTER_KEEPERS, 422), {"json": {"name": "调委会",
                                                                                       "kind": "bogus"}}),
    ("GET", "/portal/mediations"): (page(PUBLIC_ACCOUNTS | {"mediator"} | ROSTER_KEEPERS), {}),
    ("GET", "/portal/mediations/new"): (page(PUBLIC_ACCOUNTS), {}),
    ("POST", "/portal/mediations/{mediation_id}/async-consent"): (expect({"owner"}, 409),
                                                                  {"data": {"consented": "yes"}}),
    ("POST", "/portal/mediations/new"): (expect(PUBLIC_ACCOUNTS, 422), {"data": {"court_code": "浙0106"}}),
    ("GET", MEDIATION_PAGE): (page(MEDIATION_READERS), {}),
    ("POST", f"{MEDIATION_PAGE}/accept"): (expect({"mediator"}, 409), {}),
    ("POST", f"{MEDIATION_PAGE}/message"): (expect({"owner", "mediator"}, 409), {"data": {"text": "你好"}}),
    ("POST", f"{MEDIATION_PAGE}/agreement"): (expect({"mediator"}, 409), {"data": {
        "obligor": "李四", "content": "付款", "default_consequence": "违约金"}}),
    ("POST", f"{MEDIATION_PAGE}/sign"): (expect({"owner"}, 409), {"data": {"version": "1", "password": "x"}}),
    ("POST", f"{MEDIATION_PAGE}/failure"): (expect({"mediator"}, 409), {"data": {"reason": "分歧",
                                                                                  "undisputed_facts": "无"}}),
    ("POST", f"{MEDIATION_PAGE}/withdrawal"): (expect({"owner"}, 409), {}),
    ("POST", f"{MEDIATION_PAGE}/hand-over"): (expect({"owner"}, 409), {}),
}

# Judicial confirmation: the world's mediation was withdrawn, so its party applying or joining meets a 409, and so
# does the world's case's judge ruling in a case that is no 民特 case; the mediation's readers and the case's read
# whether there is an application.
POLICIES |= {
    ("GET", f"{MEDIATION_API}/confirmation"): (expect(MEDIATION_READERS, 200), {}),
    ("POST", f"{MEDIATION_API}/confirmation"): (expect({"owner"}, 409), {"json": {"court_id": 1, "password": "x"}}),
    ("POST", f"{MEDIATION_API}/confirmation/joining"): (expect({"owner"}, 409), {"json": {"password": "x"}}),
    ("GET", "/api/v1/cases/{case_id}/confirmation"): (expect(CASE_READERS, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/confirmation/ruling"): (expect({"judge_assigned"}, 409), {"json": {}}),
    ("GET", f"{MEDIATION_PAGE}/confirmation"): (page(MEDIATION_READERS), {}),
    ("POST", f"{MEDIATION_PAGE}/confirmation"): (expect({"owner"}, 409), {"data": {"court_id": "1",
                                                                                     "password": "x"}}),
    ("GET", "/bench/cases/{case_id}/confirmation"): (page(CASE_READING_STAFF), {}),
    ("POST", "/bench/cases/{case_id}/confirmation"): (expect({"judge_assigned"}, 409), {"data": {}}),
}

# Mediation statements: the world's case has no settled mediation, so its judge drafting one without terms meets a
# 422, and with none drafted its party signing for one meets a 409; the case's readers read it.
STATEMENT_API, STATEMENT_PAGE = "/api/v1/cases/{case_id}/mediation-statement", "/cases/{case_id}/mediation-statement"
POLICIES |= {
    ("GET", STATEMENT_API): (expect(CASE_READERS, 200), {}),
    ("POST", STATEMENT_API): (expect({"judge_assigned"}, 422), {"json": {}}),
    ("POST", f"{STATEMENT_API}/receipt"): (expect({"owner"}, 409), {"json": {"password": "x"}}),
    ("GET", f"/bench{STATEMENT_PAGE}"): (page(CASE_READING_STAFF), {}),
    ("POST", f"/bench{STATEMENT_PAGE}"): (expect({"judge_assigned"}, 422), {"data": {}}),
    ("GET", f"/portal{STATEMENT_PAGE}"): (page(CASE_READERS), {}),
    ("POST", f"/portal{STATEMENT_PAGE}/receipt"): (expect({"owner"}, 409), {"data": {"password": "x"}}),
}

# Referral before acceptance: the world's filing was refused, so the officer of its court referring it meets a 409, and
# its applicant answering a referral it never had a 409 too.
POLICIES |= {
    ("POST", "/api/v1/filings/{application_id}/mediation-referral"): (expect({"filing_officer_same_court"}, 409), {}),
    ("POST", "/api/v1/filings/{application_id}/mediation-referral/answer"): (expect({"owner"}, 409),
                                                                             {"json": {"consent": True}}),
    ("POST", "/bench/filings/{application_id}/mediation-referral"): (expect({"filing_officer_same_court"}, 409), {}),
    ("POST", "/portal/filings/{application_id}/mediation-referral"): (expect({"owner"}, 409),
                                                                      {"data": {"consent": "yes"}}),
}

# Mediation figures: the supervision screen's viewers, each at its own widest place.
POLICIES |= {
    ("GET", "/api/v1/dashboard/mediation"): (expect(DASHBOARD_VIEWERS, 200), {}),
    ("GET", "/bench/dashboard/mediation"): (page(DASHBOARD_VIEWERS), {}),
}

# The roster pages: the court's roster keepers, past the checks of who may act, meet the input's refusal.
POLICIES |= {
    ("GET", "/bench/mediation/roster"): (page(ROSTER_KEEPERS), {}),
    ("POST", "/bench/mediation/roster"): (expect(ROSTER_KEEPERS, 422), {"data": {
        "username": "m", "password": "x", "name": "王调解", "phone": "1"}}),
    ("POST", "/bench/mediation/roster/{mediator_id}/status"): (expect(ROSTER_KEEPERS, 422),
                                                               {"data": {"status": "bogus"}}),
    ("POST", "/bench/mediation/organisations"): (expect(ROSTER_KEEPERS, 422), {"data": {"name": "调委会",
                                                                                       "kind": "bogus"}}),
}


# Deliberation: the court's staff who see the case read it (a party meets the 404 of a case not theirs on the API,
# the 403 of the bench on the pages); the world's case has no panel, so past the checks of who may act everyone
# meets a 409; leaders of the case's court form the panel (the world's simple-procedure case has a sole judge: 409)
# and decide on the judicial committee.
DELIBERATION_API, DELIBERATION_PAGE = "/api/v1/cases/{case_id}/deliberation", "/bench/cases/{case_id}/deliberation"
PANEL_FORMERS = {"chief_same_division", "president_same_court"}
COMMITTEE = {"held_on": TODAY, "members_present": ["张三"], "decision": "维持多数意见"}
POLICIES |= {
    ("GET", DELIBERATION_API): (expect(CASE_READING_STAFF, 200), {}),
    ("GET", f"{DELIBERATION_API}/proposals"): (expect(CASE_READING_STAFF, 200), {}),
    ("PUT", f"{DELIBERATION_API}/panel"): (expect(PANEL_FORMERS, 409),
                                           {"json": {"presiding_judge_id": 1, "member_ids": [1, 2]}}),
    ("PUT", f"{DELIBERATION_API}/points"): (expect(CASE_READING_STAFF, 409), {"json": {"points": []}}),
    ("POST", f"{DELIBERATION_API}/points/{{point_id}}/votes"): (
        expect(CASE_READING_STAFF, 409), {"json": {"choice": "affirm", "opinion": "事实清楚，证据充分，应予支持"}}),
    ("POST", f"{DELIBERATION_API}/referral"): (expect(CASE_READING_STAFF, 409),
                                               {"json": {"grounds": ["difficult"], "report": "报告"}}),
    ("POST", f"{DELIBERATION_API}/referral/decision"): (expect({"president_same_court"}, 409),
                                                        {"json": {"refer": True}}),
    ("POST", f"{DELIBERATION_API}/committee-decision"): (expect({"president_same_court"}, 409), {"json": COMMITTEE}),
    ("GET", DELIBERATION_PAGE): (page(CASE_READING_STAFF), {}),
    ("POST", f"{DELIBERATION_PAGE}/panel"): (expect(PANEL_FORMERS, 409),
                                             {"data": {"presiding_judge_id": "1", "member_ids": "1"}}),
    ("POST", f"{DELIBERATION_PAGE}/points"): (expect(CASE_READING_STAFF, 409), {"data": {"point_label": "焦点"}}),
    ("POST", f"{DELIBERATION_PAGE}/points/{{point_id}}/vote"): (
        expect(CASE_READING_STAFF, 409), {"data": {"choice": "affirm", "opinion": "事实清楚，证据充分，应予支持"}}),
    ("POST", f"{DELIBERATION_PAGE}/referral"): (expect(CASE_READING_STAFF, 409), {"data": {"grounds": "difficult"}}),
    ("POST", f"{DELIBERATION_PAGE}/referral/decision"): (expect({"president_same_court"}, 409),
                                                         {"data": {"refer": "yes"}}),
    ("POST", f"{DELIBERATION_PAGE}/committee-decision"): (
        expect({"president_same_court"}, 409), {"data": COMMITTEE | {"members_present": "张三"}}),
}

# Asynchronous trial: the world's case has none, so whoever may act meets a 409 (or the owner's empty application a
# 422); the judge's steps are the assigned judge's alone; an answer's file route finds no answer (404).
TRIAL_API, TRIAL_PARTY, TRIAL_BENCH = ("/api/v1/cases/{case_id}/async-trial", "/portal/cases/{case_id}/async-trial",
                                       "/bench/cases/{case_id}/async-trial")
STAGE = {"kind": "debate", "questions": ["请发表辩论意见"], "closes_at": "2030-01-01T18:00:00+08:00"}
POLICIES |= {
    ("GET", TRIAL_API): (expect(CASE_READERS, 200), {}),
    ("POST", f"{TRIAL_API}/application"): (expect({"owner"}, 422), {"json": {"reason": ""}}),
    ("PUT", f"{TRIAL_API}/consent"): (expect({"owner"}, 409), {"json": {"consented": True}}),
    ("POST", f"{TRIAL_API}/opening"): (expect({"judge_assigned"}, 409), {"json": {"hardship": "异地"}}),
    ("POST", f"{TRIAL_API}/stages"): (expect({"judge_assigned"}, 409), {"json": STAGE}),
    ("POST", f"{TRIAL_API}/stages/{{stage_id}}/closing"): (expect({"judge_assigned"}, 409), {}),
    ("POST", f"{TRIAL_API}/stages/{{stage_id}}/answers"): (expect({"owner"}, 409), {"data": {"text": "答复"}}),
    ("POST", f"{TRIAL_API}/switch"): (expect({"judge_assigned"}, 409), {"json": {"reason": "证人出庭"}}),
    ("POST", f"{TRIAL_API}/record"): (expect({"judge_assigned"}, 409), {}),
    ("POST", f"{TRIAL_API}/record/confirmations"): (expect({"owner"}, 409), {"json": {"password": "x"}}),
    ("GET", TRIAL_PARTY): (page(CASE_READERS), {}),
    ("GET", TRIAL_BENCH): (page(CASE_READING_STAFF), {}),
    ("GET", "/cases/{case_id}/async-trial/files/{document_id}"): (
        lambda role: 303 if role == "anonymous" else 404 if role in CASE_READERS else 403, {}),
    ("POST", f"{TRIAL_PARTY}/application"): (expect({"owner"}, 422), {"data": {"reason": ""}}),
    ("POST", f"{TRIAL_PARTY}/consent"): (expect({"owner"}, 409), {"data": {"consented": "yes"}}),
    ("POST", f"{TRIAL_PARTY}/stages/{{stage_id}}/answer"): (expect({"owner"}, 409), {"data": {"text": "答复"}}),
    ("POST", f"{TRIAL_PARTY}/confirmation"): (expect({"owner"}, 409), {"data": {"password": "x"}}),
    ("POST", f"{TRIAL_BENCH}/opening"): (expect({"judge_assigned"}, 409), {"data": {"hardship": "异地"}}),
    ("POST", f"{TRIAL_BENCH}/stages"): (expect({"judge_assigned"}, 409), {"data": {
        "kind": "debate", "questions": "请发表辩论意见", "closes_at": "2030-01-01T18:00"}}),
    ("POST", f"{TRIAL_BENCH}/stages/{{stage_id}}/closing"): (expect({"judge_assigned"}, 409), {}),
    ("POST", f"{TRIAL_BENCH}/switch"): (expect({"judge_assigned"}, 409), {"data": {"reason": "证人出庭"}}),
    ("POST", f"{TRIAL_BENCH}/record"): (expect({"judge_assigned"}, 409), {}),
}


# Online hearings: the matrix's hearing does not exist, so whoever signs in meets the one 404 (a participant's only
# hearing); a code of an unknown purpose is 422, an unknown code 404; a page's join or signature without a code 422.
ONLINE_API, ONLINE_PAGE = "/api/v1/hearings/{hearing_id}/online", "/hearings/{hearing_id}/online"


def signed_in_get(code: int, *, anonymous: int = 401):
    return lambda role: anonymous if role == "anonymous" else code


POLICIES |= {
    ("POST", "/api/v1/one-time-codes"): (signed_in_get(422), {"json": {"purpose": "x"}}),
    ("POST", "/api/v1/one-time-codes/verification"): (signed_in_get(404),
                                                      {"json": {"code_id": NO_REQUEST, "code": "123456"}}),
    ("POST", f"{ONLINE_API}/join"): (signed_in_get(404), {"json": {"proof_id": 1}}),
    ("POST", f"{ONLINE_API}/leave"): (signed_in_get(404), {}),
    ("GET", f"{ONLINE_API}/attendance"): (signed_in_get(404), {}),
    ("POST", f"{ONLINE_API}/marks"): (signed_in_get(404), {"json": {"participant_id": 1, "status": "absent"}}),
    ("GET", f"{ONLINE_API}/record"): (signed_in_get(404), {}),
    ("PUT", f"{ONLINE_API}/record"): (signed_in_get(404), {"json": {"text": "审：现在开庭。"}}),
    ("POST", f"{ONLINE_API}/record/closing"): (signed_in_get(404), {}),
    ("POST", f"{ONLINE_API}/record/signatures"): (signed_in_get(404), {"json": {"proof_id": 1}}),
    ("POST", f"{ONLINE_API}/record/refusals"): (signed_in_get(404), {"json": {"participant_id": 1,
                                                                              "note": "拒绝签名"}}),
    ("GET", ONLINE_PAGE): (signed_in_get(404, anonymous=303), {}),
    ("GET", f"{ONLINE_PAGE}/record"): (signed_in_get(404, anonymous=303), {}),
    ("POST", f"{ONLINE_PAGE}/code"): (signed_in_get(404), {"data": {"purpose": "online_hearing"}}),
    ("POST", f"{ONLINE_PAGE}/join"): (signed_in_get(422), {"data": {"code": "123456"}}),
    ("POST", f"{ONLINE_PAGE}/leave"): (signed_in_get(404), {}),
    ("POST", f"{ONLINE_PAGE}/marks"): (signed_in_get(404), {"data": {"participant_id": "1", "status": "absent"}}),
    ("POST", f"{ONLINE_PAGE}/record"): (signed_in_get(404), {"data": {"text": "审：现在开庭。"}}),
    ("POST", f"{ONLINE_PAGE}/record/closing"): (signed_in_get(404), {}),
    ("POST", f"{ONLINE_PAGE}/record/signature"): (signed_in_get(422), {"data": {"code": "123456"}}),
    ("POST", f"{ONLINE_PAGE}/record/refusals"): (signed_in_get(404), {"data": {"participant_id": "1",
                                                                               "note": "拒绝签名"}}),
}

def drafts_for(allowed: set[str], ok: int, *, anonymous: int):
    """A court document: public accounts get the 404 of a case not theirs (no draft is a party's), staff who may
    not see the case a 403."""
    def status(role: str) -> int:
        if role == "anonymous":
            return anonymous
        if role in PUBLIC_ACCOUNTS:
            return 404
        return ok if role in allowed else 403
    return status


# Court documents: the case's conductors generate (an unknown kind: 422), the staff who see the case read; the
# matrix's document id is a dossier document, no court document: 404 for whoever gets that far.
JUDGMENTS_API = "/api/v1/cases/{case_id}/judgment-documents"
JUDGMENTS_PAGE = "/bench/cases/{case_id}/judgment-documents"
POLICIES |= {
    ("GET", JUDGMENTS_API): (drafts_for(CASE_READING_STAFF, 200, anonymous=401), {}),
    ("POST", JUDGMENTS_API): (drafts_for(CONDUCTORS, 422, anonymous=401), {"json": {"kind": "verdict"}}),
    ("GET", f"{JUDGMENTS_API}/{{document_id}}"): (drafts_for(CASE_READING_STAFF, 404, anonymous=401), {}),
    ("GET", f"{JUDGMENTS_API}/{{document_id}}/{{fmt}}"): (drafts_for(CASE_READING_STAFF, 404, anonymous=401), {}),
    ("GET", JUDGMENTS_PAGE): (drafts_for(CASE_READING_STAFF, 200, anonymous=303), {}),
    ("POST", JUDGMENTS_PAGE): (drafts_for(CONDUCTORS, 422, anonymous=401), {"data": {"kind": "verdict"}}),
    ("GET", f"{JUDGMENTS_PAGE}/{{document_id}}"): (drafts_for(CASE_READING_STAFF, 404, anonymous=303), {}),
}


# After drafting: edits, sign-off, signing and delivery reach the service only for staff who see the case (the matrix's
# document id is no court document: 404); the pages take staff only (a party: 403). Appeals are a party's: staff are
# refused, the case's party meets the 404 of a document that is not signed; the appeal court's view of the first
# instance is the staff's who see the case.
DOCX_FILE = {"files": {"file": ("改稿.docx", b"PK")}}


def staff_drafts(*, anonymous: int):
    return lambda role: anonymous if role == "anonymous" else 404 if role in CASE_READING_STAFF else 403


def parties_appeal(role: str) -> int:
    return 401 if role == "anonymous" else 404 if role in CONCEALED_FROM else 403


POLICIES |= {
    ("PUT", f"{JUDGMENTS_API}/{{document_id}}/sections/{{key}}"): (
        drafts_for(CASE_READING_STAFF, 404, anonymous=401), {"json": {"text": "改写"}}),
    ("POST", f"{JUDGMENTS_API}/{{document_id}}/docx"): (drafts_for(CASE_READING_STAFF, 404, anonymous=401), DOCX_FILE),
    ("POST", f"{JUDGMENTS_API}/{{document_id}}/signoff"): (drafts_for(CASE_READING_STAFF, 404, anonymous=401), {}),
    ("POST", f"{JUDGMENTS_API}/{{document_id}}/signoff-decision"): (
        drafts_for(CASE_READING_STAFF, 404, anonymous=401), {"json": {"approve": True}}),
    ("POST", f"{JUDGMENTS_API}/{{document_id}}/signing"): (drafts_for(CASE_READING_STAFF, 404, anonymous=401), {}),
    ("POST", f"{JUDGMENTS_API}/{{document_id}}/delivery"): (drafts_for(CASE_READING_STAFF, 404, anonymous=401), {}),
    ("GET", "/api/v1/cases/{case_id}/judgment-effects"): (expect(CASE_READERS, 200), {}),
    ("POST", "/api/v1/cases/{case_id}/appeals"): (parties_appeal, {"json": {
        "document_id": 1, "party_id": 1, "requests": "撤销原判", "grounds": "认定事实错误"}}),
    ("POST", f"{JUDGMENTS_PAGE}/{{document_id}}/sections/{{key}}"): (staff_drafts(anonymous=401),
                                                                    {"data": {"text": "改写"}}),
    ("POST", f"{JUDGMENTS_PAGE}/{{document_id}}/docx"): (staff_drafts(anonymous=401), DOCX_FILE),
    ("GET", f"{JUDGMENTS_PAGE}/{{document_id}}/versions/{{number}}/docx"): (staff_drafts(anonymous=303), {}),
    ("POST", f"{JUDGMENTS_PAGE}/{{document_id}}/signoff"): (staff_drafts(anonymous=401), {}),
    ("POST", f"{JUDGMENTS_PAGE}/{{document_id}}/signoff-decision"): (staff_drafts(anonymous=401),
                                                                     {"data": {"decision": "approve"}}),
    ("POST", f"{JUDGMENTS_PAGE}/{{document_id}}/sign"): (staff_drafts(anonymous=401), {}),
    ("POST", f"{JUDGMENTS_PAGE}/{{document_id}}/delivery"): (staff_drafts(anonymous=401), {}),
    ("GET", "/bench/judgment-signoffs"): (page(STAFF), {}),
    ("GET", "/bench/cases/{case_id}/first-instance"): (page(CASE_READING_STAFF), {}),
    ("GET", "/portal/cases/{case_id}/appeal"): (page(CASE_READERS), {}),
    ("POST", "/portal/cases/{case_id}/appeal"): (parties_appeal, {"data": {
        "document_id": "1", "party_id": "1", "requests": "撤销原判", "grounds": "认定事实错误"}}),
}


# Hearings: the case's conductors schedule (a date in the past: 422); the matrix's hearing and postponement ids do not
# exist (404 past the checks of who may act); presidents approve postponements; staff read calendars; anyone reads
# the announcements and a court's rooms.
PRESIDENTS = {"president_same_court", "president_other_court", "high_president"}
PAST_HEARING = {"starts_on": "2000-01-01", "starts_time": "09:00", "judge_ids": [1], "clerk_id": 1}
POSTPONEMENT = {"ground": "absent", "next_on": TODAY, "next_time": "09:00"}


def missing_for_staff(*, public: int):
    return lambda role: 401 if role == "anonymous" else (public if role in CONCEALED_FROM else 404)


POLICIES |= {
    ("POST", "/api/v1/hearings"): (expect(CONDUCTORS, 422), {"json": PAST_HEARING | {"case_id": "case"}}),
    ("GET", "/api/v1/hearings"): (signed_in(200), {}),
    ("GET", "/api/v1/hearings/calendar"): (expect(STAFF, 200), {}),
    ("GET", "/api/v1/hearings/{hearing_id}"): (missing_for_staff(public=404), {}),
    ("POST", "/api/v1/hearings/{hearing_id}/postponements"): (missing_for_staff(public=404), {"json": POSTPONEMENT}),
    ("POST", "/api/v1/hearings/{hearing_id}/held"): (missing_for_staff(public=404), {"json": {}}),
    ("POST", "/api/v1/hearings/postponements/{postponement_id}/decision"): (expect(PRESIDENTS, 404),
                                                                            {"json": {"approve": True}}),
    ("GET", "/api/v1/cases/{case_id}/scheduled-hearings"): (expect(CASE_READERS, 200), {}),
    ("GET", "/api/v1/hearing-announcements"): (everyone(200), {}),
    ("GET", "/api/v1/courtrooms"): (everyone(200), {"params": {"court": "浙0106"}}),
    ("GET", "/bench/cases/{case_id}/hearings"): (page(CASE_READING_STAFF), {}),
    ("POST", "/bench/cases/{case_id}/hearings/schedule"): (expect(CONDUCTORS, 422),
                                                          {"data": PAST_HEARING | {"judge_ids": "1", "clerk_id": "1"}}),
    ("POST", "/bench/hearings/{hearing_id}/postponement"): (missing_for_staff(public=403), {"data": POSTPONEMENT}),
    ("POST", "/bench/hearings/{hearing_id}/held"): (missing_for_staff(public=403), {"data": {}}),
    ("GET", "/bench/hearings/postponements"): (page(PRESIDENTS), {}),
    ("POST", "/bench/hearings/postponements/{postponement_id}/decision"): (expect(PRESIDENTS, 404),
                                                                           {"data": {"approve": "yes"}}),
    ("GET", "/bench/calendar"): (page(STAFF), {}),
    ("GET", "/portal/cases/{case_id}/hearings"): (page(CASE_READERS), {}),
    ("GET", "/portal/hearings"): (lambda role: 303 if role == "anonymous" else 200, {}),
    ("GET", "/hearing-announcements"): (everyone(200), {}),
}

# Joint sessions (多案联审): the court's staff only; no batch exists in the world, so staff meet its 404 and a party the
# same 404 on the API (a batch is never shown to a party), a 403 on the bench's pages.
JOINT_PAGE_FORM = {"starts_on": TODAY, "starts_time": "09:00"}
POLICIES |= {
    # a party's answer to asynchronous cross-examination (在线诉讼规则 art. 20(1)): the owner's own; staff 403
    ("PUT", f"{EVIDENCE_API}/online-consent"): (expect({"owner"}, 200), {"json": {"consented": False}}),
    ("POST", "/portal/cases/{case_id}/evidence/online-consent"): (expect({"owner"}, 303),
                                                                   {"data": {"consented": "no"}}),
    ("POST", "/api/v1/joint-sessions"): (signed_in(422), {"json": {"case_ids": []}}),
    ("GET", "/api/v1/joint-sessions/{joint_id}"): (missing_for_staff(public=404), {}),
    ("POST", "/api/v1/joint-sessions/{joint_id}/hearing"): (missing_for_staff(public=404),
                                                             {"json": PAST_HEARING | {"case_id": "case"}}),
    ("POST", "/api/v1/joint-sessions/{joint_id}/held"): (missing_for_staff(public=404), {"json": {}}),
    ("POST", "/api/v1/joint-sessions/{joint_id}/cases/{case_id}/draft"): (missing_for_staff(public=404), {}),
    ("GET", "/bench/joint-sessions"): (page(STAFF), {}),
    ("POST", "/bench/joint-sessions"): (lambda role: 401 if role == "anonymous" else
                                        422 if role.startswith("judge_") else 403, {"data": {}}),
    ("GET", "/bench/joint-sessions/{joint_id}"): (lambda role: 303 if role == "anonymous" else
                                                  404 if role in STAFF else 403, {}),
    ("POST", "/bench/joint-sessions/{joint_id}/schedule"): (missing_for_staff(public=403),
                                                            {"data": JOINT_PAGE_FORM}),
    ("POST", "/bench/joint-sessions/{joint_id}/held"): (missing_for_staff(public=403), {"data": {}}),
    ("POST", "/bench/joint-sessions/{joint_id}/cases/{case_id}/draft"): (missing_for_staff(public=403), {}),
}

# Criminal cases: filing officers register indictments (an empty form: 422; others 403); the world's case is civil, so
# whoever may read it meets the 404 of a case with no indictment, staff who may not a 403.
FILING_OFFICERS = {"filing_officer_same_court", "filing_officer_other_court"}


def no_indictment(*, anonymous: int):
    return lambda role: (anonymous if role == "anonymous" else
                         404 if role in CASE_READERS | CONCEALED_FROM else 403)


POLICIES |= {
    ("POST", "/api/v1/criminal/indictments"): (expect(FILING_OFFICERS, 422), {"data": {"indictment": "{}"}}),
    ("GET", "/api/v1/cases/{case_id}/criminal"): (no_indictment(anonymous=401), {}),
    ("GET", "/bench/criminal/indictments/new"): (page(FILING_OFFICERS), {}),
    ("POST", "/bench/criminal/indictments/new"): (expect(FILING_OFFICERS, 422), {"data": {"charge": "危险驾驶罪"}}),
    ("GET", "/bench/cases/{case_id}/criminal"): (
        lambda role: 303 if role == "anonymous" else 404 if role in CASE_READING_STAFF else 403, {}),
}

@pytest.fixture
def world(client, db):
    """A case at 浙0106 filed by `owner`, a refused application of theirs, and a token per role."""
    owner_id = id_number()
    owner_name = f"matrix-owner-{owner_id[-8:]}"
    client.post("/api/v1/auth/register", json={"username": owner_name, "password": "correct-horse-9",
                                               "person_type": "natural", "name": "赵一", "phone": "13900000011",
                                               "id_number": owner_id})
    stranger_name = f"matrix-stranger-{owner_id[-8:]}"
    client.post("/api/v1/auth/register", json={"username": stranger_name, "password": "correct-horse-9",
                                               "person_type": "natural", "name": "钱二", "phone": "13900000012",
                                               "id_number": id_number()})
    owner = bearer(client, owner_name, "correct-horse-9")
    officer = bearer(client, "demo-filing-officer")
    valid = json.loads(filing(plaintiff_id=owner_id, cause_code="cont.contract.sale").model_dump_json())
    accepted = client.post("/api/v1/filings", headers=owner, json=valid).json()
    case = client.post(f"/api/v1/filings/{accepted['id']}/acceptance", headers=officer).json()
    refused = client.post("/api/v1/filings", headers=owner, json=valid).json()
    client.post(f"/api/v1/filings/{refused['id']}/refusal", headers=officer, json={"reason": "重复起诉"})
    usernames = _usernames(db, case, owner_name, stranger_name)
    with db.transaction() as session:  # accepted ten days ago, so that a period not counted can have begun
        from omnicourt.cases.models import Case

        session.get(Case, case["id"]).accepted_on -= timedelta(days=10)
    judge = bearer(client, usernames["judge_assigned"])
    suspension = client.post(f"/api/v1/cases/{case['id']}/deadline/suspensions", headers=judge,
                             json={"kind": "settlement", "starts_on": clock.today().isoformat(), "reason": "和解"})
    assert suspension.status_code == 201, suspension.text
    chief = bearer(client, usernames["chief_same_division"])
    notice = client.post(f"/api/v1/supervision/cases/{case['id']}/notices", headers=chief,
                         json={"kind": "supervision_notice", "text": "请说明审理进度",
                               "due_on": (clock.today() + timedelta(days=3)).isoformat()})
    assert notice.status_code == 201, notice.text
    fee_notice_id = client.get(f"/api/v1/fees/cases/{case['id']}", headers=owner).json()[0]["notice_id"]
    order = client.post(f"/api/v1/fees/notices/{fee_notice_id}/payments",
                        headers=owner | {"Idempotency-Key": "matrix-key-1"})
    assert order.status_code == 201, order.text
    with db.reading() as session:
        from omnicourt.fees.models import FeePayment

        payment_id = session.scalar(select(FeePayment.id).where(FeePayment.order_no == order.json()["order_no"]))
    document = client.post(f"/api/v1/cases/{case['id']}/documents", headers=owner, **DOCUMENT_FILE)
    assert document.status_code == 201, document.text
    evidence = client.post(f"/api/v1/cases/{case['id']}/evidence/lists", headers=owner, data={"items": json.dumps(
        [{"name": "借条", "purpose": "证明借款", "files": []}])})
    assert evidence.status_code == 201, evidence.text
    with db.reading() as session:
        from omnicourt.cases.models import CaseParty

        owner_party = session.scalar(select(CaseParty.id).where(CaseParty.case_id == case["id"],
                                                                CaseParty.role == "plaintiff"))
    delivered = client.post(f"/api/v1/cases/{case['id']}/deliveries", headers=bearer(
        client, usernames["clerk_same_division"]), json={"document_id": document.json()[0]["id"],
                                                          "party_ids": [owner_party], "document_class": "notice"})
    assert delivered.status_code == 201, delivered.text
    batch = client.post("/api/v1/filings/element-sheets", headers=owner, json=[{}])
    assert batch.status_code == 202, batch.text
    with db.transaction() as session:
        from omnicourt.casework import bundles
        from omnicourt.security import service as security

        owner_actor = security.actor_for(session, security.get_account(session, usernames_id(db, owner_name)))
        bundle_id = bundles.request(session, actor=owner_actor, case_id=case["id"]).id
    bundles.run(db, client.app.state.settings, bundle_id=bundle_id)
    mediator_id, mediation_id = _mediation_of(client, db, owner, valid, usernames)
    return {"case": case, "application_id": refused["id"], "valid_filing": valid, "usernames": usernames,
            "mediator_id": mediator_id, "mediation_id": mediation_id,
            "bundle_id": bundle_id,
            "adjustment_id": suspension.json()["id"], "notice_id": notice.json()["id"],
            "fee_notice_id": fee_notice_id, "order_no": order.json()["order_no"], "payment_id": payment_id,
            "document_id": document.json()[0]["id"], "batch_id": batch.json()["id"],
            "item_id": evidence.json()["items"][0]["id"], "delivery_id": delivered.json()[0]["id"]}


def _mediation_of(client, db, owner, filing_data, usernames) -> tuple[int, int]:
    """The matrix's mediator, alone active at the court, and the owner's mediation it has accepted."""
    from sqlalchemy import update

    from omnicourt.mediation.models import Mediator

    officer = bearer(client, "demo-filing-officer")
    with db.transaction() as session:
        session.execute(update(Mediator).values(status="suspended"))
    name = f"matrix-mediator-{next(_names)}-{id_number()[-8:]}"
    mediator = client.post("/api/v1/mediation/roster", headers=officer, json={
        "username": name, "password": "correct-horse-9", "name": "王调解", "phone": "13900000099"})
    assert mediator.status_code == 201, mediator.text
    usernames["mediator"] = name
    mediation = client.post("/api/v1/mediations", headers=owner, json=filing_data | {"consent": True})
    assert mediation.status_code == 201, mediation.text
    accepted = client.post(f"/api/v1/mediations/{mediation.json()['id']}/acceptance",
                           headers=bearer(client, name, "correct-horse-9"))
    assert accepted.status_code == 200, accepted.text
    return mediator.json()["id"], mediation.json()["id"]


def usernames_id(db, username: str) -> int:
    with db.reading() as session:
        from omnicourt.security.models import Account

        return session.scalar(select(Account.id).where(Account.username == username))


def _usernames(db, case, owner_name, stranger_name) -> dict[str, str]:
    with db.reading() as session:
        def first(*conditions):
            return session.scalar(select(Account.username).where(*conditions).order_by(Account.id).limit(1))

        judge = session.get(Account, case["judge_id"])
        division, court = judge.division_id, judge.court_id
        return {
            "owner": owner_name, "stranger": stranger_name, "lawyer": "demo-lawyer",
            "judge_assigned": judge.username,
            "judge_same_division": first(Account.role == "judge", Account.division_id == division,
                                         Account.id != judge.id),
            "judge_other_division": first(Account.role == "judge", Account.court_id == court,
                                          Account.division_id != division),
            "assistant_same_division": first(Account.role == "judge_assistant", Account.division_id == division),
            "clerk_same_division": first(Account.role == "clerk", Account.division_id == division),
            "chief_same_division": first(Account.role == "division_chief", Account.division_id == division),
            "chief_other_division": first(Account.role == "division_chief", Account.court_id == court,
                                          Account.division_id != division),
            "president_same_court": first(Account.role == "president", Account.court_id == court),
            "president_other_court": "c2-president",
            "high_president": "demo-high-president",
            "filing_officer_same_court": "demo-filing-officer",
            "filing_officer_other_court": "c2-filing-officer1",
            "enforcement_officer": first(Account.role == "enforcement_officer", Account.court_id == court),
        }


def _request_kwargs(kwargs: dict, world: dict) -> dict:
    if kwargs.get("pre_session"):  # a sign-in form: its CSRF token in the form and the cookie (double submit)
        kwargs = {key: value for key, value in kwargs.items() if key != "pre_session"}
        return _with_login_csrf(_request_kwargs(kwargs, world))
    body = "json" if "json" in kwargs else "data"
    if kwargs.get(body) == "unknown user":  # a fresh name each time: failures are throttled per name
        return {body: {"username": f"nobody-{next(_names)}", "password": "x"}}
    if isinstance(kwargs.get(body), dict) and kwargs[body].get("case_id") == "case":
        return {body: {**kwargs[body], "case_id": world["case"]["id"]}}
    if kwargs.get(body) == "same judge":
        return {body: {"judge_id": world["case"]["judge_id"], "reason": "调整"}}
    if kwargs.get("json") == "valid filing":
        return {"json": world["valid_filing"]}
    if kwargs.get("json") == "filing without consent":
        return {"json": world["valid_filing"] | {"consent": False}}
    return kwargs


def _with_login_csrf(kwargs: dict) -> dict:
    token = "t" * 32
    return {**kwargs, "data": {**kwargs["data"], "csrf_token": token}, "cookies": {"oc_login_csrf": token}}


def _denials(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.action == "access.denied"))


def all_routes(routes) -> list[APIRoute]:
    """Every APIRoute, looking inside included routers (FastAPI keeps them nested)."""
    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(all_routes(route.original_router.routes))
    return found


def api_routes(app):
    """Every route of the API and the pages (static files aside)."""
    return sorted((method, route.path) for route in all_routes(app.routes) for method in route.methods)


def test_route_discovery_sees_the_included_routers(app):
    assert ("POST", "/api/v1/filings/{application_id}/acceptance") in api_routes(app)


def test_every_api_route_has_a_policy(app):
    missing = [r for r in api_routes(app) if r not in POLICIES]
    assert missing == []


# Routes that never read a session: whoever calls is known by address only (a gateway's signed callback).
CALLERS_BY_ADDRESS = {("POST", "/api/v1/fees/callbacks/{gateway_name}")}


def test_every_route_for_every_role(client, app, db, world):
    if db.is_sqlite and POSTGRES_URL:
        pytest.skip("the route × role matrix runs once, on PostgreSQL when it is configured: who may call a route "
                    "does not depend on the engine, and the services are tested on both")
    tokens = {role: bearer(client, world["usernames"][role], "correct-horse-9" if role in OWN_PASSWORD
                           else "omnicourt-demo") for role in ROLES if role != "anonymous"}
    failures = []
    denied_before: dict = {}  # (who, route) -> denials: the 1st, 10th, 100th ... in the window are recorded
    for method, path in api_routes(app):
        expected, kwargs = POLICIES[(method, path)]
        half_width = world["case"]["case_number"].replace("（", "(").replace("）", ")")
        url = path.format(case_id=world["case"]["id"], application_id=world["application_id"],
                          case_number=half_width, adjustment_id=world["adjustment_id"],
                          notice_id=world["notice_id"], notification_id=1, field="loan.rate",
                          fee_notice_id=world["fee_notice_id"], order_no=world["order_no"],
                          payment_id=world["payment_id"], gateway_name="simulated",
                          code="rate_above_cap", law="民法典", article="675", request_id=NO_REQUEST,
                          document_id=world["document_id"], batch_id=world["batch_id"], page=1,
                          item_id=world["item_id"], delivery_id=world["delivery_id"], bundle_id=world["bundle_id"],
                          published_id=NO_REQUEST, point_id=1, stage_id=NO_PARTY, fmt="pdf",
                          hearing_id=NO_REQUEST, postponement_id=NO_REQUEST, mediation_id=world["mediation_id"],
                          mediator_id=world["mediator_id"], enforcement_application_id=NO_REQUEST,
                          measure_id=NO_REQUEST, auction_id=NO_REQUEST, listing_id=NO_REQUEST, key="facts", number=1,
                          joint_id=NO_REQUEST)
        for role in ROLES:
            headers = {}
            if role != "anonymous":
                password = "correct-horse-9" if role in OWN_PASSWORD else "omnicourt-demo"
                # Signing out ends the session: give that route a session of its own.
                headers = bearer(client, world["usernames"][role], password) if path.endswith("/logout") \
                    else tokens[role]
            denials = _denials(db)
            client.cookies.clear()  # only the bearer token speaks for the role
            response = client.request(method, url, headers=headers, follow_redirects=False,
                                      **_request_kwargs(kwargs, world))
            want = expected(role)
            if want == 403 and role in CONCEALED_FROM and "不存在或无权查看" in response.text:
                want = 404  # a case not theirs looks to a party like none (tests/security/test_input_case_access)
            if response.status_code != want:
                failures.append(f"{method} {path} as {role}: {response.status_code} (want {want}) "
                                f"{' '.join(response.text[:100].split())}")
            elif expected(role) == 403:
                who = "address" if (method, path) in CALLERS_BY_ADDRESS or role == "anonymous" else role
                count = denied_before[(who, method, path)] = denied_before.get((who, method, path), 0) + 1
                recorded = str(count).strip("0") == "1"
                if _denials(db) != denials + recorded:
                    failures.append(f"{method} {path} as {role}: {want} {'not ' if recorded else ''}audited"
                                    f"{'' if recorded else ' again within the window'}")
    assert not failures, "\n".join(failures)


def test_case_lists_show_exactly_what_each_role_may_see(client, world):
    case_id = world["case"]["id"]
    for role in ROLES[1:]:
        password = "correct-horse-9" if role in OWN_PASSWORD else "omnicourt-demo"
        headers = bearer(client, world["usernames"][role], password)
        listed = client.get("/api/v1/cases", headers=headers, params={"limit": 200}).json()
        # The new case is the newest of every list that may hold it, so it is on the first page.
        assert (case_id in [c["id"] for c in listed]) == (role in CASE_READERS), role
