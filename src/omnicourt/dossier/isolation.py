"""Parsing untrusted files in a worker process, within a time limit.

Opening a PDF, a Word file or a spreadsheet is CPU-bound pure Python: in a thread of the server it would hold the
GIL against the event loop and every other request. One worker process per server process does it instead (started
by forkserver: never a fork of the threaded server), and a parse that outlives its time limit is killed with its
worker, which the next call replaces. Refusals (DomainError) raised in the worker are raised again here, as they were.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from omnicourt.errors import DomainError, InvalidInput

PARSE_SECONDS = 60.0  # a 20 MB file of hundreds of pages opens in seconds; a crafted one is cut off here
T = TypeVar("T")

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
# One parse at a time in the one worker: its time limit then counts the parse alone, not the wait behind others,
# and killing a stuck worker never takes another request's file with it.
_turn = threading.Lock()


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["omnicourt.dossier.checks", "omnicourt.assistant.documents"])
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_follow_parent,
                                        initargs=(os.getpid(),))
        return _pool


def _follow_parent(parent: int) -> None:
    """In the worker: exit when the server process is gone, however it ended (the worker holds both ends of its
    task queue, so it would otherwise wait on it for ever)."""
    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _discard(pool: ProcessPoolExecutor) -> None:
    """Kill the worker of a stuck or broken pool; the next call starts a fresh one."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    for process in list(getattr(pool, "_processes", {}).values()):  # no public way to stop a running task
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _guarded(function: Callable[..., T], args: tuple, kwargs: dict) -> tuple[bool, Any]:
    """In the worker: the result, or the refusal as (class, message, field) to raise again in the caller."""
    try:
        return True, function(*args, **kwargs)
    except DomainError as error:
        return False, (type(error), error.message, error.field)


def run(function: Callable[..., T], *args: Any, name: str, field: str, timeout: float = PARSE_SECONDS,
        **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in the worker process (a module-level function and picklable arguments);
    an InvalidInput naming the file ``name`` when it runs out of time or its worker dies."""
    with _turn:
        return _run_alone(function, args, kwargs, name=name, field=field, timeout=timeout)


def _run_alone(function: Callable[..., T], args: tuple, kwargs: dict, *, name: str, field: str,
               timeout: float) -> T:
    pool = _executor()
    try:
        ok, outcome = pool.submit(_guarded, function, args, kwargs).result(timeout=timeout)
    except FutureTimeout:
        _discard(pool)
        raise InvalidInput(f"文件「{name}」处理超时（超过{timeout:.0f}秒），请上传较小或结构简单的文件",
                           field=field) from None
    except BrokenProcessPool:
        _discard(pool)
        raise InvalidInput(f"文件「{name}」无法处理（解析时出错），请检查文件后重新上传", field=field) from None
    if ok:
        return outcome
    kind, message, error_field = outcome
    raise kind(message, field=error_field)
