"""A periodic job every second (a 6-field cron: procrastinate only); every run leaves a row."""

from omnicourt.queue.registry import job
from tests.queue.probes import attempt


@job("probe.tick", schedule="* * * * * *", retries=0)
def tick(context) -> None:
    attempt(context.db, "tick")
