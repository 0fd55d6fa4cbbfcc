"""The batch runner: many German articles in, one JSONL result line per record out, resumable.

Input (``kurzbrief batch INPUT OUTPUT``):

* a JSONL file, one ``{"id": ..., "text": ...}`` object per line (``id``: a non-empty string or
  an integer; blank lines are ignored), or ``-`` for the same on standard input;
* a folder of ``.txt`` files (UTF-8), the file name being the record's id.

Output: one JSON object per input record, ``{"id": ..., "result": {...}}`` (a Brief or a
Translation) or ``{"id": ..., "error": {"code", "message"[, "details"]}}``, with the API's error
codes (service/errors.py) plus ``duplicate_id``. Records that cannot be read get the id
``"line:N"`` (their line number) so that every input line is answered exactly once. Lines come
in completion order, not input order.

Crash safety: OUTPUT is opened with O_APPEND and every result line is written with one
``os.write`` of the whole encoded line, fsync'ed every ``FSYNC_EVERY_RECORDS`` records or
``FSYNC_EVERY_SECONDS``. A crash (``kill -9``, power loss) can therefore only leave a torn
*last* line; on start that line is cut off and its record done again. Ids already in OUTPUT
are skipped, so re-running the same command resumes; a run with nothing left loads no model.
Only the parent process writes OUTPUT; worker processes (``--workers N``) return lines to it.

Exit codes: 0 every record of INPUT has a result, 1 some have an error line (this run's or an
earlier one's), 2 the run could not start or had to stop (unreadable input, foreign OUTPUT,
models missing, a worker process died), 130 interrupted (Ctrl-C or SIGTERM; re-run to resume).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from service.settings import Settings

Mode = Literal["brief", "translate"]
RecordId = str | int

EXIT_OK = 0
EXIT_RECORDS_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Articles briefed together share translation batches. The group is cut at whichever limit
# comes first: more records per group means fuller batches but more work lost on a crash.
DEFAULT_GROUP_SIZE = 8
GROUP_MAX_CHARS = 60_000
# Undocumented knob for tests and tuning: records per group (1 = results written one by one).
GROUP_SIZE_ENV = "KURZBRIEF_BATCH_GROUP_SIZE"
# A kill -9 loses nothing that reached the page cache; fsync guards against power loss only,
# so it is amortised over several records.
FSYNC_EVERY_RECORDS = 32
FSYNC_EVERY_SECONDS = 5.0

DUPLICATE_ID = "duplicate_id"


class BatchUsageError(Exception):
    """The run cannot start (exit code 2); the message says what to fix."""


class ModelLoadError(Exception):
    """A worker could not load the models. Carries only a message so it pickles across processes."""


class OutputWriteError(Exception):
    """OUTPUT could not be written (disk full, ...): the run stops (exit code 2) and can be resumed."""


class WorkerCrashedError(Exception):
    """A worker process died; the run stops (exit code 2) and can be resumed."""


# --- records ----------------------------------------------------------------------------------


def record_key(record_id: RecordId) -> str:
    """How OUTPUT lines are matched to input records: 7 and "7" are different ids."""
    return json.dumps(record_id, ensure_ascii=False)


def encode_line(obj: dict[str, Any]) -> bytes:
    """One JSONL line: compact, UTF-8, never containing a raw line separator of any kind."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    # json escapes \n and \r; U+2028/U+2029 are legal in JSON strings but split lines for
    # str.splitlines() readers, so escape them too (they can only occur inside strings).
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (text + "\n").encode("utf-8")


