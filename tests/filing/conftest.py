"""The API fixtures (an app over the prepared database and its test client) for the element-sheet routes."""

from tests.app.conftest import app, client  # noqa: F401
