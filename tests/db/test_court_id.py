"""Every table holding a case's rows carries court_id, the column a PostgreSQL sharded by court (Citus) distributes
them by, so that a case's rows live on its court's shard (docs/SCALING.md, "A country"). A table that does not is
named below with the reason: the list is the gap, not an exemption."""

from sqlalchemy import Table

from omnicourt import models

# Tables with a case_id but no court_id, each with why and what sharding would need of it.
WITHOUT_COURT_ID = {
    # The case base: judgments of any court (imported ones name their court by text only, court_name); case_id
    # links the platform's own case when there is one. Sharded by court it needs a court_id (nullable for
    # imports from outside the province) or stays a table of its own distributed by id, away from the cases.
    "judgments",
}


def holds_case_rows(table: Table) -> bool:
    return "case_id" in table.c or any(fk.column.table.name == "cases" for fk in table.foreign_keys)


def case_tables() -> dict[str, Table]:
    return {name: table for name, table in models.metadata.tables.items() if holds_case_rows(table)}


def test_every_table_of_a_cases_rows_carries_court_id_or_is_listed():
    lacking = {name for name, table in case_tables().items() if "court_id" not in table.c}
    assert lacking - WITHOUT_COURT_ID == set(), "case-scoped tables without court_id: add it, or list the table here"


def test_the_list_names_only_tables_that_still_lack_it():
    tables = case_tables()
    stale = {name for name in WITHOUT_COURT_ID if name not in tables or "court_id" in tables[name].c}
    assert stale == set(), "no longer case-scoped or now carrying court_id: remove from WITHOUT_COURT_ID"


def test_the_scan_sees_the_case_tables():
    # The hub's own children must be found, or the checks above would pass on nothing.
    assert {"timeline_events", "case_parties", "fee_notices", "documents", "case_links"} <= set(case_tables())
