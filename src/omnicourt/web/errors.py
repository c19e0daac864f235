"""Every refusal a user can cause, mapped to its 4xx in one place; denials are audited."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from omnicourt.audit import service as audit
from omnicourt.errors import Concealed, DomainError, Forbidden, Unauthenticated
from omnicourt.textcheck import validation_message
from omnicourt.web.templating import render

log = logging.getLogger("omnicourt")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _audit_denial(request: Request, error: Forbidden | Concealed) -> None:
    actor = getattr(request.state, "actor", None)
    try:
        with request.app.state.db.transaction() as session:
            audit.record(session, actor_id=actor.id if actor else None, action="access.denied",
                         object_type="route", object_id=f"{request.method} {request.url.path}"[:64],
                         court_id=actor.court_id if actor else None,
                         details={"reason": error.message, "role": actor.role if actor else None})
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

    app.openapi = openapi


def install(app: FastAPI) -> None:
    _document_error_shape(app)

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, error: DomainError):
        if isinstance(error, Forbidden | Concealed):
            _audit_denial(request, error)
        if isinstance(error, Unauthenticated) and wants_json(request):
            return JSONResponse({"detail": error.message, "field": error.field}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        return error_response(request, error.status, error.message, error.field)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        message, field = validation_message(error.errors())
        return error_response(request, 422, message, field)
