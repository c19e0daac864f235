"""Security headers on every response, as a pure ASGI middleware (no BaseHTTPMiddleware: streaming and
background tasks pass through untouched).

The Content-Security-Policy allows scripts from this site only, none inline; <style> blocks carry the request's
nonce (`csp_nonce` in templates). Pages and API responses are not cached (they carry personal data); static
files are. Behind HTTPS (settings.secure_cookies) Strict-Transport-Security is sent too. A failure no handler
answered gets its 500 here, in Chinese and with these headers (Starlette's own 500 comes from outside every
middleware and would carry none); the error still goes on to the server's log.
"""

import secrets

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from omnicourt.web.errors import wants_json

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors {frame_ancestors}")
# A response may let this site's own pages embed it (a document shown in its view page) by setting
# X-Frame-Options: SAMEORIGIN itself; every other response may be framed by no one.
EMBEDDABLE = "SAMEORIGIN"
ALWAYS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"
STATIC_PREFIX = "/static/"


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, https: bool):
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        cacheable = scope["path"].startswith(STATIC_PREFIX)

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                embeddable = headers.get("X-Frame-Options") == EMBEDDABLE
                for name, value in ALWAYS.items():
                    headers[name] = value
                if embeddable:
                    headers["X-Frame-Options"] = EMBEDDABLE
                headers["Content-Security-Policy"] = CSP.format(
                    nonce=nonce, frame_ancestors="'self'" if embeddable else "'none'")
                if self.https:
                    headers["Strict-Transport-Security"] = HSTS
                if not cacheable:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                await _server_error(scope)(scope, receive, send_with_headers)
            raise


SERVER_ERROR = "服务器内部错误，请稍后重试；如反复出现，请联系法院技术支持"


def _server_error(scope: Scope) -> Response:
    """The 500 of a failure nothing answered: JSON where every refusal is JSON, else a line of text (no page
    template, which could fail for the same reason)."""
    if wants_json(Request(scope)):
        return JSONResponse({"detail": SERVER_ERROR, "field": None}, status_code=500)
    return PlainTextResponse(SERVER_ERROR, status_code=500)
