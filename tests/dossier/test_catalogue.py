"""The dossier's volumes and catalogues, on every backend: documents enter the main volume in order with their page
ranges; staff of the case's court correct a document's kind and number (audited), refused plainly otherwise; and
a document in the secondary volume is never listed or opened by any route a party can reach."""

import re

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from omnicourt.audit.models import AuditRecord
from omnicourt.dossier import rules
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind, PageRange, Volume
from omnicourt.dossier.service import Checked, Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import InvalidInput
from omnicourt.security.models import Account
from tests.app.conftest import bearer, username_of
from tests.app.test_api_flow import register
from tests.dossier import samples
from tests.dossier.test_access import file_with
from tests.factories import blank_pdf, id_number


def test_page_ranges_run_through_the_volume_until_a_count_is_unknown():
    assert rules.page_ranges([2, 1, 3]) == [PageRange(1, 2), PageRange(3, 3), PageRange(4, 6)]
    assert rules.page_ranges([2, None, 3]) == [PageRange(1, 2), PageRange(None, None), PageRange(None, None)]
    assert rules.page_ranges([]) == []


def test_moving_a_document_renumbers_around_it():
    assert rules.moved([10, 11, 12, 13], 12, 1) == [12, 10, 11, 13]
    assert rules.moved([10, 11, 12, 13], 10, 4) == [11, 12, 13, 10]
    assert rules.moved([10], 10, 1) == [10]
    for number in (0, 5):
        with pytest.raises(InvalidInput, match="目录序号应在 1 到 4 之间") as refused:
            rules.moved([10, 11, 12, 13], 10, number)
        assert refused.value.field == "number"


def test_the_court_s_internal_papers_go_to_the_secondary_volume():
    assert {k for k in DocumentKind if rules.volume_of(k) == Volume.SECONDARY} == {
        DocumentKind.DELIBERATION_RECORD, DocumentKind.INTERNAL_APPROVAL, DocumentKind.WORKING_NOTES}
    assert set(rules.KIND_LABELS) == set(DocumentKind)


def accepted_case(client, db, files) -> tuple[dict, dict]:
    """A party's case accepted with ``files``: (the party's headers, the case)."""
    id_no = id_number()
    party = register(client, f"cat-party-{id_no[-6:]}", id_no)
    application_id = file_with(client, party, id_no, files)
    case = client.post(f"/api/v1/filings/{application_id}/acceptance", headers=bearer(client, "demo-filing-officer"))
    assert case.status_code == 200, case.text
    return party, case.json()


def clerk_of(db, case) -> dict:
    with db.reading() as session:
        division = session.get(Account, case["judge_id"]).division_id
        return session.scalar(select(Account.username).where(Account.role == "clerk",
                                                             Account.division_id == division).limit(1))


def catalogue(client, headers, case_id) -> dict[str, list[tuple]]:
    response = client.get(f"/api/v1/cases/{case_id}/catalogue", headers=headers)
    assert response.status_code == 200, response.text
    return {v["volume"]: [(e["number"], e["document"]["filename"], e["kind_label"], e["first_page"], e["last_page"])
                          for e in v["entries"]] for v in response.json()}


def test_documents_enter_the_main_volume_in_order_with_their_pages(client, db):
    party, case = accepted_case(client, db, [("attachments", ("借条.pdf", blank_pdf(2), "application/pdf")),
                                             ("attachments", ("转账.png", samples.image("PNG"), "image/png"))])
    invoice = samples.ofd_file(pages=2)
    added = client.post(f"/api/v1/cases/{case['id']}/documents", headers=party, files=[
        ("files", ("答辩意见.docx", samples.word_file(), "application/octet-stream")),  # saved without a page count
        ("files", ("电子发票.ofd", invoice, "application/ofd"))])
    assert added.status_code == 201, added.text
    assert [(d["kind"], d["volume"], d["pages"]) for d in added.json()] == [("other", "main", None),
                                                                            ("other", "main", 2)]
    assert catalogue(client, party, case["id"]) == {"main": [
        (1, "借条.pdf", "其他", 1, 2), (2, "转账.png", "其他", 3, 3),
        (3, "答辩意见.docx", "其他", None, None), (4, "电子发票.ofd", "其他", None, None)]}
    judge = bearer(client, username_of(db, case["judge_id"]))
    assert catalogue(client, judge, case["id"]) == {"main": catalogue(client, party, case["id"])["main"],
                                                    "secondary": []}
    [ofd] = [d for d in added.json() if d["filename"] == "电子发票.ofd"]
    assert ofd["sm3"] == samples.gmssl_sm3(invoice)
    opened = client.get(f"/api/v1/documents/{ofd['id']}/content", headers=party)
    assert opened.content == invoice and opened.headers["content-disposition"].startswith("attach")


