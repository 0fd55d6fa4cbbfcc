"""The attribution audit: every flag kind, no false flags on faithful text, the bitext entry point."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from doubles_summarizers import invented_bitext

from service.attribution.audit import (
    AttributionAuditor,
    audit_bitext,
    german_hedges,
    source_renderings,
    with_german_hedges,
)
from service.document import Attribution, Sentence
from service.stages import BriefAuditor


@pytest.fixture
def sentences() -> list[Sentence]:
    return invented_bitext()


def kinds(sentences: list[Sentence], brief: str) -> list[list[str]]:
    return [[f.kind for f in s.flags] for s in AttributionAuditor().audit(sentences, brief).sentences]


def test_is_a_brief_auditor() -> None:
    assert isinstance(AttributionAuditor(), BriefAuditor)


def test_faithful_paraphrase_passes(sentences: list[Sentence]) -> None:
    brief = (
        "Graz wants to build a new indoor pool by 2025. "
        "Mayor Karl Brunner puts the cost at 40 million euros and said the old pool can no longer be saved. "
        "According to police, thieves broke into the old pool on Saturday night and reportedly stole copper "
        "cables worth 5,000 euros. "
        "The Greens consider the project too expensive, councillor Eva Lindner said. "
        "She added that the money would be missing from the schools."
    )
    report = AttributionAuditor().audit(sentences, brief)
    assert report.ok, report.model_dump()
    assert [s.sources for s in report.sentences] == [[0], [1, 2], [3, 4], [5], [6]]
    assert {a.source for a in report.sentences[1].attributions} == {"Karl Brunner", "Brunner"}
    assert report.sentences[4].attributions[0].source_sentence == 6


@pytest.mark.parametrize(
    ("brief", "kind"),
    [
        ("The old pool was broken into on Saturday night.", "missing_source"),
        ("The cost is 40 million euros.", "missing_source"),
        ("The old pool can no longer be saved, Lindner said.", "wrong_source"),
        ("The interior ministry said the old pool was broken into on Saturday night.", "wrong_source"),
        ("Graz wants to build a new indoor pool by 2025, the company says.", "invented_source"),
        ("Officials said the city council will vote on the project in March.", "invented_source"),
        ("The burglars stole copper cables worth 5,000 euros.", "lost_hedge"),
        ("The mayor of Vienna resigned after a football scandal.", "unsupported"),
    ],
)
def test_each_fault_is_flagged(sentences: list[Sentence], brief: str, kind: str) -> None:
    assert kinds(sentences, brief) == [[kind]]


def test_pronoun_refers_to_the_previous_source(sentences: list[Sentence]) -> None:
    ok = "Councillor Eva Lindner said the project was too expensive. She said the money would be missing from the schools."
    assert kinds(sentences, ok) == [[], []]
    # With no antecedent the pronoun names no one.
    assert kinds(sentences, "She said the money would be missing from the schools.") == [["missing_source"]]


def test_actor_named_in_the_original_is_not_invented() -> None:
    sentences = [
        Sentence(
            index=0, de="Siemens streicht 2.000 Stellen.", paragraph=0, en="Siemens is cutting 2,000 jobs."
        )
    ]
    assert kinds(sentences, "Siemens announced that it is cutting 2,000 jobs.") == [[]]
    assert kinds(sentences, "Siemens is cutting 2,000 jobs, the company says.") == [["invented_source"]]


def test_rendering_learned_from_the_bitext() -> None:
    sentences = [
        Sentence(
            index=0,
            de="Die Beschwerden nahmen zu, sagte der Volksanwalt.",
            paragraph=0,
            en="Complaints have increased, the ombudsman said.",
            attributions=[Attribution(source="Volksanwalt", cue="sagte", kind="direct", hedged=False)],
        ),
    ]
    assert source_renderings(sentences) == {"volksanwalt": ("the ombudsman",)}
    assert kinds(sentences, "According to the ombudsman, complaints have increased.") == [[]]
    assert kinds(sentences, "Complaints have increased.") == [["missing_source"]]


def test_hedged_continuation_needs_source_or_hedge() -> None:
    sentences = [
        Sentence(
            index=0,
            de="Huber warnte vor Engpässen.",
            paragraph=0,
            en="Huber warned of shortages.",
            attributions=[Attribution(source="Huber", cue="warnte", kind="direct", hedged=False)],
        ),
        Sentence(
            index=1,
            de="Die Lager seien fast leer.",
            paragraph=0,
            en="The warehouses are almost empty.",
            attributions=[Attribution(source="Huber", cue="seien", kind="continuation", hedged=True)],
        ),
    ]
    assert kinds(sentences, "The warehouses are almost empty, Huber said.") == [[]]
    assert kinds(sentences, "The warehouses are almost empty.") == [["missing_source", "lost_hedge"]]


def test_audit_bitext_with_an_extractor_and_json_shape() -> None:
    bitext = [{"de": s.de, "en": s.en} for s in invented_bitext()]
    hand = [s.attributions for s in invented_bitext()]
    calls: list[list[str]] = []

    class HandExtractor:
        def extract(self, german: list[str]) -> list[list[Attribution]]:
            calls.append(list(german))
            return hand

    report = audit_bitext(bitext, "The cost is 40 million euros.", HandExtractor())
    assert calls == [[row["de"] for row in bitext]]
    dumped = json.loads(report.model_dump_json())
    assert dumped["ok"] is False
    assert dumped["sentences"][0]["flags"][0]["kind"] == "missing_source"
    assert set(dumped["sentences"][0]) == {"text", "sources", "flags", "attributions"}


def test_audit_bitext_reports_bad_rows() -> None:
    with pytest.raises(ValueError, match="row 1 has no German text"):
        audit_bitext([{"de": "Ein Satz.", "en": "A sentence."}, {"en": "x"}], "A sentence.", None)
    with pytest.raises(ValueError, match="extractor returned 0 results for 1 sentences"):
        audit_bitext([{"de": "Ein Satz.", "en": "A sentence."}], "A sentence.", lambda german: [])


@pytest.mark.skipif(
    importlib.util.find_spec("service.attribution.extract") is None,
    reason="the German extractor is not in this tree yet",
)
def test_through_the_rule_extractor() -> None:
    from service.attribution.extract import RuleAttributionExtractor

    bitext = [{"de": s.de, "en": s.en} for s in invented_bitext()]
    faithful = " ".join(s.en or "" for s in invented_bitext())
    assert audit_bitext(bitext, faithful, RuleAttributionExtractor()).ok
    dropped = audit_bitext(
        bitext, "The old pool was broken into on Saturday night.", RuleAttributionExtractor()
    )
    assert [f.kind for f in dropped.sentences[0].flags] == ["missing_source"]


# --- behaviours learned on the dev set ----------------------------------------------------------


def _s(index: int, de: str, en: str, *attributions: Attribution) -> Sentence:
    return Sentence(index=index, de=de, paragraph=0, en=en, attributions=list(attributions))


def test_das_sagte_x_attributes_the_previous_sentence() -> None:
    sentences = [
        _s(0, "Der Zoo bekommt zwei Pandas.", "The zoo is getting two pandas."),
        _s(
            1,
            "Das sagte Direktorin Anna Berg am Montag.",
            "Director Anna Berg said this on Monday.",
            Attribution(source="Anna Berg", role="Direktorin", cue="sagte", kind="direct", hedged=False),
        ),
    ]
    assert kinds(sentences, "The zoo is getting two pandas, director Anna Berg said.") == [[]]
    assert kinds(sentences, "The zoo is getting two pandas.") == [["missing_source"]]
    # Not an invented source either: the next sentence gives it.
    assert kinds(sentences, "The zoo is getting two pandas, Berg said.") == [[]]


def test_bare_role_is_named_by_its_holder() -> None:
    sentences = [
        _s(
            0,
            "Außenminister Peter Lang schließt zwei Botschaften.",
            "Foreign Minister Peter Lang is closing two embassies.",
        ),
        _s(
            1,
            "Man stehe unter Spardruck, erklärte der Außenminister.",
            "We are under pressure to save, the foreign minister said.",
            Attribution(source="Außenminister", cue="erklärte", kind="direct", hedged=False),
        ),
    ]
    assert kinds(sentences, "The ministry is under pressure to save, Lang said.") == [[]]
    assert kinds(sentences, "The ministry is under pressure to save, Huber said.") == [["wrong_source"]]


def test_quoted_x_as_names_x_not_the_quoter() -> None:
    sentences = [
        _s(
            0,
            "Merkel sei überzeugt, dass es eine Lösung gebe.",
            "Merkel was convinced that there was a solution.",
            Attribution(source="Merkel", cue="überzeugt", kind="direct", hedged=True),
        ),
    ]
    assert kinds(sentences, "Fischer quoted Merkel as convinced that there was a solution.") == [[]]


def test_said_adds_an_attribution_an_actor_verb_does_not() -> None:
    sentences = [_s(0, "Die Polizei sperrte die Brücke.", "The police closed the bridge.")]
    assert kinds(sentences, "The police announced that they closed the bridge.") == [[]]
    assert kinds(sentences, "The bridge was closed, the police said.") == [["invented_source"]]


def test_pronoun_refers_to_the_source_named_in_its_own_sentence() -> None:
    sentences = [
        _s(
            0,
            "Ich rechne mit 3.000 Euro, sagte Prieth.",
            "I expect 3,000 euros, Prieth said.",
            Attribution(source="Prieth", cue="sagte", kind="direct", hedged=False),
        ),
    ]
    assert kinds(sentences, "He expects 3,000 euros, Prieth said.") == [[]]


def test_a_role_does_not_name_the_person_it_relates_to() -> None:
    sentences = [
        _s(
            0,
            "Die Kosten lägen bei 6.000 Euro, so Prieths Anwalt Mathias Kapferer.",
            "The costs are around 6,000 euros, said Prieth's lawyer Mathias Kapferer.",
            Attribution(
                source="Mathias Kapferer", role="Prieths Anwalt", cue="so", kind="direct", hedged=False
            ),
        ),
    ]
    assert kinds(sentences, "The costs are around 6,000 euros, his lawyer said.") == [[]]
    assert kinds(sentences, "The costs are around 6,000 euros, according to Prieth.") == [["wrong_source"]]


# --- the dev-set scorer -------------------------------------------------------------------------

INVENTED_CSV = (
    "id,category,text\n"
    'test-0001,Panorama,"Die Stadt Graz will ein neues Hallenbad bauen. Die Kosten lägen bei 40 Millionen Euro, '
    'sagte Bürgermeister Karl Brunner. Die Täter sollen Kabel gestohlen haben. Das Bad öffnet 2025."\n'
)
INVENTED_SET = {
    "id": "test-0001",
    "split": "dev",
    "sentences": [
        {
            "anchor": "Die Stadt Graz will",
            "en": "The city of Graz wants to build a new indoor pool.",
            "gold": [],
        },
        {
            "anchor": "Die Kosten lägen bei",
            "en": "The cost would be 40 million euros, Mayor Karl Brunner said.",
            "gold": [
                {
                    "kind": "direct",
                    "source": "Karl Brunner",
                    "role": "Bürgermeister",
                    "channel": None,
                    "cue": "sagte",
                    "hedged": False,
                }
            ],
        },
        {
            "anchor": "Die Täter sollen Kabel",
            "en": "The burglars are said to have stolen cables.",
            "gold": [
                {
                    "kind": "hedge_only",
                    "source": "",
                    "role": None,
                    "channel": None,
                    "cue": "sollen",
                    "hedged": True,
                }
            ],
        },
    ],
    "speakers": ["Mayor Karl Brunner", "the police"],
    "brief": [
        {
            "text": "Graz wants to build a new indoor pool.",
            "from": [0],
            "drop": None,
            "source": None,
            "hedge": None,
        },
        {
            "text": "It would cost 40 million euros, Mayor Karl Brunner said.",
            "from": [1],
            "drop": ", Mayor Karl Brunner said",
            "source": "Mayor Karl Brunner",
            "hedge": None,
        },
        {
            "text": "Burglars reportedly stole cables.",
            "from": [2],
            "drop": None,
            "source": None,
            "hedge": ["reportedly ", ""],
        },
    ],
    "natural": [{"replaces": 1, "kind": "missing_source", "text": "The pool costs 40 million euros."}],
}


def test_scorer_on_an_invented_set(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from service.attribution.evaluate_audit import evaluate, load_cases, main

    csv_path = tmp_path / "articles.csv"
    csv_path.write_text(INVENTED_CSV, encoding="utf-8")
    set_path = tmp_path / "set.jsonl"
    set_path.write_text(json.dumps(INVENTED_SET, ensure_ascii=False) + "\n", encoding="utf-8")
    [case] = load_cases(set_path, csv_path, "gold")
    assert [f.kind for f in case.faults] == [
        "invented_source",
        "missing_source",
        "wrong_source",
        "lost_hedge",
        "missing_source",
    ]
    assert case.faults[2].text == "It would cost 40 million euros, the police said."
    result = evaluate([case])
    assert result["faults"] == 5 and result["detection_rate"] == 1.0 and result["false_flag_rate"] == 0.0
    assert result["guard"]["repaired_brief_passes_audit"] == 5
    assert main(["--set", str(set_path), "--data", str(csv_path), "--json"]) == 0


def test_scorer_names_a_bad_anchor(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from service.attribution.evaluate_audit import load_cases

    broken = json.loads(json.dumps(INVENTED_SET))
    broken["sentences"][0]["anchor"] = "Nicht im Text"
    (tmp_path / "a.csv").write_text(INVENTED_CSV, encoding="utf-8")
    (tmp_path / "s.jsonl").write_text(json.dumps(broken) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="anchor 'Nicht im Text' is in no sentence"):
        load_cases(tmp_path / "s.jsonl", tmp_path / "a.csv", "gold")


DEV_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad-dev.csv"
DEV_SET = Path(__file__).resolve().parents[1] / "eval" / "audit" / "dev.jsonl"


@pytest.mark.skipif(not DEV_DATA.is_file(), reason="the 10kGNAD dev data is not present")
def test_dev_set_meets_the_targets() -> None:
    from service.attribution.evaluate_audit import evaluate, load_cases

    result = evaluate(load_cases(DEV_SET, DEV_DATA, "gold"), with_guard=False)
    assert result["detection_rate"] >= 0.9 and result["false_flag_rate"] <= 0.1, result


# ---- German-side hedges, independent of the extractor ----------------------------------------


@pytest.mark.parametrize(
    "german",
    [
        "Der Mann soll in der Nacht drei Autos gestohlen haben.",
        "Die Täter sollen über den Zaun geflüchtet sein.",
        "Gesucht wird ein Mann, der das Geld unterschlagen haben soll.",
        "Die Firma soll hoch verschuldet sein.",
        "Unter den Verletzten sollen sich auch zwei Kinder befinden.",
        "Der angebliche Käufer meldete sich nicht.",
        "Medienberichten zufolge verlässt der Trainer den Verein.",
        "Dem Vernehmen nach ist eine Einigung nahe.",
    ],
)
def test_german_hedges_found(german: str) -> None:
    assert german_hedges(german)


@pytest.mark.parametrize(
    "german",
    [
        "Die neue Halle soll im Herbst eröffnet werden.",
        "Die Strecke soll bis 2027 fertig sein.",
        "Es soll auch einen Probebetrieb geben, sagte die Ministerin.",
        "Die Gemeinde hat drei neue Lehrer eingestellt.",
    ],
)
def test_plans_and_plain_statements_are_not_hedges(german: str) -> None:
    assert german_hedges(german) == []


def _sentence(de: str, en: str, attributions: list[Attribution] | None = None) -> Sentence:
    return Sentence(index=0, de=de, paragraph=0, en=en, attributions=attributions or [])


def test_missed_hedge_is_added_as_hedge_only() -> None:
    [sentence] = with_german_hedges(
        [_sentence("Der Mann soll drei Autos gestohlen haben.", "The man is said to have stolen three cars.")]
    )
    assert [(a.kind, a.hedged) for a in sentence.attributions] == [("hedge_only", True)]


def test_reporting_hedge_marks_the_named_source_hedged() -> None:
    direct = Attribution(source="die Polizei", cue="laut", kind="direct", hedged=False)
    [sentence] = with_german_hedges(
        [
            _sentence(
                "Laut Polizei soll der Mann drei Autos gestohlen haben.",
                "Police say the man stole three cars.",
                [direct],
            )
        ]
    )
    assert [(a.kind, a.source, a.hedged) for a in sentence.attributions] == [("direct", "die Polizei", True)]


def test_lost_hedge_flagged_even_when_the_extractor_missed_it() -> None:
    sentences = [
        _sentence("Der Mann soll drei Autos gestohlen haben.", "The man is said to have stolen three cars.")
    ]
    assert kinds(sentences, "The man stole three cars.") == [["lost_hedge"]]
    assert kinds(sentences, "The man reportedly stole three cars.") == [[]]


def test_hedged_direct_needs_its_source_or_a_hedge() -> None:
    direct = Attribution(source="die Polizei", cue="laut", kind="direct", hedged=False)
    sentences = [
        _sentence(
            "Laut Polizei soll der Mann drei Autos gestohlen haben.",
            "According to the police, the man stole three cars.",
            [direct],
        )
    ]
    assert kinds(sentences, "The man stole three cars, according to the police.") == [[]]
    assert kinds(sentences, "The man reportedly stole three cars.") == [["missing_source"]]
    assert sorted(kinds(sentences, "The man stole three cars.")[0]) == ["lost_hedge", "missing_source"]


def test_naming_one_source_of_a_sentence_attributes_its_claim() -> None:
    # The extractor may read a second, nested speaker ('wenn die Regierung sagt …') into a sentence.
    sentences = [
        _sentence(
            "Wenn die Regierung sagt, sie spare, dann stimmt das nicht, sagte Huber.",
            "If the government says it is saving, that is not true, Huber said.",
            [
                Attribution(source="die Regierung", cue="sagt", kind="direct", hedged=False),
                Attribution(source="Huber", cue="sagte", kind="direct", hedged=False),
            ],
        )
    ]
    assert kinds(sentences, "The government's claim that it is saving is not true, Huber said.") == [[]]
    assert kinds(sentences, "The government's claim that it is saving is not true.") != [[]]


def test_continuation_may_be_named_by_a_source_just_before_it() -> None:
    # Continuation resolution is a heuristic; naming the source of the report it continues is enough.
    sentences = [
        Sentence(
            index=0,
            de="Wie mehrere Zeitungen berichten, hat der Verband am Montag getagt.",
            paragraph=0,
            en="As several newspapers report, the association met on Monday.",
            attributions=[
                Attribution(source="mehrere Zeitungen", cue="berichten", kind="direct", hedged=False)
            ],
        ),
        Sentence(
            index=1,
            de="Demnach werden die Gebühren erhöht.",
            paragraph=0,
            en="According to this, the fees will be raised.",
            attributions=[Attribution(source="der Verband", cue="demnach", kind="continuation", hedged=True)],
        ),
    ]
    assert kinds(sentences, "The fees will be raised, several newspapers reported.") == [[]]
    assert kinds(sentences, "The fees will be raised.") != [[]]


def _pair(de: str, en: str, attributions: list[Attribution], index: int = 0) -> Sentence:
    return Sentence(index=index, de=de, paragraph=0, en=en, attributions=attributions)


def test_a_report_genre_named_in_english_keeps_the_hedge() -> None:
    sentences = [
        _pair(
            "Laut interner Kommunikation sind 130.000 Menschen unterwegs.",
            "According to internal communications, 130,000 people are on the move.",
            [Attribution(source="interner Kommunikation", cue="laut", kind="hedge_only", hedged=True)],
        )
    ]
    flags = kinds(sentences, "Citing internal communications, officials said 130,000 people are on the move.")
    assert "lost_hedge" not in flags[0]
    assert kinds(sentences, "130,000 people are on the move.") == [["lost_hedge"]]


def test_criticism_that_reports_the_claim() -> None:
    sentences = [
        _pair(
            "Er wies die Kritik, wonach Frontex versage, zurück.",
            "He rejected the criticism that Frontex is failing.",
            [Attribution(source="", cue="Kritik, wonach", kind="hedge_only", hedged=True)],
        )
    ]
    assert "lost_hedge" not in kinds(sentences, "Officials rejected criticism that Frontex is failing.")[0]
    assert "lost_hedge" in kinds(sentences, "Frontex is failing.")[0]


def test_an_unresolved_speaker_does_not_make_the_named_one_wrong() -> None:
    sentences = [
        _pair(
            "Produzent John Lueftner stellte die Serie vor.",
            "Producer John Lueftner presented the series.",
            [Attribution(source="John Lueftner", cue="stellte vor", kind="direct", hedged=False)],
        ),
        _pair(
            "Der Humor sei zu schwarz für ARD und ZDF.",
            "The humour is too black for ARD and ZDF.",
            [Attribution(source="er", cue="sei", kind="continuation", hedged=True)],
            index=1,
        ),
    ]
    flags = kinds(
        sentences, "Lueftner presented the series. The humour is too black for ARD and ZDF, Lueftner said."
    )
    assert flags[1] == []
    assert kinds(sentences, "Lueftner presented the series. The humour is too black for ARD and ZDF.")[1] == [
        "lost_hedge"
    ]


# ---- round 7: role descriptions of resolved speakers, institutions named in passing ----------


def _bitext(rows: list[tuple[str, str, list[Attribution]]]) -> list[Sentence]:
    return [
        Sentence(index=i, de=de, paragraph=0, en=en, attributions=atts)
        for i, (de, en, atts) in enumerate(rows)
    ]


def test_the_translations_role_description_of_a_resolved_speaker_names_her() -> None:
    huber = Attribution(
        source="Maria Huber", role="Vorsitzende", channel=None, cue="sagte", kind="direct", hedged=False
    )
    sentences = _bitext(
        [
            (
                "Die Reform sei nötig, sagte Maria Huber.",
                "The reform is necessary, Maria Huber said.",
                [huber],
            ),
            (
                "Die Umsetzung gestaltet sich schwierig, gesteht die Sozialversicherungs-Chefin zu.",
                "Implementing it is proving difficult, the social insurance chief admits.",
                [huber.model_copy(update={"kind": "continuation", "cue": "gesteht zu"})],
            ),
        ]
    )
    faithful = "Implementing the reform is proving difficult, the social insurance chief conceded."
    swapped = "Implementing the reform is proving difficult, the health minister conceded."
    assert kinds(sentences, faithful) == [[]]
    assert kinds(sentences, swapped) == [["wrong_source"]]


def test_an_institution_named_as_the_actor_of_its_statement_counts_as_named() -> None:
    council = Attribution(
        source="der Presserat", role=None, channel=None, cue="sei", kind="continuation", hedged=True
    )
    sentences = _bitext(
        [
            (
                "Der Presserat hatte die Zeitung abgemahnt.",
                "The Press Council had reprimanded the paper.",
                [],
            ),
            (
                "Es handle sich um einen schweren Verstoß gegen die Genauigkeit.",
                "It was a serious breach of accuracy.",
                [council],
            ),
        ]
    )
    assert kinds(
        sentences, "The Press Council reprimanded the paper, saying it was a serious breach of accuracy."
    ) == [[]]
    assert kinds(sentences, "The paper committed a serious breach of accuracy.") == [
        ["missing_source", "lost_hedge"]
    ]


def test_a_swapped_name_under_the_right_role_is_a_wrong_source() -> None:
    sentences = [
        _s(
            0,
            "Die Mindestsicherung bietet die falschen Anreize, meint FPÖ-Sozialsprecher Herbert Kickl.",
            "The minimum income scheme provides the wrong incentives, says FPÖ social affairs spokesman Herbert Kickl.",
            Attribution(
                source="Herbert Kickl", role="FPÖ-Sozialsprecher", cue="meint", kind="direct", hedged=False
            ),
        ),
        _s(
            1,
            "Gerhard Schmid lehnt die Kürzung ab, sagte er.",
            "Gerhard Schmid rejects the cut, he said.",
            Attribution(source="Gerhard Schmid", role=None, cue="sagte", kind="direct", hedged=False),
        ),
    ]
    brief = "The minimum income scheme sets the wrong incentives, said FPÖ social affairs spokesman Gerhard Schmid."
    check = AttributionAuditor().check(sentences, [brief])[0]
    assert [f.kind for f in check.flags] == ["wrong_source"]


def test_another_source_of_the_article_under_the_claims_role_is_a_wrong_source() -> None:
    sentences = [
        _s(
            0,
            "Der Exodus sei organisiert, erklärte der Sprecher des Krisenstabes, Giorgos Kyritsis.",
            "The exodus was organised, the spokesman of the crisis unit declared.",
            Attribution(source="Giorgos Kyritsis", role="der Sprecher des Krisenstabes", cue="erklärte", kind="direct", hedged=False),
        ),
        _s(
            1,
            "Mazedonien schloss die Grenze, sagte Tsipras.",
            "Macedonia closed the border, Tsipras said.",
            Attribution(source="Tsipras", role=None, cue="sagte", kind="direct", hedged=False),
        ),
    ]
    brief = "The exodus was organised, said Tsipras, spokesman of the crisis unit."
    check = AttributionAuditor().check(sentences, [brief])[0]
    assert "wrong_source" in [f.kind for f in check.flags]
