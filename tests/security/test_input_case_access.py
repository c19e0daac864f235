"""A public account cannot tell a case (or filing application) that exists but is not theirs from one that does
not exist: the same 404 "不存在或无权查看" for both, audited as a denial."""

import uuid

import pytest
from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases import permissions
from omnicourt.cases.models import Case
from omnicourt.filing.models import FilingApplication
from tests.app.conftest import bearer
from tests.conftest import actor_named
from tests.factories import id_number
from tests.security.test_input_text import filing_body

CASE_ROUTES = ("/api/v1/cases/{id}", "/api/v1/cases/{id}/timeline", "/api/v1/cases/{id}/deadline")


def others_case(db, username: str) -> Case:
    actor = actor_named(db, username)
    with db.reading() as session:
        return session.scalar(select(Case).where(Case.id.not_in(permissions.party_case_ids(actor)))
                              .order_by(Case.id).limit(1))


def missing_id(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.max(model.id))) + 1000


def denials(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.action == "access.denied"))


@pytest.mark.parametrize("route", CASE_ROUTES)
def test_someone_elses_case_looks_like_no_case(client, db, route):
    headers = bearer(client, "demo-party")
    existing = client.get(route.format(id=others_case(db, "demo-party").id), headers=headers)
    missing = client.get(route.format(id=missing_id(db, Case)), headers=headers)
    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json() == {"detail": "案件不存在或无权查看", "field": "case_id"}


def test_a_case_number_not_theirs_looks_like_no_case_and_the_probe_is_audited(client, db):
    headers = bearer(client, "demo-party")
    before = denials(db)
    existing = client.get("/api/v1/cases/by-number/" + others_case(db, "demo-party").case_number, headers=headers)
    assert existing.status_code == 404 and existing.json()["detail"] == "案件不存在或无权查看"
    assert denials(db) == before + 1


def test_someone_elses_filing_looks_like_no_filing(client, db):
    username = f"other-{uuid.uuid4().hex[:8]}"
    other = client.post("/api/v1/auth/register", json={
        "username": username, "password": "correct-horse-9", "person_type": "natural",
        "name": "王五", "phone": "13900000031", "id_number": id_number()})
    assert other.status_code in (200, 201), other.text
    other_headers = bearer(client, username, "correct-horse-9")
    theirs = client.post("/api/v1/filings", headers=other_headers, json=filing_body("王五"))
    assert theirs.status_code == 201, theirs.text
    headers = bearer(client, "demo-party")
    existing = client.get(f"/api/v1/filings/{theirs.json()['id']}", headers=headers)
    missing = client.get(f"/api/v1/filings/{missing_id(db, FilingApplication)}", headers=headers)
    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json() == {"detail": "立案申请不存在或无权查看", "field": "application_id"}


def test_staff_still_tell_missing_from_forbidden(client, db):
    headers = bearer(client, "demo-judge")
    assert client.get(f"/api/v1/cases/{missing_id(db, Case)}", headers=headers).json()["detail"] == "案件不存在"
