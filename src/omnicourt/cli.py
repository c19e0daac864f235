"""The `omnicourt` command: one sub-command group per domain."""

import json
import logging
import os
import subprocess
import sys
from contextlib import contextmanager
from typing import TypeVar

import typer

from omnicourt.assistant.cli import assist
from omnicourt.assistant.drunk_driving.evaluation import eval_drunk_driving
from omnicourt.assistant.evaluation import eval_assistant
from omnicourt.casework import cli as casework_cli
from omnicourt.dashboard.cli import app as dashboard_cli
from omnicourt.deadlines.cli import calc_deadline
from omnicourt.dossier.cli import app as dossier_cli
from omnicourt.dossier.evaluation import eval_dossier
from omnicourt.enforcement import cli as enforcement_cli
from omnicourt.interest.cli import calc_interest, interest_cli
from omnicourt.publication.cli import app as publication_cli
from omnicourt.queue.cli import jobs_cli, worker
from omnicourt.retrieval.cli import cases_cli, retrieval_cli
from omnicourt.retrieval.evaluation import eval_retrieval
from omnicourt.settings import Settings, get_settings
from omnicourt.signing.cli import app as signing_cli
from omnicourt.signing.cli import verify_signature

# A damaged PDF is reported in Chinese by the readers; pypdf's own English warnings would only be noise.
logging.getLogger("pypdf").setLevel(logging.ERROR)

