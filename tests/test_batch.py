"""The batch runner: inputs, per-record errors, resume after a crash, idempotent re-runs.

Most tests run ``run_batch`` in-process on a pipeline of doubles (fast, deterministic). The
crash test and the multi-worker test run the real command in a subprocess on the tiny
random-weight models.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from service import batch
from service.batch import ResultLog, encode_line, run_batch
from service.document import Article, Brief, BriefSentence, Paragraph, Sentence, Translation
from service.pipeline import BriefPipeline
from service.settings import Settings
from service.stages import GuardResult, TranslationResult
from service.text.language import LanguageDetector
from tests.doubles import DictTranslator, LeadSummarizer

REPO_ROOT = Path(__file__).resolve().parent.parent

# Invented German news snippets (several sentences each, clearly German for the detector).
GERMAN = [
    "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen. Die Opposition stimmte dagegen. "
    "Die Bürgermeisterin sagte, die Schulden würden trotzdem sinken.",
    "Bei einem Feuer in einer Lagerhalle ist niemand verletzt worden. Die Feuerwehr war mit vierzig "
    "Einsatzkräften vor Ort. Die Ursache des Brandes ist noch unklar.",
    "Der Verein hat seinen Trainer entlassen. Nach fünf Niederlagen in Folge sah die Vereinsführung "
    "keinen anderen Ausweg. Ein Nachfolger soll bereits feststehen.",
    "Die Preise für Heizöl sind im Herbst deutlich gestiegen. Verbraucherschützer raten dazu, die "
    "Angebote mehrerer Händler zu vergleichen. Viele Haushalte warten noch mit dem Kauf.",
    "Im Zoo der Stadt ist ein junger Elefant zur Welt gekommen. Mutter und Kind sind wohlauf. "
    "Besucher können das Jungtier ab der kommenden Woche sehen.",
]
ENGLISH = (
    "The city council approved a new budget on Tuesday. The opposition voted against it. "
    "The mayor said that the debt would still go down."
)


# --- a pipeline of doubles -------------------------------------------------------------------------


class ParagraphCleaner:
    """Every non-blank line is a body paragraph (no headline, nothing removed)."""

    def clean(self, text: str) -> Article:
        lines = [(n, line.strip()) for n, line in enumerate(text.split("\n")) if line.strip()]
        return Article(paragraphs=[Paragraph(text=line, line=n) for n, line in lines])


class PeriodSplitter:
    def split_article(self, article: Article) -> list[Sentence]:
        sentences: list[Sentence] = []
        for p, paragraph in enumerate(article.paragraphs):
            for part in paragraph.text.split(". "):
                if part.strip():
                    sentences.append(Sentence(index=len(sentences), de=part.strip(), paragraph=p))
        return sentences


class NoAttributions:
    def extract(self, sentences: Sequence[str], paragraphs: Sequence[int] | None = None) -> list[list[Any]]:
        return [[] for _ in sentences]


class PassGuard:
    """Accepts the draft as it is, one brief sentence per draft sentence."""

    def guard(self, sentences: Sequence[Sentence], draft: str) -> GuardResult:
        parts = [p for p in draft.split(". ") if p]
        return GuardResult([BriefSentence(text=p, sources=[i]) for i, p in enumerate(parts)])


class FailingTranslator(DictTranslator):
    """Fails a whole call whenever one of its sentences contains ``poison``."""

    def __init__(self, poison: str) -> None:
        super().__init__()
        self.poison = poison

    def translate_sentences(self, sentences: Sequence[str]) -> TranslationResult:
        if any(self.poison in s for s in sentences):
            raise RuntimeError("backend exploded")
        return super().translate_sentences(sentences)


class InterruptingSummarizer(LeadSummarizer):
    """Simulates Ctrl-C arriving while the n-th article is summarized."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after
        self.calls = 0

    def summarize(self, sentences: Sequence[str], *, target_sentences: int) -> Any:
        self.calls += 1
        if self.calls > self.after:
            raise KeyboardInterrupt
        return super().summarize(sentences, target_sentences=target_sentences)


_DETECTOR: LanguageDetector | None = None


