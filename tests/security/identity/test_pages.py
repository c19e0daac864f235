"""The account page (profile and verification) and the filing officers' page, over the same services."""

import asyncio

from omnicourt.security import verification_pages
from tests.app.conftest import bearer
from tests.factories import PNG_BYTES, id_number, uscc
from tests.security.identity.conftest import case_ids, open_case_naming, register_company, register_person


def test_an_unverified_party_is_offered_verification_and_refused_unless_genuine(client_for):
    client = client_for()
    person = register_person(client, name="张明", number=id_number())
    page = client.get("/portal/account", headers=person)
    assert page.status_code == 200 and "未认证" in page.text and 'id="verify-submit"' in page.text
    refused = client.post("/portal/account/verification", headers=person, follow_redirects=False)
    assert refused.status_code == 422 and "实名核验未通过" in refused.text and "未认证" in refused.text


def test_the_page_verifies_off_the_event_loop(client_for, monkeypatch):
    on_event_loop = []

    def record(*args):
        try:
            asyncio.get_running_loop()
            on_event_loop.append(True)
        except RuntimeError:
            on_event_loop.append(False)

    monkeypatch.setattr(verification_pages, "run_verification", record)
    client = client_for()
    person = register_person(client, name="张明", number=id_number())
    client.post("/portal/account/verification", headers=person, follow_redirects=False)
    assert on_event_loop == [False]


def test_a_genuine_person_verifies_on_the_page_with_a_photo(client_for):
    number = id_number()
    client = client_for(people=[("周八", number)])
    case_id = open_case_naming(client, plaintiff_id=number)
    person = register_person(client, name="周八", number=number)
    not_photo = client.post("/portal/account/verification", headers=person,
                            files={"face_image": ("face.png", b"not an image", "image/png")})
    assert not_photo.status_code == 422 and "人脸照片" in not_photo.text
    verified = client.post("/portal/account/verification", headers=person, follow_redirects=False,
                           files={"face_image": ("face.png", PNG_BYTES, "image/png")})
    assert verified.status_code == 303 and verified.headers["location"] == "/portal/account"
    page = client.get("/portal/account", headers=person)
    assert "已认证" in page.text and 'id="verify-submit"' not in page.text
    assert case_id in case_ids(client, person)


def test_court_staff_have_no_account_verification(client):
    officer = bearer(client, "demo-filing-officer")
    assert client.get("/portal/account", headers=officer).status_code == 403
    assert client.get("/api/v1/identity", headers=officer).status_code == 403
    assert client.post("/api/v1/identity/verification", headers=officer, json={}).status_code == 403


def test_a_filing_officer_approves_a_company_link_on_the_page(client_for):
    company, representative_id = uscc(), id_number()
    client = client_for(people=[("赵六", representative_id)])
    account = register_company(client, uscc=company, representative="赵六", representative_id=representative_id)
    client.post("/api/v1/identity/verification", headers=account, json={})
    page = client.get("/portal/account", headers=account)
    assert 'id="link-request-submit"' in page.text
    requested = client.post("/portal/account/company-link-requests", headers=account, data={"court_code": "浙0106"},
                            follow_redirects=False)
    assert requested.status_code == 303
    request_id = client.get("/api/v1/identity", headers=account).json()["company_link_requests"][0]["id"]
    officer = bearer(client, "demo-filing-officer")
    queue = client.get("/bench/identity", headers=officer)
    assert queue.status_code == 200 and f'data-request="{request_id}"' in queue.text and company in queue.text
    decision = f"/bench/identity/company-link-requests/{request_id}/decision"
    assert client.post(decision, headers=officer, data={"approve": "no", "reason": ""}).status_code == 422
    approved = client.post(decision, headers=officer, data={"approve": "yes"}, follow_redirects=False)
    assert approved.status_code == 303
    assert f'data-request="{request_id}"' not in client.get("/bench/identity", headers=officer).text
    assert "已关联" in client.get("/portal/account", headers=account).text
