"""Bounded-concurrency inference engine: a fixed set of worker threads and a bounded queue.

Model work is CPU/GPU-bound and synchronous, so it runs on ``max_concurrency`` worker threads
(1 on CPU: one forward pass already uses every core), never on the event loop. In front of
them is a FIFO of at most ``max_queue`` waiting jobs; a job offered beyond that is refused at
once with ``QueueFullError`` (the API's 429) instead of piling up memory and latency.

Deadlines: every job carries one. A thread running model code cannot be killed, so the
engine (1) never starts a queued job whose deadline has passed or whose caller gave up, and
(2) frees a slot only when the job really ends — an abandoned running job keeps its slot
until it returns, which is what bounds the machine's load. ``stop`` refuses new work and
waits for the queued and running jobs, for graceful shutdown.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

log = logging.getLogger("kurzbrief.engine")

# Retry-After is an estimate from recent job durations; clamp it to something sane.
MIN_RETRY_AFTER_S = 1
MAX_RETRY_AFTER_S = 300
# Weight of the newest job in the moving average of job durations.
DURATION_SMOOTHING = 0.2


class EngineError(Exception):
    """Base of the engine's refusals; none of them ran the job."""


class QueueFullError(EngineError):
    def __init__(self, retry_after_s: int, max_concurrency: int, max_queue: int, reason: str) -> None:
        self.retry_after_s = retry_after_s
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        super().__init__(f"the service is busy: {reason}")


class DeadlineExceededError(EngineError):
    def __init__(self, timeout_s: float, started: bool) -> None:
        self.timeout_s = timeout_s
        self.started = started
        where = "while it ran" if started else "before a worker was free to start it"
        super().__init__(f"the request did not finish within {timeout_s:g} s (deadline passed {where})")


class EngineStoppedError(EngineError):
    def __init__(self) -> None:
        super().__init__("the engine is shutting down and accepts no new work")


@dataclass
class _Job:
    fn: Callable[[], Any]
    deadline: float  # time.monotonic()
    future: Future[Any]
    context: contextvars.Context  # the caller's request id etc., for log lines the job writes
    timeout_s: float
    enqueued: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class EngineStats:
    queued: int
    running: int
    max_concurrency: int
    max_queue: int
    completed: int
    expired: int  # jobs dropped from the queue because their deadline passed or the caller left
    mean_job_s: float


