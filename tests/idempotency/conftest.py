"""The API fixtures (an app over the prepared database and its client) for the Idempotency-Key tests."""

from tests.app.conftest import app, client  # noqa: F401