def doubles_pipeline(settings: Settings, translator: Any = None, summarizer: Any = None) -> BriefPipeline:
    global _DETECTOR
    _DETECTOR = _DETECTOR or LanguageDetector()
    return BriefPipeline(
        cleaner=ParagraphCleaner(),
        splitter=PeriodSplitter(),
        extractor=NoAttributions(),
        translator=translator or DictTranslator(),
        summarizer=summarizer or LeadSummarizer(),
        guard=PassGuard(),
        language=_DETECTOR,
        settings=settings,
    )


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Route the runner's model loading to the doubles; records each load."""
    calls: list[str] = []

    def load(settings: Settings, mode: str) -> BriefPipeline:
        calls.append(mode)
        return doubles_pipeline(settings)

    monkeypatch.setattr(batch, "_load_pipeline", load)
    monkeypatch.setattr(batch, "_check_models", lambda settings, mode: None)
    return calls


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(model_dir=tmp_path / "no-models")


def write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_output(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), "every line must be complete"
    return [json.loads(line) for line in raw.decode("utf-8").split("\n")[:-1]]


def by_id(rows: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), f"duplicate ids in output: {ids}"
    return {row["id"]: row for row in rows}


# --- inputs and outputs ----------------------------------------------------------------------------


def test_jsonl_input_briefs_every_record(tmp_path: Path, settings: Settings, loads: list[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"a{i}", "text": t} for i, t in enumerate(GERMAN)])
    out = tmp_path / "out.jsonl"

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 0

    rows = by_id(read_output(out))
    assert set(rows) == {f"a{i}" for i in range(len(GERMAN))}
    for i, text in enumerate(GERMAN):
        brief = Brief.model_validate(rows[f"a{i}"]["result"])
        assert [s.de for s in brief.sentences] == [p.strip() for p in text.split(". ")]
        assert brief.brief.startswith("[en] ")  # the double translator's marker: the pipeline really ran
    assert loads == ["brief"]


def test_directory_input_translates_each_txt_file(
    tmp_path: Path, settings: Settings, loads: list[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(GERMAN[:3]):
        (folder / f"story-{i}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Die Straße ist gesperrt.".encode("latin-1"))
    out = tmp_path / "out.jsonl"

    assert run_batch(str(folder), out, mode="translate", workers=1, quiet=True, settings=settings) == 1

    rows = by_id(read_output(out))
    assert set(rows) == {"story-0.txt", "story-1.txt", "story-2.txt", "latin1.txt"}
    translation = Translation.model_validate(rows["story-1.txt"]["result"])
    assert translation.sentences[0].en == "[en] " + GERMAN[1].split(". ")[0]
    assert rows["latin1.txt"]["error"]["code"] == "invalid_encoding"
    assert "latin1.txt" in rows["latin1.txt"]["error"]["message"]
    assert loads == ["translate"]


def test_bad_records_get_their_own_error_line_and_the_run_goes_on(
    tmp_path: Path, settings: Settings, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "ok-1", "text": GERMAN[0]},
            {"id": "empty", "text": "   "},
            {"id": "english", "text": ENGLISH},
            '{"id": "broken", "text": "Der Satz',  # line 4: invalid JSON
            {"id": "no-text"},
            {"text": GERMAN[1]},  # line 6: no id
            {"id": "ok-1", "text": GERMAN[2]},  # line 7: duplicate id
            {"id": "too-long", "text": "Der Text ist lang. " * 16},
            ["not", "an", "object"],  # line 9
            {"id": 7, "text": GERMAN[3]},
        ],
    )
    out = tmp_path / "out.jsonl"
    short_limit = settings.model_copy(update={"max_text_chars": 250})

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=short_limit) == 1

    rows = by_id(read_output(out))
    assert "result" in rows["ok-1"] and "result" in rows[7]
    assert Brief.model_validate(rows["ok-1"]["result"]).sentences[0].de == GERMAN[0].split(". ")[0]
    codes = {key: row["error"]["code"] for key, row in rows.items() if "error" in row}
    assert codes == {
        "empty": "invalid_text",
        "english": "not_german",
        "line:4": "invalid_json",
        "no-text": "validation_error",
        "line:6": "validation_error",
        "line:7": "duplicate_id",
        "too-long": "text_too_long",
        "line:9": "validation_error",
    }
    assert rows["too-long"]["error"]["details"] == {"length": 304, "limit": 250}
    assert "line 1" in rows["line:7"]["error"]["message"]  # says where the id was first used
    summary = capsys.readouterr().err
    assert "2 ok, 8 failed" in summary


