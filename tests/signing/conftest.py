from tests.app.conftest import app, client  # noqa: F401
