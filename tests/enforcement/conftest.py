from tests.app.conftest import app, client  # noqa: F401  (the app and its client, as the route tests use them)
