"""Sending and reading in-platform notifications (written in the sender's transaction)."""

from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from omnicourt.db import utcnow
from omnicourt.notifications.models import Notification
from omnicourt.security.roles import Actor


def notify(session: Session, *, recipient_ids: Iterable[int], kind: str, message: str, court_id: int | None = None,
           case_id: int | None = None, link: str | None = None) -> None:
    now = utcnow()
    session.add_all(
        Notification(recipient_id=rid, court_id=court_id, case_id=case_id, kind=kind, message=message[:500],
                     link=link, created_at=now)
        for rid in sorted(set(recipient_ids))
    )


def unread(session: Session, *, actor: Actor, limit: int = 50) -> list[Notification]:
    return list(session.scalars(
        select(Notification).where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
        .order_by(Notification.id.desc()).limit(limit)
    ))


def unread_count(session: Session, *, actor: Actor) -> int:
    """The number beside 通知 in the navigation."""
    return session.scalars(select(func.count()).select_from(Notification).where(
        Notification.recipient_id == actor.id, Notification.read_at.is_(None))).one()


def mark_read(session: Session, *, actor: Actor, notification_id: int) -> None:
    session.execute(update(Notification).where(Notification.id == notification_id,
                                               Notification.recipient_id == actor.id).values(read_at=utcnow()))
