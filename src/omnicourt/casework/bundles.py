"""The dossier of a case as one PDF, for whoever may read it: the court's staff both volumes, a party the main volume
only (documents.py). The request records what to build (`request`), the job `dossier.bundle` (jobs.py) builds it
(`run`), storing the PDF once under its digest, and the page that asked shows its progress, then the download.

A run again (a retry, a worker lost) rebuilds from the start and finishes the same row; a bundle is read back only
by the account that asked for it, and only while its volumes are still the ones that account may read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.casework import documents as access
from omnicourt.db import Database, utcnow
from omnicourt.dossier import bundle
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import DossierBundle
from omnicourt.dossier.rules import Volume
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Forbidden, NotFound, Unavailable
from omnicourt.queue import Queue
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

JOB = "dossier.bundle"
NOT_FOUND = "合并卷宗不存在或无权查看"


@dataclass(frozen=True)
class BundleStatus:
    id: int
    case_id: int
    state: str  # waiting / running / done / failed
    done: int
    total: int
    pages: int | None
    volumes: tuple[Volume, ...]
    error: str | None


def _volumes(text: str) -> tuple[Volume, ...]:
    return tuple(Volume(v) for v in text.split(","))


def request(session: Session, *, actor: Actor, case_id: int) -> DossierBundle:
    """A bundle of the volumes the actor may read, waiting for its job."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    volumes = access.volumes_for(actor)
    made = DossierBundle(court_id=case.court_id, case_id=case.id, requested_by=actor.id,
                         volumes=",".join(v.value for v in volumes), state="waiting", done=0, total=0,
                         created_at=utcnow())
    session.add(made)
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.DOSSIER_BUNDLE_REQUEST, object_type="case",
                 object_id=case.id, court_id=case.court_id,
                 details={"bundle_id": made.id, "volumes": made.volumes})
    return made


def failed_to_queue(db: Database, bundle_id: int, error: str) -> None:
    with db.transaction() as session:
        made = session.get_one(DossierBundle, bundle_id)
        made.state, made.error, made.finished_at = "failed", error[:500], utcnow()


def _parts(session: Session, settings: Settings, case_id: int, volumes: tuple[Volume, ...],
           requested_by: int) -> list[bundle.Part]:
    """The documents of the volumes, less another party's own papers the asker may not read."""
    storage = storage_of(settings)
    account = security.get_account(session, requested_by)
    hidden = access.hidden_from(session, security.actor_for(session, account), case_id) if account else set()
    return [bundle.Part(volume, entry.number, entry.kind_label, entry.document.filename, entry.document.content_type,
                        entry.pages, dossier.read(storage, entry.document))
            for volume in volumes for entry in dossier.catalogue(session, case_id, volume)
            if entry.document.id not in hidden]


def run(db: Database, settings: Settings, *, bundle_id: int, last_attempt: bool = False) -> None:
    """The job: build the PDF of the volumes the bundle names; a bundle done already is left as it is."""
    with db.transaction() as session:
        made = session.get(DossierBundle, bundle_id, with_for_update=True)
        if made is None or made.state == "done":
            return
        made.state, made.error = "running", None
        case_id, volumes, requested_by = made.case_id, _volumes(made.volumes), made.requested_by
    try:
        with db.reading() as session:
            title = cases.case_for_platform(session, case_id).case_number
            parts = _parts(session, settings, case_id, volumes, requested_by)
        with db.transaction() as session:
            session.get_one(DossierBundle, bundle_id).total = len(parts)

        def progress(done: int, total: int) -> None:
            with db.transaction() as own:
                own.get_one(DossierBundle, bundle_id).done = done

        content, pages = bundle.build(title, parts, progress=progress)
        with db.transaction() as session:
            made = session.get_one(DossierBundle, bundle_id)
            made.sha256 = dossier.stage_file(session, storage_of(settings), content)
            made.pages, made.state, made.finished_at = pages, "done", utcnow()
    except Exception as error:  # shown on the page; the queue retries, the last failure is final
        with db.transaction() as session:
            made = session.get_one(DossierBundle, bundle_id)
            made.error = f"{type(error).__name__}: {error}"[:500]
            if last_attempt:
                made.state, made.finished_at = "failed", utcnow()
        raise


def _mine(session: Session, actor: Actor, bundle_id: int) -> DossierBundle:
    """The actor's own bundle of a case they may still see, of volumes they may still read; else one 404."""
    made = session.get(DossierBundle, bundle_id)
    if made is None or made.requested_by != actor.id:
        raise Concealed(NOT_FOUND, field="bundle_id")
    try:
        cases.get_case(session, actor=actor, case_id=made.case_id)
    except (Forbidden, NotFound):
        raise Concealed(NOT_FOUND, field="bundle_id") from None
    if not set(_volumes(made.volumes)) <= set(access.volumes_for(actor)):
        raise Concealed(NOT_FOUND, field="bundle_id")
    return made


def status(session: Session, *, actor: Actor, bundle_id: int) -> BundleStatus:
    made = _mine(session, actor, bundle_id)
    return BundleStatus(made.id, made.case_id, made.state, made.done, made.total, made.pages,
                        _volumes(made.volumes), made.error)


def content(session: Session, settings: Settings, *, actor: Actor, bundle_id: int) -> tuple[str, bytes]:
    """The file name and bytes of a finished bundle."""
    made = _mine(session, actor, bundle_id)
    if made.state != "done" or made.sha256 is None:
        raise NotFound("合并卷宗尚未生成完毕", field="bundle_id")
    number = cases.case_for_platform(session, made.case_id).case_number
    label = "全部卷宗" if Volume.SECONDARY in _volumes(made.volumes) else "正卷"
    try:
        return f"{number}-{label}.pdf", storage_of(settings).read(made.sha256)
    except OSError:
        raise NotFound("合并卷宗文件缺失，请重新生成", field="bundle_id") from None


def start(db: Database, queue: Queue, *, actor: Actor, case_id: int) -> int:
    """Record the request and defer its job; the bundle's id. A queue that cannot take it fails the bundle, said
    on its page."""
    with db.transaction() as session:
        bundle_id = request(session, actor=actor, case_id=case_id).id
    try:
        queue.defer(JOB, bundle_id=bundle_id)
    except Exception as error:
        failed_to_queue(db, bundle_id, f"未能排队生成：{type(error).__name__}")
        raise Unavailable("系统暂时无法生成合并卷宗，请稍后再试") from error
    return bundle_id