def test_rerun_is_idempotent_and_loads_no_model(
    tmp_path: Path, settings: Settings, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "text": GERMAN[0]}, "{oops", {"id": "b", "text": GERMAN[1]}]
    )
    out = tmp_path / "out.jsonl"
    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 1
    first = out.read_bytes()
    capsys.readouterr()

    # Still exit 1: OUTPUT holds an error for one of INPUT's records.
    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 1

    assert out.read_bytes() == first
    assert loads == ["brief"]  # the second run had nothing to do and loaded nothing
    assert "0 processed (0 ok, 0 failed), 3 skipped" in capsys.readouterr().err


def test_resume_cuts_a_torn_last_line_and_does_only_the_rest(
    tmp_path: Path, settings: Settings, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": t} for i, t in enumerate(GERMAN)])
    out = tmp_path / "out.jsonl"
    # What a crash leaves: two whole lines from an earlier run and half of a third.
    done = [
        encode_line({"id": "r3", "result": {"earlier": True}}),
        encode_line({"id": "r0", "error": {"code": "x"}}),
    ]
    torn = encode_line({"id": "r1", "result": {"brief": "cut off"}})[:25]
    out.write_bytes(b"".join(done) + torn)

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 1

    raw = out.read_bytes()
    assert raw.startswith(b"".join(done))  # earlier lines untouched
    rows = by_id(read_output(out))
    assert set(rows) == {"r0", "r1", "r2", "r3", "r4"}
    assert rows["r3"]["result"] == {"earlier": True}
    assert "result" in rows["r1"] and rows["r1"]["result"]["brief"] != "cut off"
    err = capsys.readouterr().err
    assert "removed a partial last line (25 bytes)" in err
    assert "3 processed (3 ok, 0 failed), 2 skipped" in err


def test_unparseable_whole_last_line_is_redone(tmp_path: Path, settings: Settings, loads: list[str]) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "text": GERMAN[0]}, {"id": "b", "text": GERMAN[1]}]
    )
    out = tmp_path / "out.jsonl"
    out.write_bytes(encode_line({"id": "a", "result": {}}) + b'{"id": "b", "res\x00\x00\n')

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 0
    assert set(by_id(read_output(out))) == {"a", "b"}


def test_foreign_output_file_is_refused_untouched(
    tmp_path: Path, settings: Settings, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GERMAN[0]}])
    out = tmp_path / "notes.txt"
    out.write_text("my notes\nmore notes\n", encoding="utf-8")

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 2
    assert out.read_text(encoding="utf-8") == "my notes\nmore notes\n"
    assert "line 1 is not a kurzbrief batch result line" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("make_input", "expected"),
    [
        (lambda tmp: str(tmp / "missing.jsonl"), "no such file or folder"),
        (lambda tmp: str((tmp / "empty-folder").mkdir() or tmp / "empty-folder"), "holds no .txt files"),
    ],
)
def test_unreadable_input_is_a_usage_error(
    tmp_path: Path,
    settings: Settings,
    loads: list[str],
    capsys: pytest.CaptureFixture[str],
    make_input: Any,
    expected: str,
) -> None:
    out = tmp_path / "out.jsonl"
    assert run_batch(make_input(tmp_path), out, mode="brief", workers=1, quiet=True, settings=settings) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()
    assert loads == []


