"""The public judgments pages and API without signing in, the staff's publishing through the API and the bench page,
bad input refused with nothing written, and a party kept out."""

from sqlalchemy import func, select

from omnicourt.publication.models import PublishedJudgment
from tests.app.conftest import bearer, username_of
from tests.publication.conftest import EFFECTIVE_ON, judgment, open_case


def count(db, case_id) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(PublishedJudgment)
                              .where(PublishedJudgment.case_id == case_id))


def test_the_staff_publish_and_anyone_reads_without_signing_in(client, db, settings):
    opened = open_case(db, settings)
    judge = bearer(client, username_of(db, opened.judge.id))
    url = f"/api/v1/cases/{opened.case_id}/publications"
    refused = client.post(url, headers=judge, json={"text": judgment(opened), "effective_on": "2999-01-01"})
    assert refused.status_code == 422 and count(db, opened.case_id) == 0
    party = bearer(client, username_of(db, opened.plaintiff.id), "correct-horse-9")
    assert client.post(url, headers=party, json={"text": judgment(opened), "effective_on": EFFECTIVE_ON.isoformat()}
                       ).status_code == 403
    created = client.post(url, headers=judge, json={"text": judgment(opened), "effective_on": EFFECTIVE_ON.isoformat()})
    assert created.status_code == 201, created.text
    published = created.json()
    assert published["due_on"] and opened.plaintiff_id not in published["text"]

    client.cookies.clear()
    listed = client.get("/api/v1/judgments", params={"q": published["case_number"]})
    assert listed.status_code == 200 and [row["id"] for row in listed.json()] == [published["id"]]
    assert "text" not in listed.json()[0]
    shown = client.get(f"/api/v1/judgments/{published['id']}")
    assert shown.status_code == 200 and shown.json()["text"] == published["text"]
    assert "effective_on" not in shown.json()  # the staff's dates stay with the staff
    page = client.get("/judgments", params={"q": published["case_number"]})
    assert page.status_code == 200 and published["title"] in page.text
    document = client.get(f"/judgments/{published['id']}")
    assert document.status_code == 200 and "借款100000元" in document.text and opened.defendant_id not in document.text
    assert client.get("/judgments/999999999").status_code == 404
    assert client.get("/api/v1/judgments", params={"cursor": "nonsense"}).status_code == 422


def test_the_bench_page_publishes_from_its_form(client, db, settings):
    opened = open_case(db, settings)
    judge = bearer(client, username_of(db, opened.judge.id))
    page = client.get(f"/bench/cases/{opened.case_id}/publication", headers=judge)
    assert page.status_code == 200 and 'id="publish-form"' in page.text
    bad = client.post(f"/bench/cases/{opened.case_id}/publication", headers=judge,
                      data={"document_id": "abc", "effective_on": EFFECTIVE_ON.isoformat()})
    assert bad.status_code == 422 and count(db, opened.case_id) == 0
    done = client.post(f"/bench/cases/{opened.case_id}/publication", headers=judge, follow_redirects=False,
                       data={"text": judgment(opened), "effective_on": EFFECTIVE_ON.isoformat()})
    assert done.status_code == 303 and done.headers["location"].endswith("?done=published")
    after = client.get(done.headers["location"], headers=judge)
    assert "裁判文书已公布" in after.text and count(db, opened.case_id) == 1