class InferenceEngine:
    """Runs synchronous callables on bounded worker threads; ``run`` awaits one from asyncio."""

    def __init__(
        self, *, max_concurrency: int = 1, max_queue: int = 16, name: str = "kurzbrief-worker"
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        if max_queue < 0:
            raise ValueError("max_queue must be 0 or more")
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        self._name = name
        self._cond = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._running = 0
        self._completed = 0
        self._expired = 0
        self._mean_job_s = 0.0
        self._accepting = True
        self._threads: list[threading.Thread] = []

    # --- state ---------------------------------------------------------------------------------

    @property
    def queued(self) -> int:
        with self._cond:
            return len(self._queue)

    @property
    def running(self) -> int:
        with self._cond:
            return self._running

    def stats(self) -> EngineStats:
        with self._cond:
            return EngineStats(
                queued=len(self._queue),
                running=self._running,
                max_concurrency=self.max_concurrency,
                max_queue=self.max_queue,
                completed=self._completed,
                expired=self._expired,
                mean_job_s=self._mean_job_s,
            )

    def retry_after_s(self) -> int:
        """Seconds until a slot is likely free: queued+running jobs x mean job time / workers."""
        with self._cond:
            backlog = len(self._queue) + self._running
            mean = self._mean_job_s or 1.0
        estimate = math.ceil(backlog * mean / self.max_concurrency)
        return max(MIN_RETRY_AFTER_S, min(MAX_RETRY_AFTER_S, estimate))

    # --- submitting ----------------------------------------------------------------------------

    def submit(self, fn: Callable[[], T], *, timeout_s: float) -> Future[T]:
        """Queue ``fn``; raises ``QueueFullError`` or ``EngineStoppedError`` without queueing it.

        A free worker takes the job at once; otherwise it waits in the queue, which holds at
        most ``max_queue`` jobs.
        """
        future: Future[T] = Future()
        now = time.monotonic()
        job = _Job(fn, now + timeout_s, future, contextvars.copy_context(), timeout_s)
        with self._cond:
            if not self._accepting:
                raise EngineStoppedError()
            self._drop_dead_jobs(now)
            reason = self._refusal(timeout_s)
            if reason is None:
                self._ensure_workers()
                self._queue.append(job)
                self._cond.notify()
                return future
        raise QueueFullError(self.retry_after_s(), self.max_concurrency, self.max_queue, reason)

    def _refusal(self, timeout_s: float) -> str | None:
        """Why a new job cannot be admitted now (None: it can). Called with the lock held."""
        queued, running = len(self._queue), self._running
        # Admitted = running + waiting; a job just handed to an idle worker may still sit in
        # the queue for a moment, so the bound is on the sum, not on the queue alone.
        if running + queued >= self.max_concurrency + self.max_queue:
            return f"{running} job(s) running and {queued} waiting, which is all it accepts"
        if self._completed and running + queued >= self.max_concurrency:
            # A job that would only start after its deadline is refused now (429) rather than
            # answered with a 504 after the client waited the whole timeout. Estimate: half a
            # running job, the queue ahead, then the job itself, at the recent mean duration.
            expected = (0.5 + queued / self.max_concurrency + 1) * self._mean_job_s
            if expected > timeout_s:
                return (
                    f"{queued} job(s) are waiting and a new one would finish in about {expected:.0f} s, "
                    f"after its {timeout_s:g} s deadline"
                )
        return None

    def _drop_dead_jobs(self, now: float) -> None:
        # Jobs whose caller gave up or whose deadline passed will never run; they must not
        # hold queue places that live requests could use. Called with the lock held.
        live: deque[_Job] = deque()
        for job in self._queue:
            if job.future.cancelled():
                self._expired += 1
            elif now >= job.deadline:
                self._expired += 1
                if job.future.set_running_or_notify_cancel():
                    job.future.set_exception(DeadlineExceededError(job.timeout_s, started=False))
            else:
                live.append(job)
        self._queue = live

    async def run(self, fn: Callable[[], T], *, timeout_s: float) -> T:
        """Run ``fn`` on a worker and await its result, within ``timeout_s`` (queueing included).

        On timeout the job is cancelled if it has not started (the worker skips it) and
        ``DeadlineExceededError`` is raised; a job already running finishes in the background
        and keeps its slot until then.
        """
        future = self.submit(fn, timeout_s=timeout_s)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout=timeout_s)
        except (asyncio.TimeoutError, TimeoutError):
            started = not future.cancel()  # cancel() only succeeds while the job is still queued
            raise DeadlineExceededError(timeout_s, started) from None
        except asyncio.CancelledError:
            future.cancel()  # the caller went away (client disconnect, shutdown): do not start it
            raise

    # --- workers -------------------------------------------------------------------------------

    def _ensure_workers(self) -> None:
        # Called with the lock held. Threads start lazily so an app that never gets a request
        # (or a test that builds many apps) starts none.
        while len(self._threads) < self.max_concurrency:
            thread = threading.Thread(
                target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True
            )
            self._threads.append(thread)
            thread.start()

    def _next_job(self) -> _Job | None:
        with self._cond:
            while True:
                while self._queue:
                    job = self._queue.popleft()
                    if job.future.cancelled():
                        self._expired += 1
                        continue
                    if time.monotonic() >= job.deadline:
                        # Its caller has (or is about to) answer 504; starting it would only
                        # burn a slot on work nobody waits for.
                        self._expired += 1
                        if job.future.set_running_or_notify_cancel():
                            job.future.set_exception(DeadlineExceededError(job.timeout_s, started=False))
                        continue
                    if not job.future.set_running_or_notify_cancel():
                        self._expired += 1
                        continue
                    self._running += 1
                    return job
                if not self._accepting:
                    return None
                self._cond.wait()

    def _work(self) -> None:
        while True:
            job = self._next_job()
            if job is None:
                return
            started = time.monotonic()
            try:
                result = job.context.run(job.fn)
            except Exception as exc:  # noqa: BLE001 - any failure goes to the waiting caller
                job.future.set_exception(exc)
            except BaseException as exc:  # noqa: BLE001 - SystemExit & co. must not reach the event loop
                job.future.set_exception(RuntimeError(f"the job was aborted by {type(exc).__name__}"))
            else:
                job.future.set_result(result)
            finally:
                elapsed = time.monotonic() - started
                with self._cond:
                    self._running -= 1
                    self._completed += 1
                    self._mean_job_s = (
                        elapsed
                        if self._completed == 1
                        else (1 - DURATION_SMOOTHING) * self._mean_job_s + DURATION_SMOOTHING * elapsed
                    )
                    self._cond.notify_all()

    # --- start and shutdown ---

    def start(self) -> None:
        """Accept work (again): an app's lifespan may run more than once in tests and tools."""
        with self._cond:
            self._accepting = True
            self._threads = [t for t in self._threads if t.is_alive()]

    def stop(self, timeout_s: float | None = None) -> bool:
        """Refuse new work, let queued and running jobs finish, then end the workers.

        Returns True when everything finished within ``timeout_s`` (None waits without limit);
        on False the remaining daemon threads end with the process.
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        with self._cond:
            self._accepting = False
            self._cond.notify_all()
            while self._queue or self._running:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    log.warning(
                        "engine stopped with work unfinished",
                        extra={"queued": len(self._queue), "running": self._running},
                    )
                    return False
                self._cond.wait(remaining)
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=1.0)
        return True
