"""The API fixtures (an app over the prepared database and its test client) for the security tests."""

from tests.api.conftest import app, client  # noqa: F401
