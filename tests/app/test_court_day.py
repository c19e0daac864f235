"""The bug the court clock fixes: on a server kept in UTC, an acceptance at 07:30 in Beijing is dated that day."""

import re
from datetime import UTC, date, datetime, timedelta

from omnicourt import clock
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.deadlines import rules as deadline_rules
from omnicourt.web.deps import court_today
from tests.app.conftest import bearer
from tests.app.test_api_flow import filing_json, register
from tests.factories import id_number


def test_acceptance_at_0730_beijing_on_a_utc_server_is_dated_the_8th(server_in_utc, client, db):
    id_no = id_number()
    with clock.freeze(datetime(2026, 3, 7, 23, 30, tzinfo=UTC)):  # 07:30 on the 8th in Beijing
        party = register(client, f"clock-party-{id_no[-6:]}", id_no)
        application = client.post("/api/v1/filings", headers=party, json=filing_json(plaintiff_id=id_no)).json()
        officer = bearer(client, "demo-filing-officer")
        response = client.post(f"/api/v1/filings/{application['id']}/acceptance", headers=officer)
    assert response.status_code == 200, response.text
    case_id = response.json()["id"]
    with db.reading() as session:
        case = session.get(Case, case_id)
        accepted = session.query(TimelineEvent).filter_by(case_id=case_id, kind="accepted").one()
        assert case.accepted_on == date(2026, 3, 8)
        assert clock.local(accepted.at).date() == date(2026, 3, 8)
        assert case.deadline_on == deadline_rules.basic_trial_deadline(filed_on=date(2026, 3, 8),
                                                                      procedure=case.procedure)
        assert case.deadline_on != deadline_rules.basic_trial_deadline(filed_on=date(2026, 3, 7),
                                                                      procedure=case.procedure)


def test_a_route_takes_its_day_from_the_one_dependency(app, client, db):
    """Overriding web.deps.court_today fixes the date a route hands its service: the acceptance is dated that
    day and its deadline counted from it, whatever the clock says."""
    id_no = id_number()
    party = register(client, f"fixed-day-{id_no[-6:]}", id_no)
    application = client.post("/api/v1/filings", headers=party, json=filing_json(plaintiff_id=id_no)).json()
    fixed = date(2026, 2, 27)
    app.dependency_overrides[court_today] = lambda: fixed
    try:
        response = client.post(f"/api/v1/filings/{application['id']}/acceptance",
                               headers=bearer(client, "demo-filing-officer"))
    finally:
        app.dependency_overrides.clear()
    assert response.status_code == 200, response.text
    with db.reading() as session:
        case = session.get(Case, response.json()["id"])
        assert case.accepted_on == fixed != clock.today()
        assert case.deadline_on == deadline_rules.basic_trial_deadline(filed_on=fixed, procedure=case.procedure)


def test_the_deadline_panel_counts_days_left_from_the_overridden_day(app, client, db):
    """The party's deadline panel says how many days are left; with the court's day fixed through the
    dependency, that count moves with the fixed day, not with the clock."""
    id_no = id_number()
    party = register(client, f"panel-day-{id_no[-6:]}", id_no)
    application = client.post("/api/v1/filings", headers=party, json=filing_json(plaintiff_id=id_no)).json()
    accepted = client.post(f"/api/v1/filings/{application['id']}/acceptance",
                           headers=bearer(client, "demo-filing-officer"))
    assert accepted.status_code == 200, accepted.text
    case_id = accepted.json()["id"]
    with db.reading() as session:
        case = session.get(Case, case_id)
        accepted_on, deadline_on = case.accepted_on, case.deadline_on

    def days_left_on(day: date) -> int:
        app.dependency_overrides[court_today] = lambda: day
        try:
            panel = client.get(f"/portal/cases/{case_id}/deadline", headers=party)
        finally:
            app.dependency_overrides.clear()
        assert panel.status_code == 200, panel.text
        return int(re.search(r"剩余 (-?\d+) 天", panel.text).group(1))

    for day in (accepted_on + timedelta(days=10), accepted_on + timedelta(days=40)):
        assert days_left_on(day) == (deadline_on - day).days
