# ruff: noqa: E501 -- judgment text; ruff counts each CJK character as two columns
"""Publishing on SQLite and PostgreSQL: a loan case's judgment (names kept, numbers and streets deleted), a
succession case's (its parties masked wherever named), a divorce's placeholder, a dossier document, the refusal of a
text that still leaks (nothing written), rights, and one publication per document."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.deadlines.calculator import default_holidays
from omnicourt.dossier import service as dossier
from omnicourt.dossier import text as dossier_text
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.service import Checked, Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.publication import rules, service
from omnicourt.publication.models import PublishedJudgment
from omnicourt.publication.rules import Withheld
from tests.conftest import TODAY, actor_named
from tests.publication.conftest import EFFECTIVE_ON, MINOR_ID, judgment, open_case

PUBLISHING = service.Publishing(calendar=default_holidays())


def publish(db, opened, **given):
    given.setdefault("effective_on", EFFECTIVE_ON)
    if "document_id" not in given:
        given.setdefault("text", judgment(opened))
    with db.transaction() as session:
        row = service.publish(session, PUBLISHING, actor=given.pop("actor", opened.judge), case_id=opened.case_id,
                              today=TODAY, **given)
        return row.id


def written(db, case_id) -> tuple[int, int, int]:
    with db.reading() as session:
        rows = session.scalar(select(func.count()).select_from(PublishedJudgment)
                              .where(PublishedJudgment.case_id == case_id))
        events = session.scalar(select(func.count()).select_from(TimelineEvent).where(
            TimelineEvent.case_id == case_id, TimelineEvent.kind.in_(["judgment_published", "judgment_withheld"])))
        audits = session.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action.in_(["publication.publish", "publication.withhold"]),
            AuditRecord.details["case_id"].as_integer() == case_id))
        return rows, events, audits


def test_a_loan_judgment_is_published_with_names_kept_and_numbers_and_streets_deleted(db, settings):
    opened = open_case(db, settings)
    published_id = publish(db, opened)
    with db.reading() as session:
        row = service.published(session, published_id)
        assert "原告：欧阳明华，女，住浙江省杭州市西湖区，公民身份号码×，联系电话×。" in row.text  # art. 11 keeps the name
        for gone in (opened.plaintiff_id, opened.defendant_id, "13812345678", "文三路100号", "解放路8号"):
            assert gone not in row.text
        assert "借款100000元" in row.text and "第六百七十五条" in row.text
        assert (row.document_name, row.category, row.withheld) == ("判决书", "other", "")
        assert row.due_on == rules.due_on(EFFECTIVE_ON, default_holidays()) and row.published_on == TODAY
        listed = service.listing(session, query=row.case_number)
        assert [r.id for r in listed] == [published_id]
    assert written(db, opened.case_id) == (1, 1, 1)


def test_a_succession_case_masks_its_parties_wherever_they_are_named(db, settings):
    opened = open_case(db, settings, cause_code="fam.inherit.statutory")
    extra = "经查，欧阳明华于2019年起照顾被继承人，司马懿未尽赡养义务。"  # named without a role: masked as known parties
    published_id = publish(db, opened, text=judgment(opened, cause="法定继承纠纷", extra=extra))
    with db.reading() as session:
        row = service.published(session, published_id)
    assert "欧阳明华" not in row.text and "司马懿" not in row.text and row.title == "欧阳某诉司马某法定继承纠纷"
    assert "经查，欧阳某于2019年起照顾被继承人，司马某未尽赡养义务。" in row.text and row.category == "family"


def test_a_minor_party_known_by_id_number_is_masked_in_any_case(db, settings):
    opened = open_case(db, settings, defendant_id=MINOR_ID)
    published_id = publish(db, opened)
    with db.reading() as session:
        text = service.published(session, published_id).text
    assert "司马懿" not in text and "被告：司马某，男" in text and "原告：欧阳明华" in text


def test_a_divorce_is_withheld_and_its_placeholder_published(db, settings):
    opened = open_case(db, settings, cause_code="fam.marriage.divorce")
    published_id = publish(db, opened, text=judgment(opened, cause="离婚纠纷"))
    with db.reading() as session:
        row = service.published(session, published_id)
        assert row.withheld == Withheld.DIVORCE_OR_CHILDREN and "欧阳" not in row.text
        assert row.text.startswith(rules.WITHHELD_NOTICE) and f"案号：{row.case_number}" in row.text
        assert "不公开理由：离婚诉讼或者涉及未成年子女抚养、监护" in row.text
        event = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == opened.case_id,
                                                            TimelineEvent.kind == "judgment_withheld")).one()
        assert "不在互联网公布" in event.summary


def test_a_reason_only_the_court_knows_withholds_too(db, settings):
    opened = open_case(db, settings)
    published_id = publish(db, opened, declared=[Withheld.STATE_SECRET])
    with db.reading() as session:
        assert service.published(session, published_id).withheld == "state_secret"
    with pytest.raises(InvalidInput) as refused:
        publish(db, open_case(db, settings), declared=[Withheld.DIVORCE_OR_CHILDREN])  # the platform's to see
    assert refused.value.field == "withheld"


def test_a_text_that_still_shows_a_party_s_street_is_refused_naming_it_and_nothing_is_written(db, settings):
    """住所 is an organisation's seat, which art. 11 keeps: the redaction leaves the street after it, and the check
    against the party's own address catches it."""
    opened = open_case(db, settings)
    with pytest.raises(InvalidInput) as refused:
        publish(db, opened, text=judgment(opened, extra="被告的住所位于解放路8号。"))
    assert "被告司马懿的住址（街道门牌）" in refused.value.message and refused.value.field == "text"
    assert written(db, opened.case_id) == (0, 0, 0)


