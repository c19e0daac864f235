"""The jobs every backend knows: a name, the function, how often it is retried, and a schedule for periodic ones.

A job is a plain function `run(context, **arguments)` with JSON-able arguments. It may run more than once (a retry,
a worker killed mid-way), so it is idempotent: its writes are keyed so that a second run changes nothing more.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The platform's own jobs; settings.queue_job_modules adds others (tests, benchmarks).
PLATFORM_MODULES = ("omnicourt.jobs",)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[..., object]
    retries: int = 5
    # A cron line ("minute hour day month weekday", UTC): the job is deferred once per tick, whatever the number of
    # workers (procrastinate also runs it one at a time, with at most one run waiting).
    schedule: str | None = None
    # Long jobs record their progress in job_runs (`omnicourt jobs status`); the minute ticks do not.
    tracked: bool = False


JOBS: dict[str, Job] = {}


def job(name: str, *, retries: int = 5, schedule: str | None = None, tracked: bool = False):
    """Register the decorated function as the job `name`."""

    def register(run: Callable[..., object]) -> Callable[..., object]:
        JOBS[name] = Job(name=name, run=run, retries=retries, schedule=schedule, tracked=tracked)
        return run

    return register


def load(modules: Iterable[str] = ()) -> dict[str, Job]:
    """Every job of the platform and of `modules`, by name."""
    for module in (*PLATFORM_MODULES, *modules):
        importlib.import_module(module)
    return dict(JOBS)


def backoff_seconds(failures: int, first: float) -> float:
    """The wait before the next try after `failures` failed ones: first, then twice as long each time."""
    return first * 2 ** (failures - 1)