def test_the_clerk_corrects_kinds_and_order_and_it_is_audited(client, db):
    party, case = accepted_case(client, db, [("attachments", ("证据一.pdf", blank_pdf(1), "application/pdf")),
                                             ("attachments", ("起诉状.pdf", blank_pdf(3), "application/pdf"))])
    clerk = bearer(client, clerk_of(db, case))
    documents = {d["document"]["filename"]: d["document"]["id"]
                 for d in client.get(f"/api/v1/cases/{case['id']}/catalogue", headers=clerk).json()[0]["entries"]}
    url = f"/api/v1/cases/{case['id']}/documents/{documents['起诉状.pdf']}/catalogue"
    corrected = client.put(url, headers=clerk, json={"kind": "complaint", "number": 1})
    assert corrected.status_code == 200, corrected.text
    assert catalogue(client, party, case["id"])["main"] == [(1, "起诉状.pdf", "起诉状", 1, 3),
                                                            (2, "证据一.pdf", "其他", 4, 4)]
    with db.reading() as session:
        record = session.scalars(select(AuditRecord).where(AuditRecord.action == "dossier.catalogue_correct")
                                 .order_by(AuditRecord.id.desc())).first()
        assert record.object_id == str(documents["起诉状.pdf"]) and record.details["before"]["kind"] == "other"
        assert record.details["after"] == {"kind": "complaint", "volume": "main", "number": 1}

    out_of_range = client.put(url, headers=clerk, json={"kind": "complaint", "number": 3})
    assert out_of_range.status_code == 422 and "目录序号应在 1 到 2 之间" in out_of_range.json()["detail"]
    unknown_kind = client.put(url, headers=clerk, json={"kind": "poem", "number": 1})
    assert unknown_kind.status_code == 422
    by_party = client.put(url, headers=party, json={"kind": "evidence", "number": 2})
    assert by_party.status_code == 403 and "本院办理该案的工作人员" in by_party.json()["detail"]
    _, other_case = accepted_case(client, db, [])
    elsewhere = client.put(f"/api/v1/cases/{other_case['id']}/documents/{documents['起诉状.pdf']}/catalogue",
                           headers=clerk, json={"kind": "evidence", "number": 1})
    assert elsewhere.status_code in (403, 404)  # another division's case, or no such document in it
    assert catalogue(client, party, case["id"])["main"][0][:3] == (1, "起诉状.pdf", "起诉状")  # nothing changed

    page = client.post(f"/bench/cases/{case['id']}/catalogue/{documents['证据一.pdf']}", headers=clerk,
                       data={"kind": "bogus", "number": "1"}, follow_redirects=False)
    assert page.status_code == 422 and "材料类别「bogus」不存在" in page.text
    page = client.post(f"/bench/cases/{case['id']}/catalogue/{documents['证据一.pdf']}", headers=clerk,
                       data={"kind": "evidence", "number": "1"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].endswith("done=catalogue#volume-main")
    assert catalogue(client, party, case["id"])["main"][0][:3] == (1, "证据一.pdf", "证据")
    bench = client.get(f"/bench/cases/{case['id']}", headers=clerk).text
    assert 'action="/bench/cases/{}/catalogue/{}"'.format(case["id"], documents["证据一.pdf"]) in bench
    assert "action=\"/bench/cases/" not in client.get(f"/portal/cases/{case['id']}", headers=party).text.split(
        'id="documents"', 1)[1].split("</section>", 1)[0]


# Values for the path parameters of the routes a party may call; a route with any other parameter returns no
# document of a case (the walk below checks that it saw every document route).
PARAMETERS = ("case_id", "document_id", "application_id", "payment_id")


def party_routes(app) -> list[str]:
    """Every GET path of the API and the pages (static files aside), nested routers included."""
    from tests.app.test_permissions import all_routes

    return sorted({route.path for route in all_routes(app.routes) if isinstance(route, APIRoute)
                   and "GET" in route.methods})


def test_no_route_a_party_reaches_lists_or_opens_a_secondary_volume_document(client, db, app, settings):
    party, case = accepted_case(client, db, [("attachments", ("借条.pdf", blank_pdf(1), "application/pdf"))])
    [filed] = client.get(f"/api/v1/cases/{case['id']}/catalogue", headers=party).json()[0]["entries"]
    content = blank_pdf(2) + b"%deliberation"  # bytes of its own: its digests name it alone
    with db.transaction() as session:  # the court's deliberation record, as a use case of the court files it
        record = dossier.store(session, storage_of(settings), upload=Upload("合议庭评议笔录.pdf", content),
                               checked=Checked("application/pdf", 2), court_id=case["court_id"],
                               uploaded_by=case["judge_id"], case_id=case["id"],
                               kind=DocumentKind.DELIBERATION_RECORD)
        session.flush()
        hidden = (record.id, record.sha256, record.sm3)
    clerk = bearer(client, clerk_of(db, case))
    # and the court moves the party's own filing there too (a paper the court keeps to itself)
    moved = client.put(f"/api/v1/cases/{case['id']}/documents/{filed['document']['id']}/catalogue", headers=clerk,
                       json={"kind": "internal_approval", "number": 2})
    assert moved.status_code == 200 and moved.json()["volume"] == "secondary"
    secret_ids = {hidden[0], filed["document"]["id"]}
    assert catalogue(client, clerk, case["id"])["secondary"] == [(1, "合议庭评议笔录.pdf", "评议笔录", 1, 2),
                                                                 (2, "借条.pdf", "内部审批材料", 3, 3)]

    values = {"case_id": case["id"], "application_id": _application_of(db, case), "payment_id": 1}
    walked, document_routes = [], 0
    for path in party_routes(app):
        names = re.findall(r"{(\w+)}", path)
        if any(name not in PARAMETERS for name in names):
            continue
        targets = sorted(secret_ids) if "document_id" in names else [None]
        document_routes += "document_id" in names
        for document_id in targets:
            url = path.format(**values, document_id=document_id)
            response = client.get(url, headers=party, follow_redirects=False)
            walked.append(url)
            if "document_id" in names:
                assert response.status_code == 404, (url, response.status_code)
            body = response.text
            assert "合议庭评议笔录" not in body and hidden[1] not in body and hidden[2] not in body, url
            for secret in secret_ids:  # no link to it, no document object naming it
                assert not re.search(rf'/documents/{secret}(?!\d)|"id":\s*{secret},\s*"filename"', body), url
    assert document_routes >= 4 and f"/portal/cases/{case['id']}" in walked and \
        f"/api/v1/cases/{case['id']}/catalogue" in walked and "/portal/filings" in walked
    assert catalogue(client, party, case["id"]) == {"main": []}
    bench = client.get(f"/bench/cases/{case['id']}", headers=clerk).text
    assert "合议庭评议笔录.pdf" in bench and 'data-testid="volume-secondary"' in bench
    assert client.get(f"/api/v1/documents/{hidden[0]}/content", headers=clerk).content == content


def _application_of(db, case) -> int:
    from omnicourt.filing.models import FilingApplication

    with db.reading() as session:
        return session.scalar(select(FilingApplication.id).where(FilingApplication.case_id == case["id"]))
