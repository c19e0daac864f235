"""Choosing the queue's engine, and what dramatiq's ticker takes from a cron line."""

from datetime import UTC, datetime

import pytest

from omnicourt.queue import open_queue
from omnicourt.queue.dramatiq_queue import due
from omnicourt.settings import Settings


@pytest.mark.parametrize("url, named", [("http://court:secret@broker.example/", "http://…"), ("", "empty"),
                                        ("court:secret@127.0.0.1:5672", "one without a scheme")])
def test_dramatiq_refuses_a_broker_url_it_cannot_use_without_showing_the_rest_of_it(url, named):
    settings = Settings(database_url="sqlite://", queue_backend="dramatiq", queue_broker_url=url)
    with pytest.raises(ValueError) as refused:
        open_queue(settings, jobs={})
    message = str(refused.value)
    assert message.startswith("OMNICOURT_QUEUE_BROKER_URL: amqp://… (RabbitMQ) or redis://… (Redis)")
    assert message.endswith(f"not {named}")
    assert "secret" not in message


def test_an_unknown_engine_is_refused_with_the_ones_there_are():
    with pytest.raises(ValueError, match="one of procrastinate, huey, dramatiq, not 'celery'"):
        open_queue(Settings(database_url="sqlite://", queue_backend="celery"), jobs={})


def test_a_five_field_cron_line_ticks_at_the_first_second_of_its_minutes_and_a_sixth_field_counts_seconds():
    at = datetime(2026, 12, 4, 19, 17, tzinfo=UTC)
    assert due("17 19 * * *", at)
    assert not due("17 19 * * *", at.replace(second=30))
    assert not due("18 19 * * *", at)
    assert due("* * * * * *", at.replace(second=30))
    assert due("* * * * * */10", at.replace(second=30))
    assert not due("* * * * * */10", at.replace(second=31))
