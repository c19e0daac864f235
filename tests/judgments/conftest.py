"""A case of the demo province between two parties with accounts (tests/evidence's), 300,000 yuan in the ordinary
procedure, with a hearing the defendant did not attend."""

import pytest

from omnicourt.cases import service as cases
from tests.conftest import TODAY
from tests.evidence.conftest import Parties, open_case


@pytest.fixture
def parties(db, settings) -> Parties:
    found = open_case(db, settings)
    with db.transaction() as session:
        case = cases.get_case(session, actor=found.judge, case_id=found.case_id)
        names = {p.role: p.name for p in case.parties}
        cases.hold_hearing(session, actor=found.judge, case_id=found.case_id, held_on=TODAY, summary="",
                           attendance=cases.attendance_of(present=[names["plaintiff"]], absent=[names["defendant"]]))
    return found
