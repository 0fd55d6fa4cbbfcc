"""The `kurzbrief` command: serve, brief, translate, attributions, audit, batch, bench, models."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from service.settings import Settings

app = typer.Typer(
    help="Kurzbrief: German news article in, English brief out, every attribution kept.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Fetch or build the models.", no_args_is_help=True)
eval_app = typer.Typer(help="Score the attribution stages on the dev sets.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(eval_app, name="eval")

ModelDir = Annotated[
    Path | None,
    typer.Option("--model-dir", help="Model folder (default: $KURZBRIEF_MODEL_DIR, else ./models)."),
]
InputFile = Annotated[str, typer.Argument(help="A text file, or - for standard input.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the full JSON result.")]


def _settings(model_dir: Path | None, **overrides: object) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    if model_dir is not None:
        values["model_dir"] = model_dir
    return Settings(**values)


def _read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise typer.BadParameter(f"no such file: {path}") from None
    except UnicodeDecodeError as exc:
        raise typer.BadParameter(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=2)


def _user_errors() -> tuple[type[Exception], ...]:
    """Errors that describe bad input or a missing model: printed plainly, exit code 2."""
    from service.modelstore import ModelMissingError
    from service.pipeline import NoBodyTextError, TextTooLongError
    from service.text.language import NotGermanError
    from service.text.normalize import InvalidTextError

    return (ModelMissingError, NoBodyTextError, TextTooLongError, NotGermanError, InvalidTextError)


def _dump(model: object) -> None:
    typer.echo(json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2))  # type: ignore[attr-defined]


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    model_dir: ModelDir = None,
) -> None:
    """Run the HTTP API (models load once at start-up)."""
    import uvicorn

    from service.api import create_app

    settings = _settings(model_dir, host=host, port=port)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,  # the app configures structured logging itself
        timeout_graceful_shutdown=30,
    )


@app.command()
def brief(
    file: InputFile,
    as_json: AsJson = False,
    sentences: Annotated[
        int | None, typer.Option("--sentences", min=1, max=20, help="Target brief length.")
    ] = None,
    model_dir: ModelDir = None,
) -> None:
    """Print the English brief of a German article."""
    from service.pipeline import BriefPipeline

    text = _read_input(file)
    try:
        result = BriefPipeline.from_settings(_settings(model_dir)).brief(text, target_sentences=sentences)
    except _user_errors() as exc:
        raise _fail(exc) from None
    if as_json:
        _dump(result)
    else:
        typer.echo(result.brief)


@app.command()
def translate(file: InputFile, as_json: AsJson = False, model_dir: ModelDir = None) -> None:
    """Print the sentence-by-sentence English translation of a German article."""
    from service.pipeline import BriefPipeline

    text = _read_input(file)
    try:
        result = BriefPipeline.from_settings(_settings(model_dir), summarize=False).translate(text)
    except _user_errors() as exc:
        raise _fail(exc) from None
    if as_json:
        _dump(result)
    else:
        typer.echo("\n".join(s.en or "" for s in result.sentences))


@app.command()
def attributions(file: InputFile, as_json: AsJson = False) -> None:
    """List who said what in a German article (no model weights needed)."""
    from service.attribution.extract import RuleAttributionExtractor
    from service.text.clean import ArticleCleaner
    from service.text.normalize import normalize_text
    from service.text.split import GermanSentenceSplitter

    try:
        article = ArticleCleaner().clean(normalize_text(_read_input(file)))
    except _user_errors() as exc:
        raise _fail(exc) from None
    split = GermanSentenceSplitter().split_article(article)
    sentences = [s.de for s in split]
    found = RuleAttributionExtractor().extract(sentences, paragraphs=[s.paragraph for s in split])
    rows = [{"sentence": i, **a.model_dump(mode="json")} for i, attrs in enumerate(found) for a in attrs]
    if as_json:
        typer.echo(json.dumps({"sentences": sentences, "attributions": rows}, ensure_ascii=False, indent=2))
        return
    for row in rows:
        hedge = " (hedged)" if row["hedged"] else ""
        typer.echo(f"[{row['sentence']}] {row['kind']}: {row['source']} — {row['cue']}{hedge}")


@app.command()
def audit(
    bitext: Annotated[Path, typer.Option(help='JSONL, one {"de": ..., "en": ...} per source sentence.')],
    brief_file: Annotated[Path, typer.Option("--brief", help="The English brief, plain text.")],
    as_json: AsJson = False,
) -> None:
    """Audit an English brief against its German source (no model weights needed)."""
    from service.attribution.audit import audit_bitext
    from service.attribution.extract import RuleAttributionExtractor

    rows = []
    for n, line in enumerate(bitext.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(ValueError(f"{bitext}:{n}: not JSON ({exc.msg})")) from None
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("de"), str)
            or not isinstance(row.get("en"), str)
        ):
            raise _fail(ValueError(f'{bitext}:{n}: expected {{"de": str, "en": str}}'))
        rows.append(row)
    report = audit_bitext(rows, brief_file.read_text(encoding="utf-8"), RuleAttributionExtractor())
    if as_json:
        _dump(report)
    else:
        for s in report.sentences:
            flags = "; ".join(f"{f.kind}: {f.detail}" for f in s.flags) or "ok"
            typer.echo(f"{s.text}\n  sources {s.sources} — {flags}")
    raise typer.Exit(code=0 if report.ok else 1)


@app.command()
def batch(
    input: Annotated[
        str, typer.Argument(help='JSONL file ({"id", "text"} per line), a folder of .txt, or -.')
    ],
    output: Annotated[Path, typer.Argument(help="JSONL results; re-running resumes where it stopped.")],
    mode: Annotated[str, typer.Option(help="brief or translate.")] = "brief",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, each loading the models once.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    model_dir: ModelDir = None,
) -> None:
    """Translate or brief many articles; resumable, one result line per record."""
    from service.batch import run_batch

    if mode not in ("brief", "translate"):
        raise typer.BadParameter("--mode must be 'brief' or 'translate'")
    code = run_batch(input, output, mode=mode, workers=workers, quiet=quiet, settings=_settings(model_dir))
    raise typer.Exit(code=code)


@app.command()
def bench(
    as_json: AsJson = False,
    article: Annotated[
        Path | None, typer.Option(help="German article to time (default: a ~750-word 10kGNAD one).")
    ] = None,
    repeat: Annotated[int, typer.Option(min=1, help="Timed runs per configuration.")] = 3,
    cache_dir: Annotated[
        Path, typer.Option(help="Where the architecture-true models are built once.")
    ] = Path(".cache/bench"),
) -> None:
    """Time the pipeline against a hand-written transformers baseline (architecture-true random models)."""
    from service.bench import run_bench

    run_bench(article=article, repeat=repeat, cache_dir=cache_dir, as_json=as_json)


@models_app.command("download")
def models_download(
    model_dir: ModelDir = None,
    convert: Annotated[bool, typer.Option(help="Also write the CTranslate2 int8 conversions.")] = True,
) -> None:
    """Fetch the default models at their pinned revisions (needs internet)."""
    from service.modelstore import download_models, load_manifest

    target = _settings(model_dir).model_dir
    try:
        paths = download_models(target, load_manifest(), convert=convert)
    except Exception as exc:  # noqa: BLE001 - network/hub failures of every kind end here
        typer.echo(
            f"error: could not download the models into {target}: {type(exc).__name__}: {exc}\n"
            "This needs access to huggingface.co. Without it, copy the model folders into the model dir "
            "(see models/README.md), or try the plumbing with `kurzbrief models make-tiny DIR`.",
            err=True,
        )
        raise typer.Exit(code=2) from None
    for path in paths:
        typer.echo(f"ready: {path}")


@models_app.command("check")
def models_check(model_dir: ModelDir = None) -> None:
    """Exit 0 if both configured models are present, else say what is missing (exit 1)."""
    from service.modelstore import ModelMissingError, check_model_dir

    settings = _settings(model_dir)
    missing = False
    for role, path in (
        ("translation", settings.translation_path),
        ("summarization", settings.summarization_path),
    ):
        try:
            check_model_dir(path, role)
            typer.echo(f"{role}: {path} ok")
        except ModelMissingError as exc:
            typer.echo(f"{role}: {exc}", err=True)
            missing = True
    raise typer.Exit(code=1 if missing else 0)


@models_app.command("make-tiny")
def models_make_tiny(
    directory: Annotated[Path, typer.Argument(help="Where to write the tiny models.")],
    seed: Annotated[int, typer.Option(help="Random seed of the weights.")] = 0,
) -> None:
    """Write tiny random-weight models (real tokenizers and configs) for offline plumbing tests."""
    from service.modelbuild import make_tiny

    for role, path in make_tiny(directory, seed=seed).items():
        typer.echo(f"{role}: {path}")
    typer.echo(f"use them with: KURZBRIEF_MODEL_DIR={directory} kurzbrief serve")


_SHARED_DATA = Path("../shared/data")
_DATA_HELP = (
    "Article text: 10kGNAD CSV and/or WMT newstest .deu files; repeat the option for several "
    "(default: ../shared/data/10kgnad-dev.csv and newstest2017/2018.deu, those present)."
)


def _eval_data(data: list[Path] | None) -> list[Path]:
    if data:
        return data
    defaults = [_SHARED_DATA / f for f in ("10kgnad-dev.csv", "newstest2017.deu", "newstest2018.deu")]
    return [p for p in defaults if p.is_file()] or defaults[:1]


@eval_app.command("attributions")
def eval_attributions(
    gold: Annotated[Path, typer.Option(help="Gold JSONL.")] = Path("eval/attributions/dev.jsonl"),
    data: Annotated[list[Path] | None, typer.Option(help=_DATA_HELP)] = None,
    as_json: AsJson = False,
) -> None:
    """Precision/recall of attribution extraction against the annotated dev articles."""
    from service.attribution.evaluate_extraction import main as run

    files = [str(p) for p in _eval_data(data)]
    raise typer.Exit(code=run(["--gold", str(gold), "--data", *files, *(["--json"] if as_json else [])]))


@eval_app.command("audit")
def eval_audit(
    fault_set: Annotated[Path, typer.Option("--set", help="Audit dev set JSONL.")] = Path(
        "eval/audit/dev.jsonl"
    ),
    data: Annotated[list[Path] | None, typer.Option(help=_DATA_HELP)] = None,
    attributions: Annotated[
        str, typer.Option(help="German attributions from the hand-annotated 'gold' or the 'extractor'.")
    ] = "extractor",
    as_json: AsJson = False,
) -> None:
    """Fault detection and false-flag rates of the brief audit."""
    from service.attribution.evaluate_audit import main as run

    files = [str(p) for p in _eval_data(data)]
    argv = ["--set", str(fault_set), "--data", *files, "--attributions", attributions]
    raise typer.Exit(code=run([*argv, *(["--json"] if as_json else [])]))


def main() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()


if __name__ == "__main__":
    main()
