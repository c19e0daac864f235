"""The courts loaded are the province setting's: data/courts/<key>.csv by the province's key in data/provinces.csv;
a province without a court table is refused in Chinese, naming the setting and the file, and nothing is written."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from omnicourt.db import Database
from omnicourt.errors import InvalidInput
from omnicourt.reference import service as reference
from omnicourt.reference import tables
from omnicourt.reference.models import CaseType, Cause, Court, Division
from omnicourt.settings import Settings
from tests.commands import run

REFERENCE_TABLES = (Court, Division, CaseType, Cause)


@pytest.fixture
def migrated(tmp_path, migrated_databases) -> Database:
    return Database(migrated_databases.sqlite(tmp_path / "reference.db"))


def counts(db: Database) -> list[int]:
    with db.reading() as session:
        return [session.scalar(select(func.count()).select_from(model)) for model in REFERENCE_TABLES]


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A copy of data/ the test may change, read while the test runs."""
    shipped = tables.data_path()
    copy = tmp_path / "data"
    shutil.copytree(shipped, copy, ignore=shutil.ignore_patterns("eval", "retrieval", "assistant"))
    tables.use_data_dir(copy)
    yield copy
    tables.use_data_dir(shipped)


def test_the_default_province_loads_its_courts(migrated):
    province = Settings().province
    assert province == "浙江省" and tables.courts_path(province) == tables.data_path("courts", "zhejiang.csv")
    with migrated.transaction() as session:
        assert reference.load(session, province=province) == 105
    with migrated.reading() as session:
        assert reference.court_by_code(session, "浙0106").name == "杭州市西湖区人民法院"
    assert all(counts(migrated))


def test_a_province_not_in_the_provinces_table_is_refused_and_nothing_is_written(migrated):
    with pytest.raises(InvalidInput) as refused, migrated.transaction() as session:
        reference.load(session, province="湖北省")
    message = refused.value.message
    assert "OMNICOURT_PROVINCE" in message and "湖北省" in message
    assert str(tables.data_path("provinces.csv")) in message and str(tables.data_path("courts")) in message
    assert refused.value.field == "province"
    assert counts(migrated) == [0, 0, 0, 0]


def test_a_province_without_its_court_table_is_refused_naming_the_file(migrated, data_dir):
    with (data_dir / "provinces.csv").open("a", encoding="utf-8") as provinces:
        provinces.write("湖北省,hubei,鄂,鄂,100000,2023,[U] test\n")
    with pytest.raises(InvalidInput) as refused, migrated.transaction() as session:
        reference.load(session, province="湖北省")
    expected = data_dir / "courts" / "hubei.csv"
    assert refused.value.message == f"省份设置 OMNICOURT_PROVINCE「湖北省」没有法院表：应为 {expected}"
    assert counts(migrated) == [0, 0, 0, 0]
    shutil.copy(data_dir / "courts" / "zhejiang.csv", data_dir / "courts" / "hubei.csv")
    with migrated.transaction() as session:
        assert reference.load(session, province="湖北省") == 105  # the file once it is there


def test_db_upgrade_refuses_an_unknown_province_before_touching_the_database(tmp_path):
    database = tmp_path / "never.db"
    result = run("db", "upgrade",
                 env={"OMNICOURT_DATABASE_URL": f"sqlite:///{database}", "OMNICOURT_PROVINCE": "湖北省"})
    assert result.returncode == 2, result.stderr
    assert "OMNICOURT_PROVINCE「湖北省」" in result.stderr and "Traceback" not in result.stderr
    assert not database.exists()
