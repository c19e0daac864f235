"""Every refusal a user can cause, mapped to its 4xx in one place; denials are audited."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.errors import Concealed, DomainError, Forbidden, TooManyRequests, Unauthenticated
from omnicourt.security.throttle import RepeatCounter
from omnicourt.textcheck import validation_message
from omnicourt.web.deps import client_address
from omnicourt.web.templating import render

log = logging.getLogger("omnicourt")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


DENIAL_WINDOW_SECONDS = 600


def _audit_denial(request: Request, error: Forbidden | Concealed) -> None:
    """One record for the 1st, 10th, 100th ... denial of an actor (or address) on a route in a window, with
    the count: repeats cannot fill the audit log (the counts live in this process, see docs/SECURITY.md)."""
    actor = getattr(request.state, "actor", None)
    route = f"{request.method} {request.url.path}"[:64]
    who = f"account:{actor.id}" if actor else f"address:{client_address(request)}"
    template = getattr(request.scope.get("route"), "path", request.url.path)  # /cases/{case_id}: one key for all ids
    occurrence = request.app.state.denials.to_record((who, request.method, template))
    if occurrence is None:
        return
    try:
        with request.app.state.db.transaction() as session:
            audit.record(session, actor_id=actor.id if actor else None, action=AuditAction.ACCESS_DENIED,
                         object_type="route", object_id=route, court_id=actor.court_id if actor else None,
                         details={"reason": error.message, "role": actor.role if actor else None,
                                  "count_in_window": occurrence, "window_seconds": DENIAL_WINDOW_SECONDS})
    except Exception:  # the refusal stands even if the audit store is down; the log keeps it
        log.exception("could not audit a denial")


def error_response(request: Request, status: int, message: str, field: str | None) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": message, "field": field}, status_code=status)
    if status == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    template = "partials/error.html" if request.headers.get("hx-request") else "error.html"
    response = render(request, template, {"message": message, "field": field, "status": status}, status=status)
    if request.headers.get("hx-request"):
        response.headers["HX-Retarget"] = "#flash"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


class ErrorOut(BaseModel):
    """Every 4xx body of the API: the message in Chinese, and the field it names (dotted path) if any."""

    detail: str
    field: str | None


def _document_error_shape(app: FastAPI) -> None:
    """The OpenAPI's 422 bodies say what `validation_error` below returns, not FastAPI's default list."""
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "HTTPValidationError" in components:
            components["HTTPValidationError"] = ErrorOut.model_json_schema()
            components.pop("ValidationError", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema


def http_error_message(request: Request, status: int) -> str:
    """Routing errors (no such URL, method not allowed) in Chinese, naming what was asked for."""
    path = request.url.path[:200]
    if status == 404:
        return f"{'接口' if wants_json(request) else '页面'}不存在：{path}"
    if status == 405:
        return f"{path} 不支持 {request.method} 请求"
    return "请求无法完成"


def install(app: FastAPI) -> None:
    _document_error_shape(app)
    app.state.denials = RepeatCounter(DENIAL_WINDOW_SECONDS)

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, error: DomainError):
        if isinstance(error, Forbidden | Concealed):
            _audit_denial(request, error)
        if isinstance(error, Unauthenticated) and wants_json(request):
            return JSONResponse({"detail": error.message, "field": error.field}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        response = error_response(request, error.status, error.message, error.field)
        if isinstance(error, TooManyRequests):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        response = error_response(request, error.status_code, http_error_message(request, error.status_code), None)
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        message, field = validation_message(error.errors())
        return error_response(request, 422, message, field)
