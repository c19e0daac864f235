"""The API fixtures (an app over the prepared database and its client)."""

from tests.app.conftest import app, client  # noqa: F401
