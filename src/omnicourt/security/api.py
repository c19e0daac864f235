"""Sign-in, sign-out, registration, password change and reset. API clients use the returned token as a Bearer
token; the JSON sign-in needs no CSRF token (a cross-site form cannot send JSON)."""

from fastapi import APIRouter, Depends, Request, Response

from omnicourt.db import Database
from omnicourt.security import schemas, service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import (
    SESSION_COOKIE,
    Identity,
    current_actor,
    current_identity,
    get_db,
    get_settings,
)
from omnicourt.web.signin import RESET_REQUESTED, send_reset, set_session_cookie, sign_in

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/login", response_model=schemas.LoginOut)
def login(body: schemas.LoginIn, request: Request, response: Response, settings: Settings = Depends(get_settings)):
    token, csrf, actor = sign_in(request, body.username, body.password)
    set_session_cookie(response, settings, token)
    return schemas.LoginOut(token=token, csrf_token=csrf, role=actor.role, display_name=actor.display_name)


@router.post("/logout", status_code=204)
def logout(response: Response, identity: Identity = Depends(current_identity), db: Database = Depends(get_db)):
    """Closes the session this request signed in with: the bearer token if one was sent, else the cookie's."""
    with db.transaction() as session:
        service.close_session(session, identity.token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.post("/password", status_code=204)
def change_password(body: schemas.PasswordChangeIn, identity: Identity = Depends(current_identity),
                    db: Database = Depends(get_db)):
    with db.transaction() as session:
        service.change_password(session, account_id=identity.actor.id, current_password=body.current_password,
                                new_password=body.new_password, current_token=identity.token)


@router.post("/password-reset", response_model=schemas.MessageOut, status_code=202)
def request_reset(body: schemas.PasswordResetIn, request: Request):
    send_reset(request, body.username, body.phone)
    return schemas.MessageOut(message=RESET_REQUESTED)


@router.post("/password-reset/confirm", status_code=204)
def confirm_reset(body: schemas.PasswordResetConfirmIn, db: Database = Depends(get_db)):
    with db.transaction() as session:
        service.reset_password(session, token=body.token, new_password=body.new_password)


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
