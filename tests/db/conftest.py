"""A PostgreSQL primary and its streaming replica, started once for the tests of this folder with Debian's binaries
(initdb, pg_ctl, pg_basebackup; as the `postgres` account when the tests run as root), and stopped at the end even
when a test or the start-up fails. Skipped with the reason where the binaries or the account are absent."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from omnicourt.dashboard import service as dashboard
from omnicourt.db import Database
from tests.conftest import prepare

BINARIES = ("initdb", "pg_ctl", "pg_basebackup", "postgres")
REPLAY_WAIT_SECONDS = 60.0  # a ceiling for a stuck replica, not a figure: replay takes milliseconds here
DEMO_CASES = 30  # enough for every level of the dashboard, small enough for a start in seconds


def _binary_dir() -> Path | None:
    """Debian's newest /usr/lib/postgresql/<version>/bin holding every binary, else the PATH's."""
    versions = [d for d in Path("/usr/lib/postgresql").glob("*/bin") if d.parent.name.isdigit()]
    for directory in sorted(versions, key=lambda d: int(d.parent.name), reverse=True):
        if all((directory / name).exists() for name in BINARIES):
            return directory
    found = [shutil.which(name) for name in BINARIES]
    directories = {Path(f).parent for f in found if f}
    return directories.pop() if all(found) and len(directories) == 1 else None


def _run_as() -> tuple[list[str], str | None]:
    """The command prefix that runs the server binaries, and the account owning the data (None: ours). initdb
    refuses root, so root runs them as `postgres`."""
    if os.geteuid() != 0:
        return [], None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("the tests run as root and there is no `postgres` account to run PostgreSQL as")
    if not shutil.which("runuser"):
        pytest.skip("the tests run as root and runuser is absent")
    return ["runuser", "-u", "postgres", "--"], "postgres"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Replication:
    primary_url: str
    replica_url: str
    primary: Engine  # administrative connections, autocommit
    replica: Engine

    def wait_for_replay(self) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        with self.primary.connect() as conn:
            target = conn.scalar(text("SELECT pg_current_wal_lsn()"))
        deadline = time.monotonic() + REPLAY_WAIT_SECONDS
        with self.replica.connect() as conn:
            while not conn.scalar(text("SELECT pg_last_wal_replay_lsn() >= CAST(:target AS pg_lsn)"),
                                  {"target": target}):
                if time.monotonic() > deadline:
                    raise AssertionError(f"the replica has not replayed the primary's WAL up to {target}")
                time.sleep(0.02)

    @contextmanager
    def replay_paused(self) -> Iterator[None]:
        """The replica stops applying the primary's WAL (it keeps answering reads), then catches up."""
        with self.replica.connect() as conn:
            conn.execute(text("SELECT pg_wal_replay_pause()"))
        try:
            yield
        finally:
            with self.replica.connect() as conn:
                conn.execute(text("SELECT pg_wal_replay_resume()"))
            self.wait_for_replay()


class _Cluster:
    """initdb / pg_ctl / pg_basebackup of one test run, under one temporary directory."""

    def __init__(self, binaries: Path, run_as: list[str], owner: str | None, root: Path):
        self.binaries, self.run_as, self.root = binaries, run_as, root
        if owner:
            shutil.chown(root, owner)

    def run(self, binary: str, *args: str) -> None:
        done = subprocess.run([*self.run_as, str(self.binaries / binary), *args], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{binary} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self, name: str, port: int) -> None:
        options = (f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} "
                   "-c wal_level=replica -c max_wal_senders=4 -c fsync=off -c full_page_writes=off")
        self.run("pg_ctl", "-D", str(self.root / name), "-l", str(self.root / f"{name}.log"), "-o", options,
                 "-w", "start")

    def stop(self, name: str) -> None:
        if (self.root / name / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.root / name), "-m", "immediate", "-w", "stop")


def _url(port: int) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"


def _in_recovery(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.scalar(text("SELECT pg_is_in_recovery()")))


@pytest.fixture(scope="session")
def replication() -> Iterator[Replication]:
    """A primary (wal_level=replica, replication from 127.0.0.1 trusted) and a replica made by pg_basebackup -R,
    answering reads in recovery."""
    binaries = _binary_dir()
    if binaries is None:
        pytest.skip(f"PostgreSQL's server binaries ({', '.join(BINARIES)}) are not installed")
    run_as, owner = _run_as()
    with ExitStack() as cleanup:
        root = Path(tempfile.mkdtemp(prefix="omnicourt-replication-"))
        cleanup.callback(shutil.rmtree, root, ignore_errors=True)
        cluster = _Cluster(binaries, run_as, owner, root)
        primary_port, replica_port = _free_port(), _free_port()
        cluster.run("initdb", "-D", str(root / "primary"), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                    "--locale=C", "--no-sync")
        with open(root / "primary" / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        cleanup.callback(cluster.stop, "primary")
        cluster.start("primary", primary_port)
        cluster.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
                    "-D", str(root / "replica"), "--write-recovery-conf", "--wal-method=stream",
                    "--checkpoint=fast", "--no-sync")
        cleanup.callback(cluster.stop, "replica")  # stopped first: callbacks run last in, first out
        cluster.start("replica", replica_port)
        primary = create_engine(_url(primary_port), isolation_level="AUTOCOMMIT")
        replica = create_engine(_url(replica_port), isolation_level="AUTOCOMMIT")
        cleanup.callback(primary.dispose)
        cleanup.callback(replica.dispose)
        if not _in_recovery(replica) or _in_recovery(primary):
            raise RuntimeError("the replica does not answer in recovery, or the primary does")
        yield Replication(_url(primary_port), _url(replica_port), primary, replica)


@pytest.fixture(scope="session")
def replicated_db(replication: Replication) -> Iterator[Database]:
    """The platform over the primary with reads from the replica: migrated, with the reference data, a small demo
    province and the dashboard's aggregates, all replayed on the replica."""
    db = Database(replication.primary_url, replication.replica_url)
    prepare(db, cases=DEMO_CASES)
    with db.transaction() as session:
        dashboard.rebuild(session)
    replication.wait_for_replay()
    yield db
    db.engine.dispose()
    db.replica_engine.dispose()
