"""The staff's inbox: deadline warnings, approvals waiting, supervision notices."""

from fastapi import APIRouter, Depends, Request

from omnicourt.limits import PathId
from omnicourt.notifications import service
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_staff
from omnicourt.web.pages import see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/bench/notifications")
def inbox(request: Request, actor: Actor = Depends(current_staff)):
    with request.app.state.db.reading() as session:
        unread = service.unread(session, actor=actor)
    return render(request, "notifications/inbox.html", {"notifications": unread})


@router.post("/bench/notifications/{notification_id}/read")
def mark_read(request: Request, notification_id: PathId, actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        service.mark_read(session, actor=actor, notification_id=notification_id)
    return see_other(request, "/bench/notifications")