def test_a_judgment_in_the_dossier_is_published_once_its_text_is_read(db, settings):
    opened = open_case(db, settings)

    def stored(kind):
        with db.transaction() as session:
            case = session.get(Case, opened.case_id)
            document = dossier.store(session, storage_of(settings), upload=Upload("判决书.txt", judgment(opened).encode()),
                                     checked=Checked("text/plain", 1), court_id=case.court_id,
                                     uploaded_by=opened.judge.id, case_id=case.id, kind=kind)
            session.flush()
            return document.id

    document_id = stored(DocumentKind.JUDGMENT)
    with pytest.raises(Conflict):  # not read yet
        publish(db, opened, document_id=document_id)
    dossier_text.run(db, storage_of(settings), only=[document_id])
    published_id = publish(db, opened, document_id=document_id)
    with db.reading() as session:
        row = service.published(session, published_id)
        assert row.document_id == document_id and opened.plaintiff_id not in row.text
    with pytest.raises(Conflict):
        publish(db, opened, document_id=document_id)
    with pytest.raises(Conflict):  # the same text given again is the same document
        publish(db, opened)
    with pytest.raises(InvalidInput):
        publish(db, opened, document_id=stored(DocumentKind.EVIDENCE))
    other = open_case(db, settings)
    with pytest.raises(NotFound):
        publish(db, other, document_id=document_id)
    assert written(db, opened.case_id)[0] == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"effective_on": TODAY + timedelta(days=1)}, "effective_on"),
    ({"text": "判决书，没有落款日期"}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "x", "document_id": 1}, "document_id"),
])
def test_bad_input_is_refused_and_writes_nothing(db, settings, change, field):
    opened = open_case(db, settings)
    with pytest.raises(InvalidInput) as refused:
        publish(db, opened, **change)
    assert refused.value.field == field
    assert written(db, opened.case_id) == (0, 0, 0)


def test_only_the_case_s_conductors_publish(db, settings):
    opened = open_case(db, settings)
    with pytest.raises(Forbidden):  # a party of the case
        publish(db, opened, actor=opened.plaintiff)
    with pytest.raises(Forbidden):  # staff of another court
        publish(db, opened, actor=actor_named(db, "c2-president"))
    with pytest.raises(Forbidden):  # a leader who sees the case but does not conduct it
        publish(db, opened, actor=actor_named(db, "demo-president"))
    with pytest.raises((Forbidden, Concealed)):
        with db.reading() as session:
            service.of_case(session, actor=opened.plaintiff, case_id=opened.case_id)
    assert written(db, opened.case_id) == (0, 0, 0)


def test_two_publications_of_one_document_at_once_make_one(db, settings):
    """The case's row lock queues the second, which then finds the first (PostgreSQL's row lock; SQLite's write
    lock)."""
    opened = open_case(db, settings)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def attempt():
        barrier.wait()
        try:
            publish(db, opened)
            outcomes.append("published")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "published"]
    assert written(db, opened.case_id) == (1, 1, 1)
