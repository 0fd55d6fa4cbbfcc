"""The `kurzbrief` command end to end on the tiny models, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app

ARTICLE = (
    "Stadtrat beschließt neues Radwegenetz\n"
    "Der Stadtrat von Linz hat am Dienstag ein neues Radwegenetz beschlossen. "
    "Das Projekt koste rund zwölf Millionen Euro, sagte Bürgermeister Klaus Winter.\n"
    "Laut der Opposition ist der Zeitplan zu knapp.\n"
    "(red/APA)\n"
)


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "artikel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def invoke(*args: str, model_dir: Path | None = None):
    env = {"KURZBRIEF_MODEL_DIR": str(model_dir)} if model_dir else {}
    return CliRunner().invoke(app, list(args), env=env)


def test_cli_brief_json_on_tiny_models(tiny_model_dir: Path, article_file: Path) -> None:
    result = invoke("brief", str(article_file), "--json", model_dir=tiny_model_dir)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["headline"] == "Stadtrat beschließt neues Radwegenetz"
    assert payload["credit"] == "(red/APA)"
    assert len(payload["sentences"]) == 3 and all(s["en"] for s in payload["sentences"])
    assert payload["brief"] and payload["brief_sentences"]
    assert {m["role"] for m in payload["models"]} == {"translation", "summarization"}


def test_cli_translate_prints_one_line_per_sentence(tiny_model_dir: Path, article_file: Path) -> None:
    result = invoke("translate", str(article_file), "--model-dir", str(tiny_model_dir))
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) == 3


def test_cli_missing_models_names_path_and_fix(tmp_path: Path, article_file: Path) -> None:
    result = invoke("brief", str(article_file), model_dir=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.output and "kurzbrief models download" in result.output
    check = invoke("models", "check", model_dir=tmp_path / "nowhere")
    assert check.exit_code == 1


def test_cli_attributions_contract(article_file: Path) -> None:
    result = invoke("attributions", str(article_file), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["sentences"][0].startswith("Der Stadtrat von Linz")  # headline is not a body sentence
    assert len(payload["sentences"]) == 3
    keys = {"sentence", "source", "role", "channel", "cue", "kind", "hedged"}
    assert payload["attributions"] and all(set(a) == keys for a in payload["attributions"])
    winter = [a for a in payload["attributions"] if a["sentence"] == 1]
    assert winter and winter[0]["source"] == "Klaus Winter" and winter[0]["kind"] == "direct"


def test_cli_audit_flags_a_dropped_source(tmp_path: Path) -> None:
    bitext = tmp_path / "bitext.jsonl"
    rows = [
        {
            "de": "Das Projekt koste rund zwölf Millionen Euro, sagte Bürgermeister Klaus Winter.",
            "en": "The project costs around twelve million euros, said Mayor Klaus Winter.",
        },
    ]
    bitext.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(
        "Mayor Klaus Winter said the project costs around twelve million euros.", encoding="utf-8"
    )
    bad.write_text("The project costs around twelve million euros.", encoding="utf-8")
    ok = invoke("audit", "--bitext", str(bitext), "--brief", str(good), "--json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["ok"] is True
    flagged = invoke("audit", "--bitext", str(bitext), "--brief", str(bad), "--json")
    assert flagged.exit_code == 1
    kinds = [f["kind"] for s in json.loads(flagged.stdout)["sentences"] for f in s["flags"]]
    assert "missing_source" in kinds


def test_cli_bad_input_is_a_clear_error(tmp_path: Path, tiny_model_dir: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text("The council approved a new cycle network on Tuesday, the mayor said.", encoding="utf-8")
    result = invoke("brief", str(path), model_dir=tiny_model_dir)
    assert result.exit_code == 2 and "English" in result.output


def test_console_script_entry_point_runs(tiny_model_dir: Path, article_file: Path) -> None:
    """The installed entry point (python -m service.cli = console script `kurzbrief`) works from stdin."""
    env = {**os.environ, "KURZBRIEF_MODEL_DIR": str(tiny_model_dir), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "translate", "-"],
        input=article_file.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 3


def test_cli_models_download_without_network_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import service.modelstore

    def unreachable(*args: object, **kwargs: object) -> list[Path]:
        raise ConnectionError("Name or service not known")

    monkeypatch.setattr(service.modelstore, "download_models", unreachable)
    result = invoke("models", "download", "--model-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "could not download" in result.output and "make-tiny" in result.output


def test_cli_eval_attributions_reads_several_data_files(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        'id,category,text\ngnad-1,Inland,"Die Lage sei ernst, sagte Bürgermeister Klaus Winter."\n',
        encoding="utf-8",
    )
    (tmp_path / "nt.deu").write_text(
        "Streik geht weiter\nDie Gewerkschaft hat den Streik verlängert, teilte die Bahn mit.\n",
        encoding="utf-8",
    )
    gold = [
        {"type": "article", "article_id": "gnad-1", "category": "Inland", "n_sentences": 1},
        {
            "type": "sentence",
            "article_id": "gnad-1",
            "index": 0,
            "anchor": "Die Lage sei ernst, sagte",
            "attributions": [
                {
                    "source": "Klaus Winter",
                    "role": "Bürgermeister",
                    "channel": None,
                    "cue": "sagte",
                    "kind": "direct",
                    "hedged": False,
                }
            ],
        },
        {"type": "article", "article_id": "nt-L0001", "category": "newstest", "n_sentences": 1},
        {
            "type": "sentence",
            "article_id": "nt-L0001",
            "index": 0,
            "anchor": "Die Gewerkschaft hat den Streik",
            "attributions": [
                {
                    "source": "die Bahn",
                    "role": None,
                    "channel": None,
                    "cue": "teilte mit",
                    "kind": "direct",
                    "hedged": False,
                }
            ],
        },
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in gold) + "\n", encoding="utf-8")
    result = invoke(
        "eval",
        "attributions",
        "--gold",
        str(tmp_path / "gold.jsonl"),
        "--data",
        str(tmp_path / "a.csv"),
        "--data",
        str(tmp_path / "nt.deu"),
        "--json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["tp"] == 2 and report["overall"]["fn"] == 0
