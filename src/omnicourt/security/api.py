"""Sign-in, sign-out, registration. API clients use the returned token as a Bearer token."""

from fastapi import APIRouter, Depends, Request, Response

from omnicourt.db import Database
from omnicourt.errors import Unauthenticated
from omnicourt.security import schemas, service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import SESSION_COOKIE, current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def sign_in(db: Database, settings: Settings, username: str, password: str) -> tuple[str, str, Actor]:
    """Check the password and open a session; a failure is recorded (committed) before refusing."""
    with db.transaction() as session:
        account = service.authenticate(session, settings, username=username, password=password)
        if account is not None:
            token, csrf = service.open_session(session, settings, account=account)
            actor = service.actor_for(session, account)
    if account is None:
        raise Unauthenticated("用户名或密码错误")
    return token, csrf, actor


def set_session_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_max_age_seconds, httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")


@router.post("/login", response_model=schemas.LoginOut)
def login(body: schemas.LoginIn, response: Response, db: Database = Depends(get_db),
          settings: Settings = Depends(get_settings)):
    token, csrf, actor = sign_in(db, settings, body.username, body.password)
    set_session_cookie(response, settings, token)
    return schemas.LoginOut(token=token, csrf_token=csrf, role=actor.role, display_name=actor.display_name)


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, _: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    token = request.cookies.get(SESSION_COOKIE) or request.headers.get("authorization", "")[7:]
    with db.transaction() as session:
        service.close_session(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.post("/register", response_model=schemas.MeOut, status_code=201)
def register(body: schemas.RegisterIn, db: Database = Depends(get_db)):
    with db.transaction() as session:
        account = service.register_public(session, **body.model_dump())
        return me_out(service.actor_for(session, account))


def me_out(actor: Actor) -> schemas.MeOut:
    return schemas.MeOut(id=actor.id, role=actor.role, role_label=actor.role_label, kind=actor.kind,
                         display_name=actor.display_name, court_id=actor.court_id, division_id=actor.division_id,
                         identity_verified=actor.identity_verified)


@router.get("/me", response_model=schemas.MeOut)
def me(actor: Actor = Depends(current_actor)):
    return me_out(actor)
