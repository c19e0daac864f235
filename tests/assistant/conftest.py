"""The API fixtures (an app over the prepared database and its client) for the assistant's HTTP tests."""

from tests.app.conftest import app, client  # noqa: F401
