"""The shared test database with the dashboard's aggregates rebuilt, and an app of the dashboard's routers."""

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from omnicourt.dashboard import api as dashboard_api
from omnicourt.dashboard import pages as dashboard_pages
from omnicourt.dashboard import service
from omnicourt.security import api as security_api
from omnicourt.web import errors
from omnicourt.web.templating import PACKAGE


@pytest.fixture
def dash_db(db):
    """The prepared database with the dashboard's aggregates rebuilt from its cases."""
    with db.transaction() as session:
        service.rebuild(session)
    return db


@pytest.fixture
def dash_app(dash_db, settings):
    """The dashboard's routers with sign-in and the error mapping, as app.py will wire them."""
    app = FastAPI()
    app.state.settings, app.state.db = settings, dash_db
    errors.install(app)
    for module in (security_api, dashboard_api, dashboard_pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=PACKAGE / "web" / "static"), name="static")
    return app


@pytest.fixture
def dash_client(dash_app):
    with TestClient(dash_app) as client:
        yield client
