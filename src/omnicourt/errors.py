"""Errors a user can cause. Each carries a Chinese message naming the field; app.py maps them to 4xx. And
`required`, for a value a code path always has, whose absence is a damaged row or a bug, not a user's error."""

from typing import TypeVar

T = TypeVar("T")


def required(value: T | None, what: str) -> T:
    """`value`, which is never None here (a suspension records its start, a court's place names its court)."""
    if value is None:
        raise ValueError(f"missing {what}")
    return value


class DomainError(Exception):
    """Base for refusals a user can cause; `status` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    """The input breaks a rule (a bad ID number, a negative amount, an unknown court)."""

    status = 422


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Concealed(NotFound):
    """A denial answered as "not found", so that a public account cannot tell an existing case from a missing
    one; audited like a Forbidden."""


class Unauthenticated(DomainError):
    status = 401


class Conflict(DomainError):
    """The case's lifecycle forbids the step, or another user got there first."""

    status = 409


class TooManyRequests(DomainError):
    """Too many tries: `retry_after` seconds before the next one (the Retry-After header)."""

    status = 429

    def __init__(self, message: str, *, field: str | None = None, retry_after: int = 1):
        super().__init__(message, field=field)
        self.retry_after = retry_after


class PayloadTooLarge(DomainError):
    status = 413


class Unavailable(DomainError):
    """A service the request needs (the job queue) is away for a moment: nothing was done, try again."""

    status = 503
