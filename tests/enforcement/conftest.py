"""A loan case decided by judgment between two parties with accounts (the plaintiff filed it, the defendant verified
the number the complaint names), and what the creditor applies for against it."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest

from omnicourt.cases import service as cases
from omnicourt.enforcement import service as enforcement
from omnicourt.enforcement.schemas import ApplicationIn
from tests.app.conftest import app, client  # noqa: F401  (the app and its client, as the route tests use them)
from tests.conftest import TODAY, actor_named
from tests.evidence.conftest import open_case


@dataclass
class Decided:
    case_id: int
    creditor: object
    debtor: object
    judge: object
    stranger: object
    creditor_party_id: int
    debtor_party_id: int


def decided_case(db, settings) -> Decided:
    opened = open_case(db, settings)
    with db.transaction() as session:
        case = cases.close_case(session, actor=opened.judge, case_id=opened.case_id, method="judgment",
                                closed_on=TODAY, today=TODAY)
        by_role = {p.role: p.id for p in case.parties}
    return Decided(opened.case_id, opened.plaintiff, opened.defendant, opened.judge, opened.stranger,
                   by_role["plaintiff"], by_role["defendant"])


@pytest.fixture
def decided(db, settings) -> Decided:
    return decided_case(db, settings)


def application(d: Decided, **overrides) -> ApplicationIn:
    data = {"source_case_id": d.case_id, "source_document": "judgment", "applicant_party_id": d.creditor_party_id,
            "respondent_party_ids": [d.debtor_party_id], "amount": Decimal("300000.00"),
            "request": "被执行人偿还借款本金300000元及利息", "effective_on": TODAY - timedelta(days=30),
            "performance_due_on": TODAY - timedelta(days=20)}
    return ApplicationIn(**(data | overrides))


def accepted(db, settings, d: Decided) -> int:
    """The 执 case's id: applied for by the creditor and opened by the filing officer."""
    with db.transaction() as session:
        application_id = enforcement.apply(session, actor=d.creditor, data=application(d), today=TODAY).id
    with db.transaction() as session:
        return enforcement.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                                  application_id=application_id, today=TODAY).id
