"""The attack this guards against: registering with someone else's ID number or a company's USCC and at once
seeing their cases. Cases are linked by number only after real-name verification, one account per number."""

from sqlalchemy import func, select

from omnicourt.cases.models import CaseParty
from omnicourt.filing.schemas import PartyIn
from omnicourt.security.models import Account, IdentityBinding
from tests.app.conftest import bearer
from tests.factories import id_number, uscc
from tests.security.identity.conftest import case_ids, open_case_naming, register_company, register_person


def _demo_party_id_number(db) -> str:
    with db.reading() as session:
        return session.scalar(select(Account.id_number).where(Account.username == "demo-party"))


def test_registering_with_demo_partys_id_number_shows_none_of_its_cases(client_for, db):
    client = client_for()  # the verifier knows no one
    genuine = case_ids(client, bearer(client, "demo-party"))
    assert genuine  # the demo's own party is verified by the loader and sees its cases
    attacker = register_person(client, name="张明", number=_demo_party_id_number(db))
    assert case_ids(client, attacker) == set()
    assert client.get(f"/api/v1/cases/{min(genuine)}", headers=attacker).status_code == 404  # concealed
    refused = client.post("/api/v1/identity/verification", headers=attacker, json={})
    assert refused.status_code == 422 and refused.json()["field"] == "id_number"
    assert "实名核验未通过" in refused.json()["detail"]
    assert case_ids(client, attacker) == set()
    assert client.get("/api/v1/auth/me", headers=attacker).json()["identity_verified"] is False


def test_registering_with_a_companys_uscc_shows_none_of_its_cases(client_for, db):
    with db.reading() as session:
        company_uscc = session.scalar(select(CaseParty.uscc).where(CaseParty.uscc.is_not(None)).limit(1))
        company_cases = session.scalar(select(func.count()).select_from(CaseParty)
                                       .where(CaseParty.uscc == company_uscc))
    assert company_cases > 0
    # The attacker is a real person whom the verifier confirms, but the company register does not name them.
    representative_id = id_number()
    client = client_for(people=[("吴十", representative_id)])
    attacker = register_company(client, uscc=company_uscc, representative="吴十", representative_id=representative_id)
    assert case_ids(client, attacker) == set()
    verified = client.post("/api/v1/identity/verification", headers=attacker, json={})
    assert verified.status_code == 200, verified.text
    assert verified.json()["identity_verified"] is True and verified.json()["linked_number"] is None
    assert case_ids(client, attacker) == set()


def test_a_verified_person_sees_the_cases_naming_their_id_number(client_for):
    number = id_number()
    client = client_for(people=[("周八", number)])
    case_id = open_case_naming(client, plaintiff_id=number)
    person = register_person(client, name="周八", number=number)
    assert case_ids(client, person) == set()
    verified = client.post("/api/v1/identity/verification", headers=person, json={})
    assert verified.status_code == 200, verified.text
    assert verified.json()["identity_verified"] is True
    assert verified.json()["linked_number"] == number[:6] + "********" + number[-4:]
    assert case_id in case_ids(client, person)
    assert client.get(f"/api/v1/cases/{case_id}", headers=person).status_code == 200
    again = client.post("/api/v1/identity/verification", headers=person, json={})
    assert again.status_code == 409


def test_the_verifier_checks_the_name_with_the_number(client_for):
    number = id_number()
    client = client_for(people=[("周八", number)])
    open_case_naming(client, plaintiff_id=number)
    impostor = register_person(client, name="周九", number=number)
    assert client.post("/api/v1/identity/verification", headers=impostor, json={}).status_code == 422
    assert case_ids(client, impostor) == set()


def test_an_unverified_account_sees_what_it_filed_itself(client_for):
    client = client_for()
    filer = register_person(client, name="孙九", number=id_number())
    case_id = open_case_naming(client, filer=filer)
    assert case_ids(client, filer) == {case_id}
    filings = client.get("/api/v1/filings", headers=filer)
    assert [f["case_id"] for f in filings.json()] == [case_id]


def test_a_number_bound_to_a_verified_account_cannot_be_bound_to_another(client_for, db):
    number = id_number()
    client = client_for(people=[("郑一", number)])
    case_id = open_case_naming(client, plaintiff_id=number)
    first = register_person(client, name="郑一", number=number)
    second = register_person(client, name="郑一", number=number)
    assert client.post("/api/v1/identity/verification", headers=first, json={}).status_code == 200
    refused = client.post("/api/v1/identity/verification", headers=second, json={})
    assert refused.status_code == 409 and refused.json()["field"] == "id_number"
    assert "已绑定另一个已实名认证的账户" in refused.json()["detail"]
    assert case_ids(client, second) == set() and case_id in case_ids(client, first)
    with db.reading() as session:  # the refused verification wrote nothing
        assert session.scalar(select(func.count()).select_from(IdentityBinding)
                              .where(IdentityBinding.number == number)) == 1
    assert client.get("/api/v1/auth/me", headers=second).json()["identity_verified"] is False