def test_missing_models_stop_the_run_before_any_line_is_written(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", ["not json", {"id": "a", "text": GERMAN[0]}])
    out = tmp_path / "out.jsonl"

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 2

    assert out.read_bytes() == b""
    err = capsys.readouterr().err
    assert "translation model not usable" in err and "kurzbrief models download" in err


def test_group_failure_is_retried_record_by_record(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    poison = "Die Feuerwehr war mit vierzig Einsatzkräften vor Ort"
    monkeypatch.setattr(
        batch, "_load_pipeline", lambda s, mode: doubles_pipeline(s, translator=FailingTranslator(poison))
    )
    monkeypatch.setattr(batch, "_check_models", lambda settings, mode: None)
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": t} for i, t in enumerate(GERMAN)])
    out = tmp_path / "out.jsonl"

    assert run_batch(str(source), out, mode="translate", workers=1, quiet=True, settings=settings) == 1

    rows = by_id(read_output(out))
    assert {key for key, row in rows.items() if "result" in row} == {0, 2, 3, 4}
    assert rows[1]["error"] == {"code": "internal_error", "message": "RuntimeError: backend exploded"}


def test_ctrl_c_leaves_whole_lines_exit_130_and_resume_finishes(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        batch,
        "_load_pipeline",
        lambda s, mode: doubles_pipeline(s, summarizer=InterruptingSummarizer(after=2)),
    )
    monkeypatch.setattr(batch, "_check_models", lambda settings, mode: None)
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": t} for i, t in enumerate(GERMAN)])
    out = tmp_path / "out.jsonl"

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 130
    assert set(by_id(read_output(out))) == {"r0", "r1"}  # written one by one as each brief finished
    assert "re-run the same command" in capsys.readouterr().err

    monkeypatch.setattr(batch, "_load_pipeline", lambda s, mode: doubles_pipeline(s))
    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 0
    assert set(by_id(read_output(out))) == {f"r{i}" for i in range(len(GERMAN))}


def test_stdin_input(
    tmp_path: Path, settings: Settings, loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "\n".join(json.dumps({"id": f"s{i}", "text": t}) for i, t in enumerate(GERMAN[:2])) + "\n\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))
    out = tmp_path / "out.jsonl"

    assert run_batch("-", out, mode="translate", workers=1, quiet=True, settings=settings) == 0
    assert set(by_id(read_output(out))) == {"s0", "s1"}


def test_windows_style_jsonl_with_bom_and_crlf(tmp_path: Path, settings: Settings, loads: list[str]) -> None:
    rows = [json.dumps({"id": f"w{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(GERMAN[:2])]
    source = tmp_path / "in.jsonl"
    source.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    out = tmp_path / "out.jsonl"

    assert run_batch(str(source), out, mode="translate", workers=1, quiet=True, settings=settings) == 0
    rows_out = by_id(read_output(out))
    assert Translation.model_validate(rows_out["w0"]["result"]).sentences[0].de == GERMAN[0].split(". ")[0]


def test_a_second_writer_on_the_same_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = ResultLog.open(out)
    try:
        with pytest.raises(batch.BatchUsageError, match="another kurzbrief batch is writing"):
            ResultLog.open(out)
    finally:
        first.close()
    ResultLog.open(out).close()  # free again once the first writer is gone


def test_output_lines_never_contain_a_raw_line_separator() -> None:
    line = encode_line({"id": "x", "result": {"text": "a\u2028b\u2029c\nd"}})
    assert line.count(b"\n") == 1 and line.endswith(b"\n")
    assert len(line.decode("utf-8").splitlines()) == 1
    assert json.loads(line)["result"]["text"] == "a\u2028b\u2029c\nd"


def test_worker_threads_split_the_cores() -> None:
    auto = Settings(threads=0)
    assert batch.worker_settings(auto, 1) is auto
    assert batch.worker_settings(auto, 2).threads == max(1, auto.resolved_threads() // 2)
    assert batch.worker_settings(Settings(threads=3), 2).threads == 3  # an explicit setting wins


def test_group_size_knob_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(batch.GROUP_SIZE_ENV, "0")
    with pytest.raises(batch.BatchUsageError, match="positive integer"):
        batch.group_size()
    monkeypatch.setenv(batch.GROUP_SIZE_ENV, "3")
    assert batch.group_size() == 3


def test_groups_respect_size_and_character_budget() -> None:
    records = [batch.PendingRecord(i, lambda n=n: "x" * n) for i, n in enumerate([10, 10, 20, 50, 20])]
    emitted: list[Any] = []
    groups = list(batch.make_groups(records, size=2, emit=emitted.append, max_chars=60))
    assert [[record_id for record_id, _ in g] for g in groups] == [[0, 1], [2], [3], [4]]
    assert emitted == []


def test_a_full_disk_stops_the_run_instead_of_failing_every_record(
    tmp_path: Path,
    settings: Settings,
    loads: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import errno

    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": t} for i, t in enumerate(GERMAN)])
    out = tmp_path / "out.jsonl"
    writes: list[int] = []

    def full_disk(fd: int, data: bytes) -> int:
        writes.append(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(batch.os, "write", full_disk)

    assert run_batch(str(source), out, mode="brief", workers=1, quiet=True, settings=settings) == 2
    assert len(writes) == 1  # the first failed write ends the run; no error line is attempted per record
    assert "No space left on device" in capsys.readouterr().err


# --- the real command on tiny models ----------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_models(tiny_model_dir: Path) -> Path:
    """The session's tiny random-weight models (tests/conftest.py)."""
    return tiny_model_dir


def batch_command(source: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "service.cli", "batch", str(source), str(out), "--quiet", *extra]


def batch_env(models: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KURZBRIEF_")}
    env.update(
        KURZBRIEF_MODEL_DIR=str(models),
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        # Random weights rarely stop early: greedy search and short outputs keep the tests quick.
        KURZBRIEF_TRANSLATION_BEAMS="1",
        KURZBRIEF_SUMMARY_BEAMS="1",
        KURZBRIEF_TRANSLATION_MAX_LENGTH_RATIO="0.1",
        **extra,
    )
    return env


SHORT_GERMAN = [
    "Der Bürgermeister eröffnete am Montag die neue Brücke über den Fluss.",
    "Die Polizei sucht nach Zeugen des Unfalls auf der Landstraße.",
    "Das Museum zeigt ab Freitag Bilder aus dem vergangenen Jahrhundert.",
]


def short_articles(count: int) -> list[dict[str, str]]:
    return [{"id": f"art-{i:03d}", "text": SHORT_GERMAN[i % len(SHORT_GERMAN)]} for i in range(count)]


@pytest.mark.slow
def test_resume_after_kill_9_mid_run(tmp_path: Path, tiny_models: Path) -> None:
    count = 8
    source = write_jsonl(tmp_path / "in.jsonl", short_articles(count))
    out = tmp_path / "out.jsonl"
    command = batch_command(source, out, "--mode", "translate")
    env = batch_env(tiny_models, KURZBRIEF_BATCH_GROUP_SIZE="1")  # one record per write

    proc = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not (out.exists() and out.read_bytes().count(b"\n") >= 1):
            assert proc.poll() is None, (
                f"batch exited early: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
            assert time.monotonic() < deadline, "no result line within 120 s"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
    written_before = out.read_bytes().count(b"\n")
    assert written_before < count, "the run finished before it was killed; the test proves nothing"
    with out.open("ab") as handle:  # a crash in the middle of a write
        handle.write(b'{"id": "art-999", "result": {"sentences": [{"de": "halb')

    rerun = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True)

    assert rerun.returncode == 0, rerun.stderr
    rows = by_id(read_output(out))
    assert set(rows) == {f"art-{i:03d}" for i in range(count)}
    for row in rows.values():
        Translation.model_validate(row["result"])
    assert "removed a partial last line" in rerun.stderr
    assert f"{count - written_before} processed" in rerun.stderr


@pytest.mark.slow
def test_two_workers_and_rerun_does_nothing(tmp_path: Path, tiny_models: Path) -> None:
    rows = [*short_articles(3), {"id": "english", "text": ENGLISH}]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    # Translate mode: the worker plumbing is the same as for briefs, without loading a summarizer.
    command = batch_command(source, out, "--workers", "2", "--mode", "translate")
    env = batch_env(tiny_models, KURZBRIEF_BATCH_GROUP_SIZE="1")

    first = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    assert first.returncode == 1, first.stderr
    results = by_id(read_output(out))
    assert set(results) == {row["id"] for row in rows}
    assert results["english"]["error"]["code"] == "not_german"
    for row in rows[:3]:
        translation = Translation.model_validate(results[row["id"]]["result"])
        assert [s.de for s in translation.sentences] == [row["text"]] and translation.sentences[0].en
    assert "3 ok, 1 failed" in first.stderr and "sentences/s" in first.stderr
    before = out.read_bytes()

    second = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    assert second.returncode == 1, second.stderr
    assert out.read_bytes() == before
    assert "0 processed" in second.stderr and "4 skipped" in second.stderr
