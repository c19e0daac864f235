"""Security headers, no inline script in any template, the API docs without a CDN (or off)."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from omnicourt.web.headers import SecurityHeaders

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "omnicourt"


def test_pages_and_api_carry_the_security_headers(make_client):
    client = make_client()
    for path in ("/login", "/api/v1/ping", "/api/v1/auth/me"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in headers


@pytest.mark.parametrize("path", ["/api/v1/test-failure", "/portal/test-failure"])
def test_a_failure_no_handler_answers_is_a_chinese_500_with_the_headers(db, security_settings, path):
    app = create_app(settings=security_settings, db=db)

    @app.get(path)
    def fail():
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get(path)
    assert response.status_code == 500
    assert "服务器内部错误" in response.text and "a bug" not in response.text
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Cache-Control"] == "no-store"
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
    if path.startswith("/api/"):
        assert response.json()["field"] is None


def test_static_files_may_be_cached(make_client):
    headers = make_client().get("/static/app.js").headers
    assert headers.get("Cache-Control") != "no-store" and headers["X-Content-Type-Options"] == "nosniff"


def test_behind_https_hsts_is_sent_and_cookies_are_secure(make_client):
    client = make_client(secure_cookies=True)
    page = client.get("/login")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "secure" in page.headers["set-cookie"].lower() and "__Host-oc_login_csrf" in page.headers["set-cookie"]


def test_each_page_gets_its_own_style_nonce(make_client):
    client = make_client()
    nonces = [re.search(r"'nonce-([\w-]+)'", client.get("/login").headers["Content-Security-Policy"]).group(1)
              for _ in range(2)]
    assert nonces[0] != nonces[1]


def test_the_middleware_is_pure_asgi():
    assert not any(base.__name__ == "BaseHTTPMiddleware" for base in SecurityHeaders.__mro__)


TEMPLATES = sorted([*PACKAGE.glob("*/templates/**/*.html"), *PACKAGE.glob("*/*/templates/**/*.html")])


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_inline_script_or_handlers(template):
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline on*= handler"
    assert not re.search(r"\sstyle\s*=", text), "style attribute"
    assert all("csp_nonce" in tag for tag in re.findall(r"<style[^>]*>", text)), "<style> without the nonce"


def test_api_docs_are_served_from_this_site(make_client):
    client = make_client()
    docs = client.get("/docs")
    assert docs.status_code == 200
    sources = [s for s in re.findall(r'(?:src|href)="([^"]+)"', docs.text) if not s.startswith("data:")]
    assert sources and all(s.startswith("/static/") for s in sources)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", docs.text)
    assert all(client.get(s).status_code == 200 for s in sources)
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_api_docs_can_be_turned_off(make_client):
    client = make_client(api_docs=False)
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404