def test_refused_verifications_are_capped_per_day(client_for, settings):
    client = client_for()
    attacker = register_person(client, name="张明", number=id_number())
    for _ in range(settings.identity_attempts_per_day):
        assert client.post("/api/v1/identity/verification", headers=attacker, json={}).status_code == 422
    blocked = client.post("/api/v1/identity/verification", headers=attacker, json={})
    assert blocked.status_code == 429 and "次数过多" in blocked.json()["detail"]


def test_a_face_photo_must_be_a_small_image(client_for):
    client = client_for()
    person = register_person(client, name="张明", number=id_number())
    not_image = client.post("/api/v1/identity/verification", headers=person, json={"face_image": "bm90IGFuIGltYWdl"})
    assert not_image.status_code == 422 and not_image.json()["field"] == "face_image"
    not_base64 = client.post("/api/v1/identity/verification", headers=person, json={"face_image": "%%%"})
    assert not_base64.status_code == 422 and not_base64.json()["field"] == "face_image"


def _company_defendant(number: str) -> PartyIn:
    return PartyIn(role="defendant", party_type="legal", name="某某贸易有限公司", uscc=number,
                   legal_representative="赵六", address="杭州市西湖区文三路9号")


def test_a_company_is_linked_when_the_register_confirms_its_verified_representative(client_for):
    company, representative_id = uscc(), id_number()
    client = client_for(people=[("赵六", representative_id)], representatives=[(company, representative_id)])
    case_id = open_case_naming(client, defendant=_company_defendant(company))
    account = register_company(client, uscc=company, representative="赵六", representative_id=representative_id)
    assert case_ids(client, account) == set()
    verified = client.post("/api/v1/identity/verification", headers=account, json={})
    assert verified.status_code == 200 and verified.json()["linked_number"] is not None
    assert case_id in case_ids(client, account)


def test_a_company_is_linked_on_a_filing_officers_approval(client_for):
    company, representative_id = uscc(), id_number()
    client = client_for(people=[("赵六", representative_id)])
    case_id = open_case_naming(client, defendant=_company_defendant(company))
    account = register_company(client, uscc=company, representative="赵六", representative_id=representative_id)
    too_early = client.post("/api/v1/identity/company-link-requests", headers=account, json={"court_code": "浙0106"})
    assert too_early.status_code == 409  # the representative is not verified yet
    assert client.post("/api/v1/identity/verification", headers=account, json={}).status_code == 200
    assert case_ids(client, account) == set()
    request = client.post("/api/v1/identity/company-link-requests", headers=account, json={"court_code": "浙0106"})
    assert request.status_code == 201, request.text
    twice = client.post("/api/v1/identity/company-link-requests", headers=account, json={"court_code": "浙0106"})
    assert twice.status_code == 409
    decision = f"/api/v1/identity/company-link-requests/{request.json()['id']}/decision"

    other_court = bearer(client, "c2-filing-officer1")
    assert request.json()["id"] not in [r["id"] for r in client.get("/api/v1/identity/company-link-requests",
                                                                      headers=other_court).json()]
    assert client.post(decision, headers=other_court, json={"approve": True}).status_code == 403
    officer = bearer(client, "demo-filing-officer")
    queue = client.get("/api/v1/identity/company-link-requests", headers=officer).json()
    assert request.json()["id"] in [r["id"] for r in queue]
    no_reason = client.post(decision, headers=officer, json={"approve": False, "reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    assert case_ids(client, account) == set()
    approved = client.post(decision, headers=officer, json={"approve": True})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert case_id in case_ids(client, account)
    assert client.post(decision, headers=officer, json={"approve": True}).status_code == 409


def test_a_refused_company_link_stays_unlinked(client_for):
    company, representative_id = uscc(), id_number()
    client = client_for(people=[("赵六", representative_id)])
    open_case_naming(client, defendant=_company_defendant(company))
    account = register_company(client, uscc=company, representative="赵六", representative_id=representative_id)
    client.post("/api/v1/identity/verification", headers=account, json={})
    request = client.post("/api/v1/identity/company-link-requests", headers=account, json={"court_code": "浙0106"})
    refused = client.post(f"/api/v1/identity/company-link-requests/{request.json()['id']}/decision",
                          headers=bearer(client, "demo-filing-officer"),
                          json={"approve": False, "reason": "营业执照与法定代表人不符"})
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert case_ids(client, account) == set()
    mine = client.get("/api/v1/identity", headers=account).json()["company_link_requests"]
    assert [(r["status"], r["reason"]) for r in mine] == [("refused", "营业执照与法定代表人不符")]