def error_object(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return error


def error_for_exception(exc: BaseException) -> dict[str, Any]:
    """The API's code and message for an input error; ``internal_error`` for anything else."""
    from service.errors import INTERNAL_ERROR, from_pipeline_error

    api_error = from_pipeline_error(exc)
    if api_error is not None:
        return error_object(api_error.kind.code, api_error.message, api_error.details)
    # Unlike the API, the batch user is the operator: the exception text helps them.
    return error_object(INTERNAL_ERROR.code, f"{type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class Outcome:
    """One finished record: its encoded OUTPUT line and what the summary counts."""

    line: bytes
    ok: bool
    sentences: int = 0


def outcome_for(record_id: RecordId, result: Any) -> Outcome:
    """Encode a pipeline result (Brief / Translation) or the exception that replaced it."""
    if isinstance(result, BaseException):
        return Outcome(encode_line({"id": record_id, "error": error_for_exception(result)}), ok=False)
    return Outcome(
        encode_line({"id": record_id, "result": result.model_dump(mode="json")}),
        ok=True,
        sentences=len(result.sentences),
    )


def rejection(record_id: RecordId, code: str, message: str) -> Outcome:
    return Outcome(encode_line({"id": record_id, "error": error_object(code, message)}), ok=False)


# --- reading the input --------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingRecord:
    """A readable record; its text is loaded only when its group is sent to the pipeline."""

    id: RecordId
    load: Callable[[], str]  # raises RecordReadError


@dataclass(frozen=True)
class RejectedRecord:
    """A record answered with an error without running the pipeline (bad JSON, duplicate id, ...)."""

    id: RecordId
    code: str
    message: str


class RecordReadError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


PlannedRecord = PendingRecord | RejectedRecord


def _valid_id(value: object) -> bool:
    if isinstance(value, bool):  # a JSON true is not an id although bool subclasses int
        return False
    return isinstance(value, int) or (isinstance(value, str) and value.strip() != "")


def _jsonl_line_text(handle: IO[bytes], offset: int) -> Callable[[], str]:
    def load() -> str:
        handle.seek(offset)
        return json.loads(handle.readline().decode("utf-8").lstrip("\ufeff"))["text"]

    return load


def plan_jsonl(handle: IO[bytes], name: str) -> Iterator[PlannedRecord]:
    """Validate every line of a seekable JSONL stream; texts are re-read later by offset."""
    seen: dict[str, int] = {}
    offset = 0
    handle.seek(0)
    for number, raw in enumerate(iter(handle.readline, b""), start=1):
        start, offset = offset, offset + len(raw)
        line_id = f"line:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield RejectedRecord(
                line_id,
                "invalid_encoding",
                f"{name} line {number} is not UTF-8 ({exc.reason} at byte {exc.start})",
            )
            continue
        if number == 1:
            line = line.lstrip("\ufeff")  # a byte-order mark, as some Windows editors write
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RejectedRecord(
                line_id,
                "invalid_json",
                f"{name} line {number} is not valid JSON ({exc.msg} at column {exc.colno})",
            )
            continue
        if not isinstance(obj, dict):
            yield RejectedRecord(
                line_id,
                "validation_error",
                f'{name} line {number}: expected an object {{"id": ..., "text": ...}}',
            )
            continue
        record_id = obj.get("id")
        if not _valid_id(record_id):
            yield RejectedRecord(
                line_id,
                "validation_error",
                f'{name} line {number}: "id" is missing or not a non-empty string or integer',
            )
            continue
        assert isinstance(record_id, (str, int))
        key = record_key(record_id)
        if key in seen:
            yield RejectedRecord(
                line_id,
                DUPLICATE_ID,
                f"{name} line {number}: id {key} was already used on line {seen[key]}; ids must be unique",
            )
            continue
        seen[key] = number
        if not isinstance(obj.get("text"), str):
            yield RejectedRecord(
                record_id, "validation_error", f'{name} line {number}: "text" is missing or not a string'
            )
            continue
        yield PendingRecord(record_id, _jsonl_line_text(handle, start))


def _txt_loader(path: Path) -> Callable[[], str]:
    def load() -> str:
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise RecordReadError(
                "invalid_encoding", f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
        except OSError as exc:
            raise RecordReadError("invalid_input", f"cannot read {path}: {exc.strerror}") from None

    return load


def plan_directory(folder: Path) -> list[PlannedRecord]:
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise BatchUsageError(f"{folder} holds no .txt files; put one article per .txt file there")
    return [PendingRecord(p.name, _txt_loader(p)) for p in files]


@contextlib.contextmanager
def open_input(source: str) -> Iterator[list[PlannedRecord]]:
    """All records of INPUT, validated; raises BatchUsageError when INPUT cannot be read at all."""
    if source == "-":
        # Standard input is spooled to a temporary file so texts can be re-read by offset.
        with tempfile.TemporaryFile(prefix="kurzbrief-batch-") as spool:
            shutil.copyfileobj(sys.stdin.buffer, spool)
            yield list(plan_jsonl(spool, "stdin"))
        return
    path = Path(source)
    if path.is_dir():
        yield plan_directory(path)
        return
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise BatchUsageError(f"no such file or folder: {source}") from None
    except OSError as exc:
        raise BatchUsageError(f"cannot read {source}: {exc.strerror}") from None
    with handle:
        yield list(plan_jsonl(handle, path.name))


# --- the output log -------------------------------------------------------------------------------


@dataclass
class ResultLog:
    """OUTPUT, open for appending: the ids already answered, whole-line writes, periodic fsync."""

    path: Path
    fd: int
    done: dict[str, bool] = field(default_factory=dict)  # record key -> ok
    recovered_bytes: int = 0
    _unsynced: int = 0
    _synced_at: float = field(default_factory=time.monotonic)

    @classmethod
    def open(cls, path: Path) -> ResultLog:
        if path.is_dir():
            raise BatchUsageError(
                f"OUTPUT {path} is a folder; give a file path such as {path / 'results.jsonl'}"
            )
        if not path.parent.is_dir():
            raise BatchUsageError(f"the folder of OUTPUT does not exist: {path.parent}")
        created = not path.exists()
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            raise BatchUsageError(f"cannot open OUTPUT {path}: {exc.strerror}") from None
        log = cls(path, fd)
        try:
            log._lock()
            log._recover()
            if created:
                _fsync_dir(path.parent)
        except BaseException:
            os.close(fd)
            raise
        return log

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: no guard against a second writer
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchUsageError(
                f"another kurzbrief batch is writing {self.path}; wait for it or choose another OUTPUT"
            ) from None

    def _recover(self) -> None:
        """Read the answered ids; cut a torn or unparseable last line left by a crash."""
        keep = 0  # bytes of OUTPUT that hold whole, valid lines
        bad_line: tuple[int, int] | None = None  # (line number, offset) of an invalid whole line
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(iter(handle.readline, b""), start=1):
                if bad_line is not None:
                    raise BatchUsageError(
                        f"{self.path} line {bad_line[0]} is not a kurzbrief batch result line; OUTPUT must "
                        "be a file this command wrote, or a new path"
                    )
                if not raw.endswith(b"\n"):
                    break  # torn last line: the crash hit before its newline was written
                parsed = _parse_result_line(raw)
                if parsed is None:
                    if raw.strip():
                        bad_line = (number, keep)
                        continue
                else:
                    self.done[parsed[0]] = parsed[1]
                keep += len(raw)
        size = os.fstat(self.fd).st_size
        if keep < size:
            os.ftruncate(self.fd, keep)
            os.fsync(self.fd)
            self.recovered_bytes = size - keep

    def append(self, line: bytes) -> None:
        view = memoryview(line)
        try:
            while view:  # one write for a regular file; the loop only guards against a short write
                written = os.write(self.fd, view)
                view = view[written:]
        except OSError as exc:
            # A partial line left here is cut off by the next run like any torn line.
            raise OutputWriteError(
                f"cannot write {self.path}: {exc.strerror}; fix that and re-run to resume"
            ) from None
        self._unsynced += 1
        if self._unsynced >= FSYNC_EVERY_RECORDS or time.monotonic() - self._synced_at >= FSYNC_EVERY_SECONDS:
            self.sync()

    def sync(self) -> None:
        if self._unsynced:
            try:
                os.fsync(self.fd)
            except OSError as exc:
                raise OutputWriteError(f"cannot write {self.path}: {exc.strerror}") from None
        self._unsynced = 0
        self._synced_at = time.monotonic()

    def close(self) -> None:
        try:
            self.sync()
        finally:
            os.close(self.fd)


def _parse_result_line(raw: bytes) -> tuple[str, bool] | None:
    """(record key, ok) of a result line, None if it is not one."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(obj, dict) or not _valid_id(obj.get("id")):
        return None
    if isinstance(obj.get("result"), dict):
        return record_key(obj["id"]), True
    if isinstance(obj.get("error"), dict):
        return record_key(obj["id"]), False
    return None


def _fsync_dir(folder: Path) -> None:
    # Makes a newly created OUTPUT's directory entry durable; not possible everywhere.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- running the pipeline -----------------------------------------------------------------------


Item = tuple[RecordId, str]  # (id, text)


def process_group(pipeline: Any, mode: Mode, items: Sequence[Item], emit: Callable[[Outcome], None]) -> None:
    """Run one group through the pipeline; every item is emitted exactly once.

    Record-level errors become error lines. If the group fails as a whole (a translation
    backend error), the items not yet emitted are retried one by one, so one article that
    breaks the model cannot fail its neighbours.
    """
    emitted: set[int] = set()

    def on_result(index: int, result: Any) -> None:
        emitted.add(index)
        emit(outcome_for(items[index][0], result))

    texts = [text for _, text in items]
    try:
        if mode == "brief":
            pipeline.brief_many(texts, raise_errors=False, on_result=on_result)
        else:
            for index, result in enumerate(pipeline.translate_many(texts, raise_errors=False)):
                on_result(index, result)
    except OutputWriteError:
        raise
    except Exception as exc:  # noqa: BLE001 - recorded per record below, never lost
        left = [i for i in range(len(items)) if i not in emitted]
        if len(items) == 1:
            if left:
                on_result(0, exc)
            return
        for index in left:
            process_group(pipeline, mode, [items[index]], emit)


def _load_pipeline(settings: Settings, mode: Mode) -> Any:
    from service.pipeline import BriefPipeline

    try:
        return BriefPipeline.from_settings(settings, summarize=mode == "brief")
    except Exception as exc:  # any load failure stops the run with its reason
        raise ModelLoadError(f"could not load the models: {exc}") from exc


# Worker process state (spawn context: each worker imports this module afresh).
_worker_settings: Settings | None = None
_worker_mode: Mode = "brief"
_worker_pipeline: Any = None


def _init_worker(settings: Settings, mode: Mode) -> None:
    global _worker_settings, _worker_mode
    # Ctrl-C reaches the whole process group; only the parent decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Model loading draws tqdm bars, and tqdm's default lock is a multiprocessing semaphore that
    # a terminated worker leaves registered ("leaked semaphore" warning); a thread lock suffices.
    from tqdm import tqdm

    tqdm.set_lock(threading.RLock())
    _worker_settings, _worker_mode = settings, mode


def _work(items: list[Item]) -> list[Outcome]:
    """Worker task: load the models on first use (not in the initializer: a failing initializer
    makes multiprocessing.Pool respawn workers forever), then brief or translate one group."""
    global _worker_pipeline
    if _worker_pipeline is None:
        assert _worker_settings is not None
        try:
            _worker_pipeline = _load_pipeline(_worker_settings, _worker_mode)
        except ModelLoadError as exc:
            raise ModelLoadError(str(exc)) from None  # the cause may not pickle
    outcomes: list[Outcome] = []
    process_group(_worker_pipeline, _worker_mode, items, outcomes.append)
    return outcomes


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Tally:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    skipped_failed: int = 0  # skipped records whose earlier answer was an error
    sentences: int = 0


def group_size() -> int:
    raw = os.environ.get(GROUP_SIZE_ENV, "")
    if not raw:
        return DEFAULT_GROUP_SIZE
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise BatchUsageError(f"{GROUP_SIZE_ENV} must be a positive integer, not {raw!r}")
    return value


def make_groups(
    records: Sequence[PendingRecord],
    size: int,
    emit: Callable[[Outcome], None],
    max_chars: int = GROUP_MAX_CHARS,
) -> Iterator[list[Item]]:
    """Load texts lazily and cut them into groups; records whose text cannot be read are
    emitted as errors here and never reach the pipeline."""
    group: list[Item] = []
    chars = 0
    for record in records:
        try:
            text = record.load()
        except RecordReadError as exc:
            emit(rejection(record.id, exc.code, exc.message))
            continue
        if group and (len(group) >= size or chars + len(text) > max_chars):
            yield group
            group, chars = [], 0
        group.append((record.id, text))
        chars += len(text)
    if group:
        yield group


def _check_models(settings: Settings, mode: Mode) -> None:
    """Fail fast (before any worker starts or any line is written) when a model folder is missing."""
    if settings.backend != "transformers":
        return  # other backends keep their own layout; their loader reports what is missing
    from service.modelstore import ModelMissingError, check_model_dir

    try:
        check_model_dir(settings.translation_path, "translation")
        if mode == "brief":
            check_model_dir(settings.summarization_path, "summarization")
    except ModelMissingError as exc:
        raise BatchUsageError(str(exc)) from None


def worker_settings(settings: Settings, workers: int) -> Settings:
    """Each of N workers gets cores // N threads, unless KURZBRIEF_THREADS fixed a number."""
    if workers == 1 or settings.threads:
        return settings
    return settings.model_copy(update={"threads": max(1, settings.resolved_threads() // workers)})


def _run_in_workers(
    settings: Settings,
    mode: Mode,
    workers: int,
    groups: Iterator[list[Item]],
    emit: Callable[[Outcome], None],
) -> None:
    # ProcessPoolExecutor rather than multiprocessing.Pool: a worker killed by the OOM killer
    # fails its futures (BrokenProcessPool) instead of hanging the run forever.
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    before = set(multiprocessing.active_children())
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(worker_settings(settings, workers), mode),
    )
    in_flight: set[Future[list[Outcome]]] = set()
    finished_cleanly = False
    try:

        def submit() -> bool:
            group = next(groups, None)
            if group is None:
                return False
            in_flight.add(executor.submit(_work, group))
            return True

        # Two groups per worker keep every worker busy without reading all texts into memory.
        while len(in_flight) < 2 * workers and submit():
            pass
        while in_flight:
            done, _ = wait(
                in_flight, timeout=0.5, return_when=FIRST_COMPLETED
            )  # timeout: Ctrl-C stays responsive
            for future in done:
                in_flight.discard(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    raise WorkerCrashedError(
                        "a worker process died (killed for lack of memory?); the records written so far are "
                        "kept: re-run the same command to resume, with fewer --workers if memory is short"
                    ) from None
                for outcome in outcomes:
                    emit(outcome)
                submit()
        finished_cleanly = True
    finally:
        if finished_cleanly:
            executor.shutdown(wait=True)
        else:
            # Error or Ctrl-C: abandon the groups in flight (they are redone on resume). Only the
            # parent writes OUTPUT, so stopping a worker mid-group cannot tear a line.
            executor.shutdown(wait=False, cancel_futures=True)
            for process in set(multiprocessing.active_children()) - before:
                process.terminate()
                process.join(timeout=5)
            # With its workers gone the executor's manager thread winds down at once; joining it
            # releases the queues' semaphores (else: a "leaked semaphore" warning at exit).
            executor.shutdown(wait=True)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`docker stop` sends SIGTERM: stop as cleanly as on Ctrl-C (PID 1 would otherwise ignore it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _progress(total: int, quiet: bool) -> Any:
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="rec",
        desc="kurzbrief batch",
        disable=quiet or not sys.stderr.isatty(),
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
    )


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_batch(input: str, output: Path, *, mode: str, workers: int, quiet: bool, settings: Settings) -> int:
    """Brief or translate every record of ``input`` into ``output``; returns the exit code."""
    if mode not in ("brief", "translate"):
        _say(f"error: mode must be 'brief' or 'translate', not {mode!r}")
        return EXIT_USAGE
    if workers < 1:
        _say(f"error: workers must be at least 1, not {workers}")
        return EXIT_USAGE
    run_mode: Mode = "brief" if mode == "brief" else "translate"
    output = Path(output)
    tally = Tally()
    started = time.perf_counter()
    interrupted = False
    try:
        with _sigterm_as_interrupt(), open_input(input) as planned:
            if input != "-" and Path(input).is_file() and output.exists() and output.samefile(input):
                raise BatchUsageError("OUTPUT is the INPUT file; write the results to another file")
            size = group_size()
            log = ResultLog.open(output)
            try:
                if log.recovered_bytes:
                    _say(
                        f"{output}: removed a partial last line ({log.recovered_bytes} bytes) left by an "
                        "interrupted run; its record is done again"
                    )
                todo: list[PlannedRecord] = []
                for record in planned:
                    key = record_key(record.id)
                    if key in log.done:
                        tally.skipped += 1
                        tally.skipped_failed += not log.done[key]
                    else:
                        todo.append(record)
                pending = [r for r in todo if isinstance(r, PendingRecord)]
                if pending:
                    _check_models(settings, run_mode)
                interrupted = _process(log, todo, pending, run_mode, workers, size, quiet, settings, tally)
            finally:
                log.close()
    except BatchUsageError as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE
    except (ModelLoadError, WorkerCrashedError, OutputWriteError) as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:  # Ctrl-C while reading the input or opening OUTPUT
        interrupted = True
    _summary(output, tally, time.perf_counter() - started, interrupted)
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_RECORDS_FAILED if tally.failed or tally.skipped_failed else EXIT_OK


def _process(
    log: ResultLog,
    todo: list[PlannedRecord],
    pending: list[PendingRecord],
    mode: Mode,
    workers: int,
    size: int,
    quiet: bool,
    settings: Settings,
    tally: Tally,
) -> bool:
    """Write every record of ``todo``; True when interrupted."""
    pipeline = None
    try:
        if pending and workers == 1:
            # Loaded before the progress bar starts, so its rate and ETA measure the work alone.
            pipeline = _load_pipeline(settings, mode)
    except KeyboardInterrupt:
        return True
    with _progress(len(todo), quiet) as bar:

        def emit(outcome: Outcome) -> None:
            log.append(outcome.line)
            if outcome.ok:
                tally.ok += 1
                tally.sentences += outcome.sentences
            else:
                tally.failed += 1
                bar.set_postfix(failed=tally.failed, refresh=False)
            bar.update(1)

        try:
            for record in todo:
                if isinstance(record, RejectedRecord):
                    emit(rejection(record.id, record.code, record.message))
            if pending:
                groups = make_groups(pending, size, emit)
                if pipeline is not None:
                    for group in groups:
                        process_group(pipeline, mode, group, emit)
                else:
                    _run_in_workers(settings, mode, workers, groups, emit)
        except KeyboardInterrupt:
            return True
    return False


def _summary(output: Path, tally: Tally, seconds: float, interrupted: bool) -> None:
    processed = tally.ok + tally.failed
    rate = processed / seconds if seconds > 0 else 0.0
    sentence_rate = tally.sentences / seconds if seconds > 0 else 0.0
    skipped = f", {tally.skipped} skipped (already in {output.name}"
    skipped += f"; {tally.skipped_failed} of them failed)" if tally.skipped_failed else ")"
    _say(
        f"kurzbrief batch {'interrupted' if interrupted else 'done'}: {processed} processed "
        f"({tally.ok} ok, {tally.failed} failed){skipped} in {seconds:.1f} s; "
        f"{rate:.2f} records/s, {sentence_rate:.1f} sentences/s"
    )
    if interrupted:
        _say("re-run the same command to process the remaining records")
    if tally.failed or tally.skipped_failed:
        _say(f'failed records have an "error" object in {output}; delete those lines to retry them')
