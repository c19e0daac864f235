"""The `omnicourt` command: calculators and the audit check, run as a user would (in this process, but for the
entry point itself)."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from tests.commands import run


def test_calc_fee_prints_the_worked_example():
    """The one run in a process of its own: `python -m omnicourt.cli` as installed, its output and exit status."""
    result = subprocess.run([sys.executable, "-m", "omnicourt.cli", "calc", "fee", "--amount", "114142.70",
                             "--procedure", "simple"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert Decimal(data["full_fee"]) == Decimal("2582.85")
    assert Decimal(data["charged_fee"]) == Decimal("1291.43")
    assert data["halved"] is True
    assert [Decimal(b["charged"]) for b in data["bands"]] == [Decimal("50"), Decimal("2250"), Decimal("282.854")]
    assert [b["rate"] for b in data["bands"]] == [None, "0.025", "0.02"]


def test_calc_fee_refuses_a_negative_amount_in_chinese():
    result = run("calc", "fee", "--amount", "-1")
    assert result.returncode == 2
    assert "金额" in result.stderr or "标的" in result.stderr


@pytest.fixture
def migrated_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("db", "upgrade", env={"OMNICOURT_DATABASE_URL": url}).returncode == 0
    return url


def test_sweep_runs_every_sweep_once_and_reports_each(migrated_url, tmp_path):
    env = {"OMNICOURT_DATABASE_URL": migrated_url, "OMNICOURT_RETRIEVAL_INDEX_DIR": str(tmp_path / "index")}
    result = run("sweep", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("已发出 0 条审限预警；长期未结台账新增 0 件、调整 0 件、移出 0 件；"
                                     "督办超期升级 0 件；0 件调解逾期未接受退回法院；"
                                     "0 项执行措施届满提醒、拍卖结束与悔拍处理；0 件结案案件进入类案库；"
                                     "0 件卷宗归档；锚定 0 条审计链")


def test_audit_verify_passes_then_points_at_a_tampered_record(migrated_url, tmp_path):
    from sqlalchemy import create_engine, text

    from omnicourt.audit import service as audit
    from omnicourt.audit.actions import AuditAction
    from omnicourt.db import Database

    db = Database(migrated_url)
    with db.transaction() as session:
        for n in range(3):
            audit.record(session, actor_id=None, action=AuditAction.ACCESS_DENIED, object_type="test", details={"n": n})
    ok = run("audit", "verify", env={"OMNICOURT_DATABASE_URL": migrated_url})
    assert ok.returncode == 0 and "3" in ok.stdout
    engine = create_engine(migrated_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_records SET action = 'test.forged' WHERE seq = 2"))
    broken = run("audit", "verify", env={"OMNICOURT_DATABASE_URL": migrated_url})
    assert broken.returncode == 1
    assert "记录 2" in broken.stderr


def test_audit_anchor_then_verify_names_a_deleted_chain(migrated_url):
    from sqlalchemy import create_engine, text

    from omnicourt.audit import service as audit
    from omnicourt.audit.actions import AuditAction
    from omnicourt.db import Database

    db = Database(migrated_url)
    with db.transaction() as session:
        for court in (7, 8):
            audit.record(session, actor_id=None, action=AuditAction.ACCESS_DENIED, object_type="test", court_id=court)
    anchored = run("audit", "anchor", env={"OMNICOURT_DATABASE_URL": migrated_url})
    assert anchored.returncode == 0 and "已锚定 2 条审计链" in anchored.stdout
    with create_engine(migrated_url).begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE chain = 8"))
        conn.execute(text("DELETE FROM audit_chain_heads WHERE chain = 8"))
    broken = run("audit", "verify", env={"OMNICOURT_DATABASE_URL": migrated_url})
    assert broken.returncode == 1
    assert "链 8 缺失：锚定时有 1 条记录" in broken.stderr and "链 7" not in broken.stderr
