"""BriefPipeline wiring: alignment, batching across articles, error policy, nothing dropped."""

from __future__ import annotations

import pytest

from service.attribution.extract import RuleAttributionExtractor
from service.attribution.repair import AttributionGuard
from service.document import Warning
from service.pipeline import BriefPipeline, NoBodyTextError, TextTooLongError
from service.settings import Settings
from service.stages import TranslationResult
from service.text.clean import ArticleCleaner, account_for_lines
from service.text.language import LanguageDetector, NotGermanError
from service.text.normalize import normalize_text
from service.text.split import GermanSentenceSplitter
from tests.doubles import DictTranslator, LeadSummarizer

ARTICLE = """Startseite > Politik > Inland
Regierung plant neues Klimagesetz
Die Regierung will bis zum Sommer ein neues Klimagesetz vorlegen. Das sagte Umweltministerin Anna Berger am Montag in Wien.
Kritik kommt von der Opposition. Laut dem Grünen-Abgeordneten Peter Lang ist der Entwurf zu schwach.
Foto: APA/Hans Klein
Der Entwurf soll bereits im Ministerrat beraten worden sein.
(red/APA)
"""

SECOND = "Die Stadt Graz hat einen neuen Bürgermeister gewählt. Die Wahl verlief ohne Zwischenfälle."


def make_pipeline(translator=None, settings: Settings | None = None) -> BriefPipeline:
    return BriefPipeline(
        cleaner=ArticleCleaner(),
        splitter=GermanSentenceSplitter(),
        extractor=RuleAttributionExtractor(),
        translator=translator or DictTranslator(),
        summarizer=LeadSummarizer(),
        guard=AttributionGuard(),
        language=LanguageDetector(),
        settings=settings or Settings(),
    )


@pytest.fixture(scope="module")
def pipeline() -> BriefPipeline:
    return make_pipeline()


def test_pipeline_brief_has_aligned_bitext_and_provenance(pipeline: BriefPipeline) -> None:
    brief = pipeline.brief(ARTICLE, target_sentences=2)
    assert brief.headline == "Regierung plant neues Klimagesetz"
    assert brief.headline_en == "[en] Regierung plant neues Klimagesetz"
    assert [s.index for s in brief.sentences] == list(range(len(brief.sentences)))
    for s in brief.sentences:
        assert s.en == f"[en] {s.de}"  # each translation is the one of its own sentence
    assert brief.brief_sentences, "a non-empty article gives a non-empty brief"
    for bs in brief.brief_sentences:
        assert bs.sources and all(0 <= i < len(brief.sentences) for i in bs.sources)
    assert brief.credit and "APA" in brief.credit
    assert {"clean", "split", "attribute", "translate", "summarize", "guard", "total"} <= set(brief.timings)


def test_pipeline_accounts_for_every_input_line(pipeline: BriefPipeline) -> None:
    article = ArticleCleaner().clean(normalize_text(ARTICLE))
    assert account_for_lines(normalize_text(ARTICLE), article) == []
    brief = pipeline.brief(ARTICLE)
    reasons = {r.reason for r in brief.removed}
    assert brief.removed and reasons, "breadcrumb and photo credit are reported, not dropped"
    body = " ".join(s.de for s in brief.sentences)
    assert "Ministerrat" in body and "Opposition" in body


def test_pipeline_keeps_attributions_on_source_sentences(pipeline: BriefPipeline) -> None:
    brief = pipeline.brief(ARTICLE)
    attributed = {a.source for s in brief.sentences for a in s.attributions}
    assert any("Lang" in src for src in attributed)
    hedged = [s for s in brief.sentences if any(a.hedged for a in s.attributions)]
    assert any("Ministerrat" in s.de for s in hedged), "'soll … beraten worden sein' is a hedge"


def test_brief_many_shares_one_translation_batch_and_keeps_alignment() -> None:
    translator = DictTranslator()
    pipeline = make_pipeline(translator)
    first, second = pipeline.brief_many([ARTICLE, SECOND])
    assert len(translator.calls) == 1, "sentences of both articles go through one batch call"
    assert all(s.en == f"[en] {s.de}" for s in first.sentences + second.sentences)
    assert second.headline is None and len(second.sentences) == 2


def test_brief_many_reports_bad_records_in_place_when_asked() -> None:
    pipeline = make_pipeline()
    results = pipeline.brief_many(
        [SECOND, "   ", "The weather in London was mild and dry today, said the forecaster."],
        raise_errors=False,
    )
    assert results[0].brief  # type: ignore[union-attr]
    assert isinstance(results[1], ValueError)
    assert isinstance(results[2], NotGermanError)


def test_text_over_the_limit_is_refused_not_cut() -> None:
    pipeline = make_pipeline(settings=Settings(max_text_chars=100))
    with pytest.raises(TextTooLongError, match="limit is 100"):
        pipeline.brief(SECOND * 3)


def test_only_boilerplate_is_a_clear_error(pipeline: BriefPipeline) -> None:
    with pytest.raises(NoBodyTextError):
        pipeline.brief("Startseite > Politik\nKommentare\nJetzt Newsletter abonnieren\n(dpa)")


class _SplittingTranslator(DictTranslator):
    """Warns about the flat batch index of the sentence it had to split, like the real ones."""

    def translate_sentences(self, sentences):
        out = super().translate_sentences(sentences)
        warn = [
            Warning(code="sentence_split", message="split", sentence=i)
            for i, s in enumerate(sentences)
            if "Wahl" in s
        ]
        return TranslationResult(out.texts, warn)


def test_translation_warnings_are_reindexed_per_article() -> None:
    pipeline = make_pipeline(_SplittingTranslator())
    first, second = pipeline.translate_many([ARTICLE, SECOND])
    assert first.warnings == []
    assert [w.sentence for w in second.warnings] == [1]
    assert "Wahl" in second.sentences[1].de


def test_identical_requests_are_answered_from_the_brief_cache() -> None:
    from service.cache import BriefCache

    translator = DictTranslator()
    pipeline = make_pipeline(translator)
    pipeline.brief_cache = BriefCache(8)
    first = pipeline.brief(SECOND)
    again = pipeline.brief(SECOND)
    assert len(translator.calls) == 1 and again == first
    again.brief = "changed by a caller"
    assert pipeline.brief(SECOND).brief == first.brief, "the cache hands out copies"
    pipeline.brief(SECOND, target_sentences=1)
    assert len(translator.calls) == 2, "another option is another request"