app = typer.Typer(help="OmniCourt 全域数字法院平台", no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="数据库", no_args_is_help=True)
calc_app = typer.Typer(help="计算器", no_args_is_help=True)
audit_app = typer.Typer(help="审计日志", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(calc_app, name="calc")
app.add_typer(audit_app, name="audit")
app.add_typer(dashboard_cli, name="dashboard")
calc_app.command("deadline")(calc_deadline)
calc_app.command("interest")(calc_interest)
calc_app.command("enforcement-fee")(enforcement_cli.calc_enforcement_fee)
calc_app.command("preservation-fee")(enforcement_cli.calc_preservation_fee)
calc_app.command("double-interest")(enforcement_cli.calc_double_interest)
calc_app.command("auction")(enforcement_cli.calc_auction)
app.add_typer(interest_cli, name="interest")
app.command("assist")(assist)
deadlines_app = typer.Typer(help="审理期限", no_args_is_help=True)
app.add_typer(deadlines_app, name="deadlines")
eval_app = typer.Typer(help="评测：智能辅助与类案检索的质量", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(cases_cli, name="cases")
app.add_typer(retrieval_cli, name="retrieval")
dossier_cli.command("verify-signature")(verify_signature)
dossier_cli.command("archive")(casework_cli.archive)
dossier_cli.command("verify")(casework_cli.verify)
app.add_typer(dossier_cli, name="dossier")
app.add_typer(signing_cli, name="signing")
app.add_typer(jobs_cli, name="jobs")
app.add_typer(publication_cli, name="judgments")
app.command("worker")(worker)
eval_app.command("retrieval")(eval_retrieval)
eval_app.command("assistant")(eval_assistant)
eval_app.command("dossier")(eval_dossier)
eval_app.command("drunk-driving")(eval_drunk_driving)


@app.callback()
def configure_process() -> None:
    """Before any command: the process's zone, data tables and audit key from the settings (runtime.py)."""
    from omnicourt import runtime

    runtime.configure(get_settings())


@dossier_cli.command("text-status")
def text_status(case_number: str = typer.Argument(..., help="案号，如（2024）浙0203民初123号")) -> None:
    """How far the text of each document of a case has been read (the job dossier.read_text), and its kind."""
    from omnicourt.cases import rules as case_rules
    from omnicourt.cases import service as cases
    from omnicourt.dossier import service as dossier
    from omnicourt.dossier import text
    from omnicourt.dossier.rules import KIND_LABELS, VOLUME_LABELS, DocumentKind, Volume
    from omnicourt.errors import DomainError
    from omnicourt.reference import service as reference

    with _database().reading() as session:
        try:
            number = case_rules.parse_case_number(case_number, court_codes={c.code for c in reference.list_courts(
                session)}, type_codes=reference.case_type_codes(session))
        except DomainError as error:
            raise typer.BadParameter(error.message) from None
        case_id = cases.case_id_by_number(session, str(number))
        if case_id is None:
            raise typer.BadParameter(f"案号{number}不存在")
        documents = dossier.for_case(session, case_id)
        statuses = text.statuses(session, [d.id for d in documents])
    for document in documents:
        status = statuses.get(document.id)
        typer.echo(f"{VOLUME_LABELS[Volume(document.volume)]} {document.position or '-':>3} "
                   f"{KIND_LABELS[DocumentKind(document.kind)]:<8} {document.filename}  "
                   f"{status.label if status else '未登记'}")
    read = sum(1 for s in statuses.values() if s.state == text.READ)
    typer.echo(f"共 {len(documents)} 份材料，已识别 {read} 份", err=True)


@dossier_cli.command("read-text")
def read_text(seconds: float = typer.Option(600.0, help="最多运行的秒数")) -> None:
    """Read the waiting documents' text now, as the worker's minute job does."""
    from omnicourt.dossier import ocr, text
    from omnicourt.dossier.storage import storage_of

    if not ocr.available():
        typer.echo("未安装 OCR（tesseract-ocr、tesseract-ocr-chi-sim）：扫描件的页面暂不识别", err=True)
    count = text.run(_database(), storage_of(get_settings()), seconds=seconds,
                     on_page=lambda done, total, name: typer.echo(f"{name}: {done}/{total}", err=True))
    typer.echo(f"已读取 {count} 份材料")


@app.command("sweep")
def sweep() -> None:
    """Run the periodic sweeps once, now (a worker runs them hourly): deadline warnings, the
    long-pending ledger, overdue supervision notices, mediations not accepted in time, enforcement measures about to
    lapse and auctions past their end, closed cases into the case base
    and archived, audit anchors."""
    from omnicourt import jobs
    from omnicourt.audit.service import AnchorReport
    from omnicourt.supervision.sweep import SweepResult

    warnings, supervision, returned, enforcement, entered, archived, anchored = jobs.run_all(_database(),
                                                                                            get_settings())
    supervision, anchored = _sweep_result(SweepResult, supervision), _sweep_result(AnchorReport, anchored)
    typer.echo(f"已发出 {warnings} 条审限预警；长期未结台账新增 {supervision.entered} 件、"
               f"调整 {supervision.retiered} 件、移出 {supervision.left} 件；督办超期升级 {supervision.escalated} 件；"
               f"{returned} 件调解逾期未接受退回法院；{enforcement} 项执行措施届满提醒、拍卖结束与悔拍处理；"
               f"{entered} 件结案案件进入类案库；{archived} 件卷宗归档；"
               f"锚定 {anchored.anchored} 条审计链")


Result = TypeVar("Result")


def _sweep_result(kind: type[Result], result: object) -> Result:
    """A sweep's result as the type its function returns (jobs.run_all returns each as an object)."""
    if not isinstance(result, kind):
        raise TypeError(f"a sweep returned {type(result).__name__} where {kind.__name__} was expected")
    return result


@deadlines_app.command("recompute")
def deadlines_recompute() -> None:
    """Recompute the deadline status of every open case; print the counts as JSON."""
    from omnicourt import clock
    from omnicourt.deadlines import service

    with _database().transaction() as session:
        _print_json(service.recompute(session, today=clock.today()))


def _database():
    from omnicourt.db import Database

    return Database(get_settings().database_url)


def _upgraded(settings: Settings):
    """The database migrated, with the reference data of the province setting (returned with its number of courts);
    a province without a court table is refused before anything is written."""
    from omnicourt import migrate
    from omnicourt.errors import DomainError
    from omnicourt.reference import service as reference
    from omnicourt.reference import tables

    try:
        tables.courts_path(settings.province)
    except DomainError as error:
        _refuse(error)
    db = _database()
    migrate.upgrade(db)
    with db.transaction() as session:
        count = reference.load(session, province=settings.province)
    return db, count


def _refuse(error) -> None:
    """A refusal (a DomainError) on stderr, exit status 2."""
    typer.echo(error.message, err=True)
    raise typer.Exit(2) from None


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration, load the reference data (courts, causes, case types) and anchor the audit chains
    (the first anchor fixes where records of the unkeyed scheme end)."""
    from omnicourt.audit import service as audit

    settings = get_settings()
    db, count = _upgraded(settings)
    audit.run(db, settings)
    typer.echo(f"数据库已就绪：{count} 个法院")


@calc_app.command("fee")
def calc_fee(amount: str = typer.Option(..., help="标的额（元）"),
             procedure: str = typer.Option("ordinary", help="ordinary / simple / small_claims"),
             kind: str = typer.Option("property", help="property / divorce / personality / labour / ip / ..."),
             court: str = typer.Option(None, help="法院代字：按该院的取整习惯")) -> None:
    """The case acceptance fee (诉讼费用交纳办法 art. 13), as JSON."""
    from omnicourt.errors import DomainError
    from omnicourt.fees.calculator import fee_result, parse_amount

    try:
        result = fee_result(parse_amount(amount), procedure, kind, court,
                            fee_province=get_settings().fee_table_province)
    except DomainError as error:
        _refuse(error)
    _print_json(result.model_dump(mode="json"))


@audit_app.command("verify")
def audit_verify() -> None:
    """Prove every audit chain unbroken and as long as anchored, or say what broke each one (exit 1)."""
    from omnicourt.audit import service as audit
    from omnicourt.audit.anchors import AnchorStore

    with _database().snapshot() as session:
        result = audit.verify(session, AnchorStore.from_settings(get_settings()))
    if result.ok:
        typer.echo(f"审计日志完整：已校验 {result.records_checked} 条记录")
        return
    for finding in result.findings:
        record = f"（记录 id {finding.record_id}）" if finding.record_id else ""
        typer.echo(f"审计日志被破坏：{finding.message}{record}", err=True)
    raise typer.Exit(1)


@audit_app.command("anchor")
def audit_anchor() -> None:
    """Write a signed checkpoint of every chain head to the anchor file(s) outside the database."""
    from omnicourt.audit import service as audit

    report = audit.run(_database(), get_settings())
    typer.echo(f"已锚定 {report.anchored} 条审计链")
    for finding in report.findings:
        typer.echo(f"未锚定：{finding.message}", err=True)
    if report.findings:
        raise typer.Exit(1)


@app.command()
def serve(port: int = typer.Option(int(os.environ.get("PORT", 8000)), help="端口"),
          host: str = "127.0.0.1", workers: int = typer.Option(1, help="进程数")) -> None:
    """Serve the platform."""
    import uvicorn

    uvicorn.run("omnicourt.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


@app.command()
def demo(cases: int = typer.Option(None, help="演示案件数（默认 20000）"),
         port: int = typer.Option(int(os.environ.get("PORT", 8000)), help="端口"),
         serve_after: bool = typer.Option(True, "--serve/--no-serve", help="加载后启动服务")) -> None:
    """Migrate, load a demo province, print one account per role, and serve with a worker beside."""
    from omnicourt.demo import loader
    from omnicourt.retrieval.index import open_configured

    settings = get_settings()
    db, _ = _upgraded(settings)
    accounts = loader.load_demo(db, settings, cases=cases or settings.demo_cases, echo=typer.echo,
                                case_base=open_configured(settings))
    typer.echo("\n演示账号（密码均为 " + loader.DEMO_PASSWORD + "）：")
    for role, username, name in accounts:
        typer.echo(f"  {role:<22} {username:<28} {name}")
    if serve_after:
        typer.echo(f"\n平台地址：http://127.0.0.1:{port}")
        with _worker_beside(settings):
            serve(port=port, host="127.0.0.1", workers=1)


@contextmanager
def _worker_beside(settings):
    """A worker process (`omnicourt worker`) for as long as the demo serves, so one command runs everything. The
    sweeps are queued at once: the demo's warnings, ledger and case base need not wait for the top of the hour."""
    from omnicourt.queue import AlreadyWaiting, open_queue

    queue = open_queue(settings, periodic=False)
    try:
        queue.defer("sweeps")
    except AlreadyWaiting:
        pass
    finally:
        queue.close()
    process = subprocess.Popen([sys.executable, "-m", "omnicourt.cli", "worker"])
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@app.command()
def generate(cases: int = typer.Option(..., help="案件数"), seed: int = typer.Option(2026, help="随机种子"),
             today: str = typer.Option(None, help="以该日为“今天”（YYYY-MM-DD），默认今天")) -> None:
    """Fill the database with a province: five years of cases (and the staff, if there are none)."""
    from datetime import date

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from omnicourt.demo import generator

    with Progress(TextColumn("生成案件"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()) as progress:
        task = progress.add_task("cases", total=cases)
        result = generator.generate(_database(), get_settings(), cases=cases, seed=seed,
                                    today=date.fromisoformat(today) if today else None,
                                    on_progress=lambda done: progress.update(task, completed=done))
    typer.echo(f"已生成 {result.cases} 件案件（{result.rows} 行），用时 {result.seconds:.1f} 秒，"
               f"{result.cases_per_second:,.0f} 件/秒")


if __name__ == "__main__":
    app()
