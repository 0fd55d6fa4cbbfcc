"""`kurzbrief bench` end to end on tiny models: it runs, forces lengths, and reports its keys.

No timing assertions: only that the harness measures what it says it measures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service import bench

# Invented article (not from any data set): a few paragraphs of German news prose.
ARTICLE = """Stadtrat beschließt neue Radwege

Der Stadtrat hat am Dienstag den Bau von drei neuen Radwegen beschlossen. Die Kosten sollen bei rund vier Millionen Euro liegen, sagte die Bürgermeisterin nach der Sitzung.

Die Opposition kritisierte den Plan. Er komme zu spät und sei zu teuer, erklärte ein Sprecher der Fraktion. Laut einer Umfrage der Lokalzeitung wünscht sich jedoch eine Mehrheit der Bewohner mehr Platz für Fahrräder.

Die Arbeiten beginnen im Frühjahr. Die Stadtverwaltung rechnet mit einer Bauzeit von zwei Jahren. Anwohner sollen rechtzeitig informiert werden, teilte das Bauamt mit.
"""


@pytest.fixture(scope="module")
def article_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench-article") / "artikel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bench_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


def test_cut_words_ends_at_a_sentence() -> None:
    text = "Eins zwei drei. Vier fünf sechs sieben. Acht."
    assert bench.cut_words(text, 2) == "Eins zwei drei."
    assert bench.cut_words(text, 4) == "Eins zwei drei. Vier fünf sechs sieben."
    assert bench.cut_words(text, 100) == text


def test_scaling_texts_grow_without_the_data_set(tmp_path: Path) -> None:
    texts = bench.scaling_texts(ARTICLE, (20, 60, 200), data_dir=tmp_path)
    words = [len(texts[n].split()) for n in (20, 60, 200)]
    assert words[0] >= 20 and words[1] >= 60 and words[2] >= 200
    assert words[0] < words[1] < words[2]


def test_missing_default_article_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="--article"):
        bench.load_article(None, data_dir=tmp_path)


def test_translation_length_is_rounded_ratio() -> None:
    assert bench.translation_length(10) == 11
    assert bench.translation_length(45) == round(1.1 * 45)
    assert bench.translation_length(0) == 1


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_bench_runs_end_to_end_on_tiny_models(
    backend: str, article_file: Path, bench_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    result = bench.run_bench(
        article=article_file,
        repeat=1,
        cache_dir=bench_cache,
        as_json=True,
        tiny=True,
        data_dir=tmp_path,  # no shared data: the tiny corpus and the given article only
        overrides={"backend": backend, "threads": 1},
        scaling=(40, 120),
        rss_probe=backend == "ctranslate2",  # one fresh-process probe is enough for the test
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(result))
    for key in ("baseline", "kurzbrief", "speedup", "translation_speedup", "machine", "scaling"):
        assert key in result
    if backend == "ctranslate2":
        assert result["peak_rss_mb"] > 0 and result["rss_after_load_mb"] > 0
    assert result["settings"]["backend"] == backend

    sentences = result["article"]["sentences"]
    useful = result["article"]["forced_target_tokens"]
    assert sentences >= 8 and useful > sentences
    # Per-sentence baseline decodes exactly the useful tokens (+80 for the one summary); batching
    # pads, so kurzbrief decodes at least as many.
    assert result["baseline"]["decoded_tokens"] == useful + bench.SUMMARY_NEW_TOKENS
    assert result["kurzbrief"]["decoded_tokens"] >= useful + bench.SUMMARY_NEW_TOKENS
    for side in ("baseline", "kurzbrief"):
        medians = result[side]["median_s"]
        assert medians["total"] >= medians["translate"] > 0 and medians["summarize"] > 0
    assert [row["words"] for row in result["scaling"]] == sorted(row["words"] for row in result["scaling"])
    assert result["scaling"][0]["words"] >= 40


def test_models_are_built_once(bench_cache: Path, tmp_path: Path) -> None:
    first = bench.build_bench_models(bench_cache, tiny=True, data_dir=tmp_path)
    stamp = (first / bench.STAMP_FILE).stat().st_mtime_ns
    assert bench.build_bench_models(bench_cache, tiny=True, data_dir=tmp_path) == first
    assert (first / bench.STAMP_FILE).stat().st_mtime_ns == stamp


def test_force_stage_lengths_refuses_unknown_stages() -> None:
    with pytest.raises(TypeError, match="cannot force output lengths"):
        bench.force_stage_lengths(object(), bench.translation_length, bench.DecodeCounter())


def test_text_report_lists_stages(article_file: Path) -> None:
    fake = {
        "article": {"name": "a", "words": 10, "sentences": 2, "forced_target_tokens": 30},
        "settings": {"backend": "ctranslate2"},
        "repeat": 3,
        "kurzbrief": {
            "median_s": {"translate": 1.0, "summarize": 0.5, "total": 1.6, "clean": 0.01},
            "translation_tokens_per_s": 30.0,
        },
        "baseline": {
            "median_s": {"translate": 5.0, "summarize": 1.0, "total": 6.0},
            "translation_tokens_per_s": 6.0,
        },
        "bench_process_rss_mb": {"kurzbrief_loaded": 1, "both_loaded": 2, "peak": 3},
        "peak_rss_mb": 900.0,
        "scaling": [{"words": 250, "median_s": {"total": 2.0}, "ms_per_word": 8.0}],
        "machine": {"cpu": "x", "cores": 2, "torch": "t", "ctranslate2": "c"},
    }
    report = bench.format_report(fake)
    assert "5.0x" in report and "3.8x" in report and "900.0 MB" in report and "clean 0.010 s" in report


def test_mask_padding_tokens_blocks_only_placeholders(tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file, save_file

    vocab = {"</s>": 0, "▁Haus": 1, "<kurzbrief_unused_0>": 2, "<kurzbrief_unused_1>": 3, "<pad>": 4}
    (tmp_path / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    save_file({"final_logits_bias": torch.zeros(1, 5)}, str(tmp_path / "model.safetensors"))
    assert bench.mask_padding_tokens(tmp_path) == 2
    bias = load_file(str(tmp_path / "model.safetensors"))["final_logits_bias"]
    assert bias[0, :2].tolist() == [0.0, 0.0] and bias[0, 4].item() == 0.0
    assert (bias[0, 2:4] < -1000).all()
