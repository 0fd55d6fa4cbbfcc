"""Rule-based German attribution extraction, on small invented sentences (no corpus text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.attribution.evaluate_extraction import (
    load_gold,
    score_extraction,
    sources_match,
)
from service.attribution.extract import RuleAttributionExtractor, attributions_report, extract_one
from service.document import Attribution
from service.stages import AttributionExtractor

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SHARED_DATA = SHARED_DIR / "10kgnad-dev.csv"
# Gold articles come from 10kGNAD and from WMT newstest documents.
SHARED_FILES = [SHARED_DATA, SHARED_DIR / "newstest2017.deu", SHARED_DIR / "newstest2018.deu"]
GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "attributions"


def only(sentence: str) -> Attribution:
    found = extract_one(sentence)
    assert len(found) == 1, f"expected one attribution in {sentence!r}, got {found}"
    return found[0]


def test_is_an_attribution_extractor() -> None:
    assert isinstance(RuleAttributionExtractor(), AttributionExtractor)


# --- direct: verbs in both word orders, quotes, prepositions, beliefs -------------------------

DIRECT_CASES = [
    # (sentence, source, cue contains)
    ("Der Bau werde im Frühjahr beginnen, sagte Franziska Obermair.", "Franziska Obermair", "sagte"),
    ("Die Stadtwerke teilten am Dienstag mit, dass der Tarif steigt.", "die Stadtwerke", "teilten mit"),
    ("Die Feuerwehr erklärte, der Brand sei gelöscht.", "die Feuerwehr", "erklärte"),
    ("Gleichzeitig betonte Anton Reisinger, dass niemand verletzt wurde.", "Anton Reisinger", "betonte"),
    ("Leopold Grasberger sagte: „Wir machen weiter.“", "Leopold Grasberger", "sagte"),
    ("„Wir machen weiter“, sagte Leopold Grasberger.", "Leopold Grasberger", "sagte"),
    ("„Das war knapp“, so Trainerin Hedwig Pammer.", "Hedwig Pammer", "so"),
    ("Laut Statistik Austria stiegen die Preise um zwei Prozent.", "Statistik Austria", "laut"),
    ("Laut der Wetterwarte wird es am Wochenende kälter.", "die Wetterwarte", "laut"),
    ("Dem Bericht zufolge fehlen im Budget 40 Millionen Euro.", "Bericht", "zufolge"),
    ("Den Angaben der Bergrettung zufolge waren die Wanderer unterkühlt.", "die Bergrettung", "zufolge"),
    (
        "Nach Angaben von Amnesty International wurden 14 Journalisten verhaftet.",
        "Amnesty International",
        "nach",
    ),
    ("Nach Angaben der Landesregierung ist die Straße wieder frei.", "die Landesregierung", "nach"),
    ("Nach Einschätzung von Greenpeace ist der Grenzwert zu hoch.", "Greenpeace", "nach"),
    (
        "Wie die Rathauskorrespondenz berichtete, bleibt das Bad geschlossen.",
        "die Rathauskorrespondenz",
        "berichtete",
    ),
    ("Aus dem Verkehrsministerium hieß es, man prüfe die Pläne.", "das Verkehrsministerium", "hieß es"),
    (
        "Der Vorfall werde untersucht, hieß es aus der Landespolizeidirektion.",
        "die Landespolizeidirektion",
        "hieß es",
    ),
    ("Das geht aus einer Studie der Arbeiterkammer hervor.", "die Arbeiterkammer", "geht"),
    ("Die Ökonomin Theresa Lindner schätzt, dass die Inflation sinkt.", "Theresa Lindner", "schätzt"),
    ("Der Verband geht davon aus, dass die Zahl weiter steigt.", "der Verband", "geht aus"),
    ("Die Ermittler vermuten, dass der Täter ortskundig war.", "die Ermittler", "vermuten"),
    ("Der Angeklagte behauptete, er sei zur Tatzeit in Linz gewesen.", "der Angeklagte", "behauptete"),
    ("Das Bad sei wegen eines Rohrbruchs zu, teilte die Gemeinde mit.", "die Gemeinde", "teilte mit"),
    ("Die Kosten seien gestiegen, gab Stadtrat Ewald Pichler zu.", "Ewald Pichler", "gab zu"),
    ("Bürgermeister Herwig Stangl wies die Vorwürfe zurück.", "Herwig Stangl", "wies zurück"),
]


@pytest.mark.parametrize(("sentence", "source", "cue"), DIRECT_CASES)
def test_direct_attribution(sentence: str, source: str, cue: str) -> None:
    att = only(sentence)
    assert att.kind == "direct"
    assert sources_match(att.source, source), (att.source, source)
    assert cue.lower() in att.cue.lower()


def test_source_cited_by_an_outlet_gives_two_attributions() -> None:
    found = extract_one("Unter Berufung auf Diplomaten meldete Reuters einen Durchbruch.")
    assert [(a.source, a.cue) for a in found] == [
        ("Diplomaten", "unter Berufung auf"),
        ("Reuters", "meldete"),
    ]


def test_role_apposition_is_split_from_the_name() -> None:
    att = only("Sabine Wallner, Sprecherin der Bergbahnen, sagte, der Lift bleibe gesperrt.")
    assert att.source == "Sabine Wallner"
    assert att.role == "Sprecherin der Bergbahnen"
    assert att.hedged is False


def test_role_noun_before_the_name_is_the_role() -> None:
    att = only("Laut Verkehrsministerin Gudrun Hasenauer sollen die Züge pünktlicher werden.")
    assert att.source == "Gudrun Hasenauer"
    assert att.role == "Verkehrsministerin"


def test_party_tag_stays_out_of_the_source() -> None:
    att = only("Die Reform komme zu spät, sagte Erwin Hofstätter (SPÖ).")
    assert att.source == "Erwin Hofstätter"


def test_institution_keeps_its_determiner_in_the_nominative() -> None:
    assert only("Laut dem Gesundheitsministerium sind 30 Betten frei.").source == "das Gesundheitsministerium"
    assert only("Die Polizei teilte mit, dass die Straße gesperrt ist.").source == "die Polizei"


def test_channel_is_extracted() -> None:
    att = only("Der Tunnel bleibe bis Mai zu, sagte Landesrat Ernst Kogler im ORF-Radio.")
    assert att.channel == "im ORF-Radio"
    att = only("Die Gespräche seien konstruktiv gewesen, sagte die Sprecherin gegenüber der APA.")
    assert att.channel == "gegenüber der APA"


def test_several_attributions_in_one_sentence() -> None:
    found = extract_one(
        "Laut Polizei gab es zwei Festnahmen – die APA berichtete, dass beide Männer geständig seien."
    )
    assert [(a.kind, a.cue) for a in found] == [("direct", "Laut"), ("direct", "berichtete")]
    assert sources_match(found[0].source, "Polizei")
    assert sources_match(found[1].source, "die APA")


# --- continuations -----------------------------------------------------------------------


def test_konjunktiv_continues_the_last_source() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Die Feuerwehr teilte am Abend mit, dass der Brand unter Kontrolle sei.",
            "Zudem seien zwei Lagerhallen beschädigt worden.",
            "Verletzt worden sei niemand.",
        ]
    )
    for sentence in result[1:]:
        assert len(sentence) == 1
        assert sentence[0].kind == "continuation"
        assert sentence[0].source == "die Feuerwehr"
        assert sentence[0].hedged is True


def test_pronoun_resolves_to_the_gender_compatible_person() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Die Lage sei angespannt, sagte Bürgermeisterin Renate Gruber.",
            "Der Lehrer Markus Weinberger erklärte, die Schule bleibe offen.",
            "Es gebe genug Notquartiere, fügte sie hinzu.",
            "Der Unterricht beginne um acht Uhr, sagte er.",
        ]
    )
    assert result[2][0].kind == "continuation"
    assert result[2][0].source == "Renate Gruber"
    assert result[2][0].hedged is False
    assert result[3][0].source == "Markus Weinberger"


def test_role_noun_resolves_to_the_named_person_with_that_role() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Justizministerin Karin Edlinger kündigte eine Reform an.",
            "Die Gerichte seien überlastet, so die Ministerin.",
            "Man arbeite an einer Lösung, fuhr die Ministerin fort.",
        ]
    )
    assert [a.kind for a in result[1]] == ["continuation"]
    assert result[1][0].source == "Karin Edlinger"
    assert result[2][0].source == "Karin Edlinger"


def test_role_noun_without_a_named_antecedent_is_the_source() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Ein Sprecher der Bahn sagte, der Zug sei ausgefallen.",
            "Ersatzbusse seien unterwegs, sagte der Sprecher.",
        ]
    )
    assert result[1][0].kind == "direct"
    assert result[1][0].source == "der Sprecher"


def test_demnach_continues_the_last_source() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Das Ministerium veröffentlichte am Montag eine Statistik.",
            "Laut Ministerium ist die Zahl gesunken.",
            "Demnach gab es 120 Fälle weniger als im Vorjahr.",
        ]
    )
    assert result[2][0].kind == "continuation"
    assert sources_match(result[2][0].source, "Ministerium")


def test_sentence_inside_an_open_quote_continues_its_speaker() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Trainer Josef Brandl sagte: „Wir haben gut gespielt.",
            "Am Ende fehlte das Glück.“",
            "Das Stadion war voll.",
        ]
    )
    assert result[1][0].kind == "continuation"
    assert result[1][0].source == "Josef Brandl"
    assert result[2] == []


def test_first_person_sentence_after_a_first_person_quote_continues_it() -> None:
    result = RuleAttributionExtractor().extract(
        ["Wir sind zufrieden, sagt Direktorin Helga Moser.", "Wir rechnen mit mehr Besuchern."]
    )
    assert result[1][0].kind == "continuation"
    assert result[1][0].source == "Helga Moser"


def test_konjunktiv_inside_a_reported_clause_is_not_a_separate_continuation() -> None:
    found = extract_one("Der Minister sagte, die Lage sei ernst und es gebe keine Alternative.")
    assert [a.kind for a in found] == ["direct"]
    assert found[0].hedged is False


def test_konjunktiv_without_antecedent_is_hedge_only() -> None:
    att = only("Die Verhandlungen seien gescheitert.")
    assert att.kind == "hedge_only"
    assert att.hedged is True
    assert att.source == ""


def test_konjunktiv_far_from_any_source_is_hedge_only() -> None:
    sentences = (
        ["Die Polizei sagte, der Mann sei geflohen."] + ["Der Ort liegt am Inn."] * 5 + ["Er sei bewaffnet."]
    )
    result = RuleAttributionExtractor().extract(sentences)
    assert result[-1][0].kind == "hedge_only"


# --- hedges: soll evidential vs deontic, lexical hedges, unnamed sources ----------------------

EVIDENTIAL_SOLL = [
    "Der Verdächtige soll das Geld aus der Kassa gestohlen haben.",
    "Die beiden Männer sollen bereits im Mai festgenommen worden sein.",
    "Der Fahrer soll betrunken gewesen sein.",
    "Bei dem Toten soll es sich um einen Bergsteiger aus Bayern handeln.",
    "Es gab Hinweise, wonach er die Unterlagen vernichtet haben soll.",
]
DEONTIC_SOLL = [
    "Das neue Gesetz soll im Herbst in Kraft treten.",
    "Die Steuer soll sinken.",
    "Die Brücke soll bis 2027 fertig sein.",
    "Künftig sollen alle Schulen einen Internetzugang haben.",
    "Die Kinder sollen lernen, selbstständig zu arbeiten.",
]


@pytest.mark.parametrize("sentence", EVIDENTIAL_SOLL)
def test_evidential_soll_is_a_hedge(sentence: str) -> None:
    att = only(sentence)
    assert att.kind == "hedge_only"
    assert att.hedged is True
    assert att.cue.lower().startswith("soll")


@pytest.mark.parametrize("sentence", DEONTIC_SOLL)
def test_deontic_soll_is_not_a_hedge(sentence: str) -> None:
    assert extract_one(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Der angebliche Käufer meldete sich nie.", "angebliche"),
        ("Die mutmaßlichen Einbrecher wurden gefasst.", "mutmaßlichen"),
        ("Angeblich wurde der Vertrag schon unterschrieben.", "Angeblich"),
        ("Berichten zufolge gab es mehrere Verletzte.", "zufolge"),
        ("Laut Medienberichten plant der Konzern einen Börsengang.", "Laut"),
    ],
)
def test_hedge_only_without_a_named_source(sentence: str, cue: str) -> None:
    att = only(sentence)
    assert att.kind == "hedge_only"
    assert att.hedged is True
    assert att.cue == cue


def test_named_source_with_evidential_soll_is_direct_and_hedged() -> None:
    att = only("Laut Polizei soll der Mann den Wagen gestohlen haben.")
    assert att.kind == "direct"
    assert att.hedged is True


def test_anonymous_source_is_hedged() -> None:
    att = only("Aus Regierungskreisen hieß es, der Minister trete zurück.")
    assert att.kind == "direct"
    assert att.hedged is True


# --- negatives: no attribution ------------------------------------------------------------

NO_ATTRIBUTION = [
    "Der Minister sagte die Reise nach Brüssel kurzfristig ab.",
    "Die Sängerin sagte ihre Teilnahme am Festival zu.",
    "Im Saal waren die Lautsprecher zu leise eingestellt.",
    "Die Musik war sehr laut.",
    "Das Gericht erklärte den Vertrag für ungültig.",
    "Er schätzt die Arbeit seiner Kollegen.",
    "Ich habe das nicht gewusst.",
    "Der Zug fährt um acht Uhr ab.",
    "Die Gemeinde feiert am Sonntag ihr Jubiläum.",
    "Wir kommen morgen, es sei denn, es regnet.",
    "Es scheint, als habe niemand etwas bemerkt.",
    "Der Bericht umfasst 300 Seiten.",
    "Die Regierung will die Pensionen erhöhen.",
]


@pytest.mark.parametrize("sentence", NO_ATTRIBUTION)
def test_no_attribution(sentence: str) -> None:
    assert extract_one(sentence) == []


def test_cli_report_shape() -> None:
    report = attributions_report(["Die Bahn teilte mit, der Zug falle aus.", "Ersatzbusse seien unterwegs."])
    assert report["sentences"][1] == "Ersatzbusse seien unterwegs."
    assert [(a["sentence"], a["kind"]) for a in report["attributions"]] == [
        (0, "direct"),
        (1, "continuation"),
    ]
    assert set(report["attributions"][0]) == {
        "sentence",
        "source",
        "role",
        "channel",
        "cue",
        "kind",
        "hedged",
    }
    json.dumps(report)


def test_empty_article_and_bad_input() -> None:
    assert RuleAttributionExtractor().extract([]) == []
    with pytest.raises(TypeError, match="sentence 0"):
        RuleAttributionExtractor().extract([None])  # type: ignore[list-item]


# --- scorer -----------------------------------------------------------------------------


def test_sources_match_normalises_determiners_and_surnames() -> None:
    assert sources_match("die Polizei", "Polizei")
    assert sources_match("Maria Huber", "Huber")
    assert sources_match("der Sprecher des Ministeriums", "der Sprecher")
    assert not sources_match("Maria Huber", "Karl Huberth")
    assert not sources_match("Polizei", "")


def _write_fixture(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "articles.csv"
    data.write_text(
        "id,category,text\n"
        'a1,Test,"Die Feuerwehr teilte mit, dass der Brand gelöscht sei. '
        "Zudem seien zwei Autos beschädigt worden. "
        'Der See liegt ruhig da. Laut Wetterdienst wird es kalt."\n',
        encoding="utf-8",
    )
    gold = tmp_path / "gold.jsonl"
    records = [
        {"type": "article", "article_id": "a1", "category": "Test", "n_sentences": 4, "splitter": "test"},
        {
            "type": "sentence",
            "article_id": "a1",
            "index": 0,
            "anchor": "Die Feuerwehr teilte mit, dass der",
            "attributions": [
                {
                    "kind": "direct",
                    "source": "die Feuerwehr",
                    "role": None,
                    "channel": None,
                    "cue": "teilte mit",
                    "hedged": False,
                }
            ],
        },
        {
            "type": "sentence",
            "article_id": "a1",
            "index": 1,
            "anchor": "Zudem seien zwei Autos beschädigt worden.",
            "attributions": [
                {
                    "kind": "continuation",
                    "source": "Feuerwehr",
                    "role": None,
                    "channel": None,
                    "cue": "seien",
                    "hedged": True,
                }
            ],
        },
        {
            "type": "sentence",
            "article_id": "a1",
            "index": 3,
            "anchor": "Laut Wetterdienst wird es kalt.",
            "attributions": [
                {
                    "kind": "direct",
                    "source": "Wetterdienst",
                    "role": None,
                    "channel": None,
                    "cue": "laut",
                    "hedged": False,
                }
            ],
        },
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return gold, data


def _sentence_splitter(text: str) -> list[str]:
    return [s.strip() + "." for s in text.split(". ") if s.strip()]


def test_scorer_on_a_small_invented_article(tmp_path: Path) -> None:
    gold, data = _write_fixture(tmp_path)
    report = score_extraction(gold, data, RuleAttributionExtractor(), _sentence_splitter)
    assert report["unmatched_gold"] == []
    assert report["overall"]["tp"] == 3
    assert report["overall"]["fp"] == 0
    assert report["per_kind"]["continuation"]["recall"] == 1.0
    assert report["hedge"]["recall"] == 1.0
    assert report["continuation_resolution_accuracy"] == 1.0


class _NothingExtractor:
    def extract(self, sentences: list[str]) -> list[list[Attribution]]:
        return [[] for _ in sentences]


def test_scorer_counts_misses_and_reports_unplaceable_gold(tmp_path: Path) -> None:
    gold, data = _write_fixture(tmp_path)
    with gold.open("a", encoding="utf-8") as handle:
        handle.write(
            json.dumps(
                {
                    "type": "sentence",
                    "article_id": "a1",
                    "index": 9,
                    "anchor": "Nicht im Text",
                    "attributions": [],
                }
            )
            + "\n"
        )
    report = score_extraction(gold, data, _NothingExtractor(), _sentence_splitter)
    assert report["overall"]["recall"] == 0.0
    assert report["overall"]["fn"] == 3
    assert [u["anchor"] for u in report["unmatched_gold"]] == ["Nicht im Text"]


# Every gold set except heldout4b, a second annotation of heldout4's articles (agreement).
GOLD_SETS = tuple(sorted(p.name for p in GOLD_DIR.glob("*.jsonl") if p.name != "heldout4b.jsonl"))


def test_newstest_documents_start_at_headlines_and_merge_with_csv(tmp_path: Path) -> None:
    from service.attribution.evaluate_extraction import load_articles, newstest_documents

    (tmp_path / "nt.deu").write_text(
        "Streik bei der Bahn geht weiter\n"
        "Die Gewerkschaft hat den Streik verlängert.\n"
        "Man sei zu Gesprächen bereit, sagte ein Sprecher.\n"
        "\n"
        "Neuer Rekord am Flughafen\n"
        "Im Sommer flogen mehr Menschen als je zuvor.\n",
        encoding="utf-8",
    )
    (tmp_path / "a.csv").write_text("id,category,text\ngnad-1,Inland,Ein Satz.\n", encoding="utf-8")
    documents = newstest_documents(tmp_path / "nt.deu")
    assert documents == {
        "nt-L0001": "Die Gewerkschaft hat den Streik verlängert. Man sei zu Gesprächen bereit, sagte ein Sprecher.",
        "nt-L0005": "Im Sommer flogen mehr Menschen als je zuvor.",
    }
    assert set(load_articles([tmp_path / "a.csv", tmp_path / "nt.deu"])) == {"gnad-1", "nt-L0001", "nt-L0005"}


def test_gold_files_are_well_formed() -> None:
    ids: dict[str, set[str]] = {}
    for name in GOLD_SETS:
        articles = load_gold(GOLD_DIR / name)
        assert articles, name
        for article in articles:
            assert article.sentences, article.article_id
        ids[name] = {a.article_id for a in articles}
    assert len(ids["dev.jsonl"]) >= 15 and all(len(v) >= 4 for v in ids.values())
    names = list(ids)
    for x, first in enumerate(names):
        for second in names[x + 1 :]:
            assert not ids[first] & ids[second], (first, second, ids[first] & ids[second])
    assert len(GOLD_SETS) >= 17
    for ids_file in GOLD_DIR.glob("*.ids"):
        listed = ids_file.read_text(encoding="utf-8").split()
        assert set(listed) == ids[ids_file.stem + ".jsonl"], ids_file.name


@pytest.mark.skipif(not all(p.is_file() for p in SHARED_FILES), reason="shared data not present")
def test_every_gold_sentence_is_found_in_the_service_split() -> None:
    for name in GOLD_SETS:
        report = score_extraction(GOLD_DIR / name, SHARED_FILES, RuleAttributionExtractor())
        assert report["unmatched_gold"] == [], report["unmatched_gold"]


# --- role synonyms, document sources, unusual cues, soll, coordination, paragraphs ---------


def _kinds(atts: list[Attribution]) -> list[tuple[str, str]]:
    return [(a.kind, a.source) for a in atts]


def test_role_synonym_resolves_to_the_named_person() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Bürgermeister Hubert Gruber hat den Plan verteidigt.",
            "Alle Arbeiten würden rechtzeitig fertig, sagte das Stadtoberhaupt.",
        ]
    )
    assert _kinds(found[1]) == [("continuation", "Hubert Gruber")]


def test_definite_status_noun_resolves_by_gender_not_role() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die frühere Lobbyistin Monika Moser schwieg lange.",
            "Ihr Partner Martin Brandl war dagegen, sagte die Angeklagte.",
        ]
    )
    assert _kinds(found[1]) == [("continuation", "Monika Moser")]


def test_spokesperson_is_not_the_person_just_named() -> None:
    found = RuleAttributionExtractor().extract(
        ["Hubert Gruber besuchte das Werk.", "Der Besuch sei gut verlaufen, sagte der Sprecher."]
    )
    assert _kinds(found[1]) == [("direct", "der Sprecher")]


def test_nationality_noun_refers_back() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Der Generaldirektor Urs Keller rechnet mit einem Urteil.",
            "Es werde bald kommen, sagte der Schweizer.",
        ]
    )
    assert _kinds(found[1]) == [("continuation", "Urs Keller")]


def test_saxon_genitive_of_a_document_names_the_person() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Angeklagte Monika Moser äußerte sich erstmals.",
            "Ihr Partner sei gewalttätig gewesen, heißt es in Mosers Erklärung.",
            "Sie beschrieb ihre Jahre im Ausland.",
            "Streit habe es oft gegeben.",
        ]
    )
    assert _kinds(found[1]) == [("direct", "Moser")]
    assert _kinds(found[3]) == [("continuation", "Monika Moser")]


def test_konjunktiv_prefers_a_speaker_over_a_document() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Der Unternehmer Karl Hofer klagt den Konzern.",
            "Die Kampagne sei geplant gewesen, heißt es in der Klagsschrift.",
            "Mehrere Manager seien eingebunden gewesen.",
        ]
    )
    assert _kinds(found[2]) == [("continuation", "Karl Hofer")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In Ermittlerkreisen war von zwölf Toten die Rede.", [("direct", "Ermittlerkreisen")]),
        (
            "In gut informierten Kreisen war von einem Rücktritt die Rede.",
            [("direct", "gut informierten Kreisen")],
        ),
        (
            "Die Lage habe sich verändert, lautet die Begründung des Ministeriums.",
            [("direct", "das Ministerium")],
        ),
        ("Die Direktorin ist überzeugt, dass das Projekt gelingt.", [("direct", "die Direktorin")]),
        ("Hofer lehnte mit dem Argument ab, dass nur der Vorstand entscheiden könne.", [("direct", "Hofer")]),
        ("Der Verband bezifferte den Schaden auf drei Millionen Euro.", [("direct", "der Verband")]),
        ("Die Gewerkschaft nannte eine Reihe von Forderungen.", [("direct", "die Gewerkschaft")]),
        (
            "Das geht aus einer am Montag in Graz präsentierten Studie des Instituts Ecoplan hervor.",
            [("direct", "das Institut Ecoplan")],
        ),
    ],
)
def test_unusual_cues(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(extract_one(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Firma nennt sich seit Jänner Novatec.",
        "Der Verband schätzt die Arbeit der Helfer.",
        "Die Hütte ist überzeugend renoviert worden.",
        "Der Minister lehnte den Antrag ab.",
    ],
)
def test_no_attribution_without_a_report(sentence: str) -> None:
    assert extract_one(sentence) == []


def test_coordinated_speakers_get_one_attribution_each() -> None:
    atts = extract_one(
        "Die Obleute Anna Berger (ÖVP) und Paul Weiss (SPÖ) haben am Montag die Reform verkündet."
    )
    assert _kinds(atts) == [("direct", "Anna Berger"), ("direct", "Paul Weiss")]
    assert _kinds(extract_one("Die Polizei und die Feuerwehr warnten vor Glatteis.")) == [
        ("direct", "die Polizei"),
        ("direct", "die Feuerwehr"),
    ]
    # a singular verb has one subject: the coordination belongs elsewhere
    assert _kinds(extract_one("Merkel sagte am Montag, Paris und Berlin seien einig.")) == [
        ("direct", "Merkel")
    ]


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Die Abweichung soll zwischen ein bis drei Prozent liegen.", True),
        ("Der Verdächtige soll sich in Italien aufhalten.", True),
        ("Der Mann soll im Besitz mehrerer Waffen sein.", True),
        ("Die Brücke soll im Herbst 2018 fertig sein.", False),
        ("Die Teams sollen dort unterwegs sein, wo Hilfe fehlt.", False),
        ("Die Filiale soll Ende März eröffnen.", False),
        ("Das Gesetz soll im Juli in Kraft treten.", False),
        ("Die Mieter sollen jederzeit die Möglichkeit haben, auszuziehen.", False),
        ("Das Lager soll ab Mai geöffnet sein.", False),
    ],
)
def test_soll_evidential_versus_plan(sentence: str, hedged: bool) -> None:
    atts = extract_one(sentence)
    assert bool(atts and atts[0].hedged and atts[0].kind == "hedge_only") is hedged, atts


def test_paragraph_break_closes_an_open_quote() -> None:
    sentences = [
        "„Wir sind bereit“, sagte Hubert Gruber, „und wir",
        "Die Stadt investiert zwei Millionen Euro.",
        "Und das reicht nicht“, meinte später ein Anrainer.",
    ]
    flat = RuleAttributionExtractor().extract(sentences)
    by_paragraph = RuleAttributionExtractor().extract(sentences, paragraphs=[0, 1, 1])
    assert _kinds(flat[1]) == [("continuation", "Hubert Gruber")]
    assert by_paragraph[1] == []
    with pytest.raises(ValueError, match="one paragraph index per sentence"):
        RuleAttributionExtractor().extract(sentences, paragraphs=[0])


# --- second round: constructions found generalising to a second annotator ---------------


def _kinds_sources(sentences: list[str]) -> list[list[tuple[str, str]]]:
    return [[(a.kind, a.source) for a in atts] for atts in RuleAttributionExtractor().extract(sentences)]


def test_weak_verb_konjunktiv_before_a_noun_is_not_taken_for_an_adjective() -> None:
    result = _kinds_sources(
        [
            "Die Debatte sei noch offen, sagte die Forscherin Anna Berger.",
            "Vor allem existiere Forschung aber in einer Nebenrolle.",
        ]
    )
    assert result[1] == [("continuation", "Anna Berger")]


def test_reported_konjunktiv_ii_continues_an_ongoing_report() -> None:
    result = _kinds_sources(
        [
            "Die Lage sei ernst, sagte Bürgermeister Paul Gruber.",
            "Bis Ende Mai könnten alle Familien in Wohnungen ziehen.",
        ]
    )
    assert result[1] == [("continuation", "Paul Gruber")]


def test_konjunktiv_ii_without_an_ongoing_report_is_not_an_attribution() -> None:
    assert extract_one("Bis Ende Mai könnten alle Familien in Wohnungen ziehen.") == []


def test_report_inside_a_report_gives_both_speakers() -> None:
    result = RuleAttributionExtractor().extract(
        [
            "Man habe offen gesprochen, sagte Präsident Karl Brunner nach dem Treffen.",
            "Die Kanzlerin sei überzeugt, dass eine Lösung möglich sei.",
        ]
    )
    kinds = sorted((a.kind, a.source) for a in result[1])
    assert kinds == [("continuation", "Karl Brunner"), ("direct", "die Kanzlerin")]
    assert all(a.hedged for a in result[1])


def test_first_person_quote_takes_the_speaker_named_in_the_next_sentence() -> None:
    result = _kinds_sources(
        [
            "Wir haben viel erreicht.",
            "Das Budget stehe, bilanzierte Bürgermeisterin Eva Lang.",
        ]
    )
    assert result[0] == [("continuation", "Eva Lang")]


def test_lead_pronoun_konjunktiv_resolves_to_the_first_named_source() -> None:
    result = _kinds_sources(
        [
            "Er könne sich eine Kandidatur vorstellen.",
            "Der Sänger Tom Weber will nach eigenen Angaben in die Politik.",
        ]
    )
    assert result[0] == [("continuation", "Tom Weber")]


def test_demonstrative_report_leaves_the_previous_sentence_unattributed() -> None:
    result = _kinds_sources(["Es gibt keinen Grund zur Sorge.", "Das sagte Ministerin Eva Lang am Montag."])
    assert result[0] == []


@pytest.mark.parametrize(
    ("sentence", "source", "cue"),
    [
        ("Die Stadt war pleite, was selbst der Rechnungshof bestätigt hat.", "der Rechnungshof", "bestätigt"),
        (
            "Der Rechnungshof hatte den Bedarf mit 15,5 Millionen Euro beziffert.",
            "der Rechnungshof",
            "beziffert",
        ),
        ("Die Gewerkschaft sieht Handlungsbedarf bei den Verträgen.", "die Gewerkschaft", "sieht"),
        ("Ob die Zahl gesunken ist, konnte Huber nicht bestätigen, vieles sei offen.", "Huber", "bestätigen"),
        ("Die Lage sei ruhig, schildert eine Anrainerin der Zeitung.", "eine Anrainerin", "schildert"),
        (
            "Huber weiß, dass es schwierig werde, fügte jedoch hinzu, dass er zuversichtlich sei.",
            "Huber",
            "fügte",
        ),
    ],
)
def test_second_round_direct_constructions(sentence: str, source: str, cue: str) -> None:
    att = only(sentence)
    assert att.kind == "direct"
    assert sources_match(att.source, source), (att.source, source)
    assert cue.lower() in att.cue.lower()


def test_people_familiar_with_the_matter_are_an_anonymous_source() -> None:
    att = only("Die Firma sei in Gesprächen, bestätigten mit der Sache vertraute Personen am Montag.")
    assert att.kind == "direct" and att.hedged
    assert att.source == "mit der Sache vertraute Personen"


@pytest.mark.parametrize(
    "sentence",
    [
        "Er sah den Unfall.",
        "Dem Mann drohen bei einer Verurteilung bis zu drei Jahre Haft.",
        "Es gebe nicht die Situation, dass ein Partner das eine sage.",
        "Das Werk wurde im Herbst eröffnet, gemeint war der Neubau von Architekt Paul Huber.",
    ],
)
def test_second_round_non_attributions(sentence: str) -> None:
    assert [a for a in extract_one(sentence) if a.kind == "direct"] == []


def test_stative_soll_across_a_dash_parenthesis_is_a_hedge() -> None:
    att = only("Unter ihnen sollen sich auch zwei Kinder – also Minderjährige – befinden.")
    assert att.kind == "hedge_only" and att.hedged


def test_weekday_compound_is_not_part_of_the_name() -> None:
    att = only("Die Einigung sei nah, sagte Katzian Mittwochfrüh.")
    assert att.source == "Katzian"


# --- round 3: possessed roles, open report frames, content-less stance verbs, channels ------


@pytest.mark.parametrize(
    ("sentence", "source", "role"),
    [
        (
            "Das Urteil sei endgültig, sagte Hubers nach Kanada geflohene Ehefrau Maria Huber.",
            "Maria Huber",
            "Ehefrau",
        ),
        ("Der Plan sei gut, sagt die Psychotherapeutin Anna Lechner.", "Anna Lechner", "Psychotherapeutin"),
    ],
)
def test_role_before_a_name_is_split_off(sentence: str, source: str, role: str) -> None:
    att = only(sentence)
    assert att.kind == "direct" and att.source == source
    assert att.role is not None and role in att.role


def test_possessed_role_noun_resolves_to_the_named_person() -> None:
    result = _kinds_sources(
        [
            "Die Behörde ermittle, teilte dessen Anwältin Eva Novak mit.",
            "Der Bürgermeister Paul Berger will nicht zurücktreten.",
            "Die Vorwürfe seien alt, erklärte seine Anwältin.",
            "Hubers Ehefrau Lisa Huber sagte, das sei ein Fehler.",
            "Hubers Ehefrau sagte später, sie befürchte eine Verschiebung.",
        ]
    )
    assert result[2] == [("continuation", "Eva Novak")]
    assert result[4] == [("continuation", "Lisa Huber")]


def test_psychotherapist_role_noun_continues_the_named_speaker() -> None:
    result = _kinds_sources(
        [
            "Das Wichtigste sei Struktur, sagt die Psychotherapeutin Barbara Lechner.",
            "Man könne davon ausgehen, dass jedes Kind belastet sei, sagte die Psychotherapeutin.",
        ]
    )
    assert result[1] == [("continuation", "Barbara Lechner")]


def test_konjunktiv_ii_and_conditionals_continue_an_open_report_only() -> None:
    result = _kinds_sources(
        [
            "Lehrer bräuchten eine Schulung, sagt die Expertin Eva Gruber.",
            "So sollten sie etwa nicht zu viel fragen.",
            "Wenn Kinder verletzt seien, würde sich das im Verhalten äußern.",
        ]
    )
    assert result[1] == [("continuation", "Eva Gruber")]
    assert result[2] == [("continuation", "Eva Gruber")]
    # no report going on: "sollten" is a plain preterite
    assert _kinds_sources(["Die Arbeiten sollten im Mai beginnen."]) == [[]]


def test_findings_document_keeps_speaking_after_a_person() -> None:
    result = _kinds_sources(
        [
            "Die Lage sei gut, so Studienautor Karl Brandl.",
            "Der Staat müsse mehr investieren, empfiehlt die Studie.",
            "Wichtig sei auch die Sprache.",
        ]
    )
    assert result[2] == [("continuation", "die Studie")]


def test_so_der_vorwurf_continues_the_report_in_progress() -> None:
    result = _kinds_sources(
        [
            "Die Behörde habe Ermittlungen aufgenommen, teilte Anwältin Eva Novak laut der Agentur APA mit.",
            "Der Mann habe Geld unterschlagen, so der Vorwurf.",
        ]
    )
    assert result[1] == [("continuation", "Eva Novak")]


@pytest.mark.parametrize(
    ("sentence", "source", "cue"),
    [
        ("Auch Gewerkschafter Paul Kimmel forderte am Donnerstag mehr Lehrer.", "Paul Kimmel", "forderte"),
        (
            "Die Strafe war hart, zahlreiche Politiker forderten die Freilassung.",
            "zahlreiche Politiker",
            "forderten",
        ),
        ("Auch am Sonntag zeigten sich die Grünen entsetzt über den Fall.", "die Grünen", "zeigten"),
        ("Ansonsten verspricht er: Der Plan ist, dass alles online ist.", "er", "verspricht"),
        (
            "Die Kinder lernen schnell, wie eine neue Studie der Universität zeigt.",
            "eine neue Studie der Universität",
            "zeigt",
        ),
        ("Mit 8.000 neuen Schülern rechnet das Ministerium für dieses Jahr.", "das Ministerium", "rechnet"),
        ("Sein Fehler aus Sicht der Regierung besteht darin, dass er schrieb.", "die Regierung", "aus Sicht"),
        (
            "Es sei zu Gerangel gekommen, berichtete ein Reuters-Reporter.",
            "ein Reuters-Reporter",
            "berichtete",
        ),
    ],
)
def test_third_round_direct_constructions(sentence: str, source: str, cue: str) -> None:
    atts = [a for a in extract_one(sentence) if a.kind in {"direct", "continuation"}]
    assert len(atts) == 1, atts
    assert sources_match(atts[0].source, source), (atts[0].source, source)
    assert cue.lower() in atts[0].cue.lower()


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Oberste Gerichtshof hat die Verurteilung des Bloggers bestätigt.",
        "Der Minister hatte den Eingriff bis zuletzt kritisiert.",
        "Die Kommission hat am Dienstag an den Entwürfen festgehalten.",
        "In einem Versuch hatte er sich einen Arm angebaut und damit geschrieben.",
        "Nur wenige Meter entfernt wurde eigentlich der Staatschef, gemeinsam mit seinen Kollegen, erwartet.",
        "Die Kinder lernen schnell, wie die Erfahrung zeigt.",
    ],
)
def test_third_round_non_attributions(sentence: str) -> None:
    assert [a for a in extract_one(sentence) if a.kind != "hedge_only"] == []


def test_confirmed_reports_are_attributed() -> None:
    att = only("Die Polizei bestätigte am Freitag Berichte, wonach eine Granate geworfen wurde.")
    assert att.kind == "direct" and sources_match(att.source, "die Polizei")


def test_press_release_next_to_a_speaker_is_a_channel() -> None:
    att = only("Wir lassen nicht locker, sagte Huber laut einer Aussendung am Sonntag.")
    assert att.source == "Huber" and att.cue == "sagte"
    assert att.channel is not None and "Aussendung" in att.channel


def test_unspecified_media_are_a_hedged_source() -> None:
    att = only("Der Besuch wurde abgesagt, wie Medien in der Hauptstadt meldeten.")
    assert att.kind == "direct" and att.hedged


def test_genitive_after_an_indefinite_role_owns_the_role() -> None:
    att = only("Ein Sprecher Bergers bezeichnete die Ermittlungen als Angriff.")
    assert att.source == "ein Sprecher Bergers"


def test_possessive_report_noun_before_a_colon_continues_its_owner() -> None:
    result = _kinds_sources(
        [
            "Teamchef Thomas Wolf hatte den Eingriff kritisiert.",
            "Seine Argumentation: Stabile Regeln bringen die Teams zusammen.",
        ]
    )
    assert result[1] == [("continuation", "Thomas Wolf")]


def test_subject_before_a_dash_parenthesis_keeps_its_participle() -> None:
    att = only("Zuvor hatten Medien – darunter der Rundfunk – über die Firmen berichtet.")
    assert att.kind == "direct" and att.source == "Medien" and att.hedged


# ---- round 4: definite common nouns that refer back to a named source (README guideline) ----


def test_generic_institution_noun_continues_the_named_institution() -> None:
    result = _kinds_sources(
        [
            "Kunden würden oft benachteiligt, kritisiert die EU-Kommission.",
            "Eine solche Praxis hat keinen Platz im Binnenmarkt, erklärte die EU-Behörde.",
        ]
    )
    assert result[1] == [("continuation", "die EU-Kommission")]


def test_a_repeated_institution_name_stays_direct() -> None:
    result = _kinds_sources(
        [
            "Der Mann sei geflohen, teilte die Polizei mit.",
            "Er werde weiter gesucht, sagte die Polizei am Abend.",
        ]
    )
    assert result[1] == [("direct", "die Polizei")]


def test_a_generic_company_noun_does_not_refer_to_an_authority() -> None:
    result = _kinds_sources(
        [
            "Die Anlage sei sicher, teilte die Staatsanwaltschaft mit.",
            "Die Arbeiten beginnen im Mai, erklärte das Unternehmen.",
        ]
    )
    assert result[1] == [("direct", "das Unternehmen")]


def test_a_report_referred_back_to_continues_its_originator() -> None:
    result = _kinds_sources(
        [
            "Im Vorjahr gab es nach einem Bericht von Zeit online mehr als tausend Anzeigen.",
            "Deutlich gestiegen ist dem Bericht vom Montag zufolge die Zahl der Einbrüche.",
        ]
    )
    assert result[1] == [("continuation", "Zeit")]


def test_a_findings_document_noun_continues_another_findings_document() -> None:
    result = _kinds_sources(
        [
            "Das geht aus einer Erhebung des Statistikamts hervor.",
            "Der Statistik zufolge stiegen die Mieten um vier Prozent.",
        ]
    )
    assert result[1] == [("continuation", "eine Erhebung des Statistikamts")]


def test_members_noun_continues_the_organisation_named_for_them() -> None:
    result = _kinds_sources(
        [
            "Wie die Beobachtungsstelle für Menschenrechte mitteilte, wurden zwei Dörfer bombardiert.",
            "Mindestens zehn Menschen seien getötet worden, teilten die Menschenrechtler mit.",
        ]
    )
    assert result[0] == [("direct", "die Beobachtungsstelle für Menschenrechte")]
    assert result[1] == [("continuation", "die Beobachtungsstelle für Menschenrechte")]


def test_a_politician_descriptor_refers_to_the_minister_just_named() -> None:
    # an unknown first name after a role noun still names a person
    result = _kinds_sources(
        [
            "Bundesinnenminister Torvald Krause hat den Anschlag verurteilt.",
            "Das Ausmaß der Gewalt ist erschreckend, erklärte der CDU-Politiker.",
            "Die Zunahme der Angriffe sei dramatisch.",
        ]
    )
    assert result[1] == [("continuation", "Torvald Krause")]
    assert result[2] == [("continuation", "Torvald Krause")]


def test_a_spokesman_is_not_the_office_holder_he_speaks_for() -> None:
    result = _kinds_sources(
        [
            "Das Gespräch habe eine Stunde gedauert, sagte Vatikansprecher Marco Bellini.",
            "Der Papst hatte sich schon zuvor dankbar geäußert.",
        ]
    )
    assert ("continuation", "Marco Bellini") not in result[1]


def test_a_pronoun_prefers_the_person_just_quoted_over_an_older_speaker() -> None:
    result = _kinds_sources(
        [
            "Die Lage sei ernst, sagte der Chef der Gruppe Nord.",
            "Seit Montag seien 900 Einsätze geflogen worden, sagte Igor Wassiljew.",
            "Dabei seien 800 Ziele zerstört worden, sagte er dem Sender.",
        ]
    )
    assert result[2] == [("continuation", "Igor Wassiljew")]


def test_a_party_member_noun_refers_back_like_a_role() -> None:
    result = _kinds_sources(
        [
            "Der grüne Abgeordnete Sven Maurer hat einen Brief geschrieben.",
            "Doch der Grüne beklagt darin, dass vieles unklar sei.",
        ]
    )
    assert result[1][0] == ("continuation", "Sven Maurer")


def test_unter_berufung_auf_is_not_part_of_the_source_phrase() -> None:
    result = _kinds_sources(
        ["Allerdings betont die Kommission unter Berufung auf Fachleute, dass die Brücke marode sei."]
    )
    assert ("direct", "die Kommission") in result[0]
    assert ("direct", "Fachleute") in result[0]


def test_a_report_coming_to_a_conclusion_is_its_source() -> None:
    result = _kinds_sources(
        [
            "Ein am Freitag vorgelegter interner Bericht der Stadtwerke kommt zu dem Schluss, "
            "dass die Leitungen zu alt sind."
        ]
    )
    assert len(result[0]) == 1
    kind, source = result[0][0]
    assert kind == "direct"
    assert source.endswith("interner Bericht der Stadtwerke")


def test_a_report_with_its_originator_is_not_an_unnamed_report() -> None:
    result = _kinds_sources(
        ["Ein Bericht der Landesregierung kommt zum Schluss, dass die Schulen saniert werden müssen."]
    )
    assert result[0] and result[0][0][0] == "direct"


def test_the_definite_report_refers_back_to_the_named_report() -> None:
    result = _kinds_sources(
        [
            "Ein Bericht der Landesregierung kommt zum Schluss, dass die Schulen saniert werden müssen.",
            "Allerdings betont der Bericht, dass dafür das Geld fehle.",
        ]
    )
    assert result[1][0] == ("continuation", result[0][0][1])


def test_a_carer_in_a_parenthetical_is_the_source() -> None:
    assert only("Der Junge, sagt ein Betreuer, habe den Winter gut überstanden.").source == "ein Betreuer"


def test_a_negative_subject_reports_nothing() -> None:
    result = _kinds_sources(["Niemand habe die Abrechnung beanstandet, sagte Bürgermeisterin Eva Brandl."])
    assert result[0] == [("direct", "Eva Brandl")]


# ---- round 6 -----------------------------------------------------------------------------


def test_an_inverted_speech_tag_with_an_unlisted_verb_is_an_attribution() -> None:
    found = only("Wir können gerne über Fristen reden, spielte Kammerpräsident Anton Gruber den Ball zurück.")
    assert (found.source, found.kind) == ("Anton Gruber", "direct")


def test_an_inverted_tag_needs_speech_before_it_and_no_negation() -> None:
    assert extract_one("Der Zug fuhr pünktlich ab, winkte Anton Gruber den Reisenden nach.") == []
    assert extract_one("Ob wir das schaffen, beantwortete Anton Gruber nicht.") == []


def test_an_affiliation_between_name_and_verb_is_part_of_the_subject() -> None:
    found = only("Walter Hausner vom Institut für Stadtforschung (IfS) sagt, die Mieten würden steigen.")
    assert found.source == "Walter Hausner"


def test_a_role_noun_before_von_is_not_a_name_particle() -> None:
    found = only("Der Sprecher von Greenpeace erklärte, das Wasser sei belastet.")
    assert found.source == "der Sprecher von Greenpeace"
    assert only("Ein Sprecher einer Bürgerinitiative sagte, das Wasser sei belastet.").source == (
        "ein Sprecher einer Bürgerinitiative"
    )


def test_a_verb_is_not_an_adjective_inside_a_noun_phrase() -> None:
    found = only("Die USA halten Russland vor, gemäßigte Gruppen anzugreifen.")
    assert found.source == "die USA"


def test_ablehnen_reports_only_with_content() -> None:
    assert only("Sich zu bewaffnen, lehnt Bürgermeister Franz Brunner ab.").source == "Franz Brunner"
    assert extract_one("Die Regierung lehnte den Vorschlag ab.") == []


def test_advice_and_blame_are_attributions() -> None:
    assert only("Die Polizei rät den Bürgern davon ab, sich zu bewaffnen.").source == "die Polizei"
    found = extract_one("Der Gouverneur machte die Rebellen für den Anschlag verantwortlich.")
    assert [a.source for a in found] == ["der Gouverneur"]


def test_sehen_with_an_evaluative_predicate_is_a_stance() -> None:
    assert only("Die Gewerkschaft sieht die Reform kritisch.").source == "die Gewerkschaft"
    assert extract_one("Die Gewerkschaft sieht die Reform.") == []


def test_unnamed_reports_before_zufolge_do_not_take_the_subject_with_them() -> None:
    found = only(
        "In Ankara ermittelt die Staatsanwaltschaft Medienberichten zufolge gegen den Bürgermeister."
    )
    assert (found.kind, found.source, found.hedged) == ("hedge_only", "Medienberichten", True)
    found = only("Griechischen Medienberichten zufolge wurde das Lager geräumt.")
    assert (found.kind, found.hedged) == ("hedge_only", True)


def test_a_share_of_respondents_is_a_group_source() -> None:
    assert only("Etwa einer von drei Befragten erklärte, lieber zu Hause zu arbeiten.").source == (
        "Etwa einer von drei Befragten"
    )
    assert (
        only("Mehr als die Hälfte gab an, am Wochenende erreichbar zu sein.").source == "Mehr als die Hälfte"
    )
    assert only("Rund jeder Dritte erwartet, dass die Preise steigen.").source == "Rund jeder Dritte"
    found = only("Zumindest gaben das drei von vier Teilnehmern einer Umfrage der Kammer an.")
    assert found.source.startswith("drei von vier Teilnehmern")


def test_a_sentence_opening_adverb_is_never_a_source() -> None:
    found = extract_one("Zugleich kritisierte die Gewerkschaft, dass die Löhne zu niedrig seien.")
    assert [a.source for a in found] == ["die Gewerkschaft"]


def test_his_statements_zufolge_continues_the_person() -> None:
    result = _kinds_sources(
        [
            "Bankchef Anton Weber sagte, die Bank sei zahlungsunfähig.",
            "Seinen Angaben zufolge fehlen 800 Millionen Euro.",
        ]
    )
    assert result[1] == [("continuation", "Anton Weber")]


def test_the_accused_of_a_present_passive_is_no_speaker() -> None:
    assert extract_one("Dem Parteichef wird Anstiftung zu Protesten vorgeworfen.") == []
    assert extract_one("Parteichef Kerem Aydın wird Anstiftung zu Protesten vorgeworfen.") == []


def test_the_reporting_outlet_goes_on_not_the_source_it_cites() -> None:
    result = _kinds_sources(
        [
            "Drei Soldaten seien getötet worden, berichtete die Agentur DHA unter Berufung auf die Armee.",
            "Die Soldaten seien in einen Hinterhalt geraten.",
        ]
    )
    assert result[1] == [("continuation", "die Agentur DHA")]


def test_an_apology_with_content_is_a_report() -> None:
    result = _kinds_sources(
        [
            "Der Spieler Lee Sedol verlor das Spiel.",
            "Er entschuldigte sich bei seinen Fans, er habe die Erwartungen nicht erfüllt.",
        ]
    )
    assert result[1] and result[1][0] == ("continuation", "Lee Sedol")
    assert extract_one("Der Trainer entschuldigte sich bei den Fans.") == []


def test_a_plain_person_noun_refers_back_to_the_person_named() -> None:
    result = _kinds_sources(
        [
            "Der Landwirt Bernhard Mayer wurde erpresst.",
            "Die Polizei habe davon keine Ahnung, so der Mann.",
        ]
    )
    assert result[1] == [("continuation", "Bernhard Mayer")]


def test_a_pronoun_prefers_the_person_named_earlier_in_its_own_sentence() -> None:
    result = _kinds_sources(
        [
            "Manager Karl Hofer sagte, der Verein sei gesund.",
            "Präsident Franz Berger erklärte, er wolle zurück.",
            "Hofer werde ihm nicht im Weg stehen, das hat er bereits bekräftigt.",
        ]
    )
    assert ("continuation", "Karl Hofer") in result[2]


def test_a_demonstrative_subject_refers_to_the_previous_opening_phrase() -> None:
    result = _kinds_sources(
        [
            "Die Gewerkschaft kritisierte den Plan scharf.",
            "Diese hat erklärt, der Plan sei verfassungswidrig.",
        ]
    )
    assert result[1] == [("continuation", "die Gewerkschaft")]
    lone = _kinds_sources(["Die großen Sprünge kommen später.", "Diese haben erklärt, alles sei gut."])
    assert lone[1] != [("continuation", "die großen Sprünge")]


def test_colon_speech_tags_name_their_speaker() -> None:
    assert only("Justizminister Heiko Maas: „Wir dürfen nicht abwarten“.").source == "Heiko Maas"
    assert only("Rauchs Antwort: Das Manifest sei für alle offen.").source == "Rauch"
    found = only("Die Conclusio für den Kammerpräsidenten Markus Wieser: Flexibilität sei einseitig.")
    assert found.source == "Markus Wieser"


def test_questions_and_imaginings_are_reports_only_with_content() -> None:
    assert only("Warum sie das Land verlassen hätten, wollen die Beamten wissen.").source == "die Beamten"
    assert extract_one("Die Polizei will das wissen.") == []
    assert only("Bürgermeister Anton Gruber kann sich vorstellen, die Frist zu verlängern.").source == (
        "Anton Gruber"
    )
    assert extract_one("Ein Manifest kann nicht von jedem geschrieben werden.") == []


def test_a_lead_pronoun_verb_resolves_to_the_first_named_source() -> None:
    result = _kinds_sources(
        [
            "Er könne sich vorstellen, Bürgermeister zu werden.",
            "Das sagte der Schauspieler Bryan Cranston dem Magazin.",
        ]
    )
    assert result[0] and result[0][0] == ("continuation", "Bryan Cranston")


def test_reports_of_unnamed_media_in_the_genitive_are_hedged_sources() -> None:
    found = only("Nach Berichten griechischer Medien wurde nur ein Teil der Bewohner versorgt.")
    assert (found.source, found.hedged) == ("griechischer Medien", True)
    found = extract_one("Die Firma baut den nach eigenen Angaben größten Windpark des Landes.")
    assert all("Windpark" not in a.source for a in found)


def test_a_preview_report_is_the_channel_of_the_speaker() -> None:
    found = only("Die Produktion steige, sagte Manager Paul Evans der Zeitung laut Vorausbericht.")
    assert (found.source, found.channel) == ("Paul Evans", "Vorausbericht")


def test_meinen_is_the_verb_unless_a_noun_follows() -> None:
    assert only("Die Planung sei zu optimistisch, meinen die Budgetwächter.").source == "die Budgetwächter"
    assert all(a.cue != "meinen" for a in extract_one("Ich finde es gut, wenn ihr bei meinen Videos zuseht."))


def test_a_reporting_verb_in_a_condition_reports_nothing() -> None:
    found = extract_one("Wenn Unternehmer Flexibilität meinen, dann meinen sie längere Arbeitszeiten.")
    assert all(a.source != "Unternehmer" for a in found)


def test_more_reporting_constructions() -> None:
    assert only("Nach Angaben eines Anrainers wurde ein zweites Lager getroffen.").source == "ein Anrainer"
    assert only("Die Holding hielt dem entgegen, dass die Kredite sicher seien.").source == "die Holding"
    assert (
        only("Der Rechnungshof wirft die Frage auf, ob die Kredite erlaubt sind.").source
        == "der Rechnungshof"
    )
    assert only("Der Botschafter gab in einem Interview der Allianz die Schuld.").source == "der Botschafter"
    assert (
        only("Der Premier stellt die Art des Abkommens nun in einer Zeitung infrage.").source == "der Premier"
    )
    assert all(
        a.source != "das Referendum" for a in extract_one("Außerdem ergebe das Referendum keinen Sinn.")
    )


def test_a_shortened_institution_name_refers_back() -> None:
    result = _kinds_sources(
        [
            "In einem Rundschreiben macht das Bildungsministerium auf unzulässige Werbung aufmerksam.",
            "Das Ministerium betont darin, dass Werbung an Schulen nur selten zulässig sei.",
        ]
    )
    assert result[0] == [("direct", "das Bildungsministerium")]
    assert result[1] == [("continuation", "das Bildungsministerium")]


def test_a_second_verb_after_und_shares_the_subject() -> None:
    found = only("Das Ministerium zieht nach und macht die Schulräte auf die Regeln aufmerksam.")
    assert found.source == "das Ministerium"


def test_his_view_and_words_continue_the_person() -> None:
    result = _kinds_sources(
        [
            "Der Ökonom Bernhard Feldner sagte, das sei teuer.",
            "So werden die Kosten seiner Einschätzung nach steigen.",
            "Nach seinen Worten wird es teurer.",
            "Wer hat Ihrer Meinung nach recht?",
        ]
    )
    assert result[1] == [("continuation", "Bernhard Feldner")]
    assert result[2] == [("continuation", "Bernhard Feldner")]
    assert all(source != "Ihrer" for _, source in result[3])


def test_interview_answers_and_a_bare_reason_continue_the_speaker() -> None:
    result = _kinds_sources(
        [
            "Der Gerichtshof stoppte die Abschiebung, teilte das Gericht mit.",
            "Begründung: Die Instanz habe nicht genau geprüft.",
            "Ergebnis: Die Zahl stieg.",
        ]
    )
    assert result[1] == [("continuation", "das Gericht")]
    assert result[2] == []
    interview = _kinds_sources(
        ["Die Forscherin Bettina Busch sagte, Ethik sei wichtig.", "Busch: Ja, beides ist wichtig."]
    )
    assert interview[1] == [("direct", "Busch")]


def test_round6_noun_phrase_boundaries() -> None:
    assert only("Das teilte heute, Freitag, die Wettbewerbsbehörde auf ihrer Homepage mit.").source == (
        "die Wettbewerbsbehörde"
    )
    assert only(
        "Von den Abfällen sind laut Studie des Ökologie-Instituts 491.000 Tonnen vermeidbar."
    ).source == ("das Ökologie-Institut")
    found = only(
        "Erich Schönleitner, Geschäftsführer der Handelsfirma, verwies darauf, die Firma habe sich informiert."
    )
    assert found.source == "Erich Schönleitner"
    assert only("Führende europäische Politiker warnen vor den Folgen eines Austritts.").source == (
        "Führende europäische Politiker"
    )
    assert only("So erzählt ein Nutzer, dass die Software abstürze.").source == "ein Nutzer"
    assert (
        only("Die Untersuchungen haben gezeigt, dass die Mafia überall ist.").source == "die Untersuchungen"
    )
    assert only("Das wirkt, wie es der Konzern in einem Blog formuliert.").source == "der Konzern"


def test_halten_fuer_is_a_stance_and_a_pronoun_after_the_verb_can_be_the_subject() -> None:
    assert only("Eine Eröffnung im Jahr 2018 hält Goebl für unrealistisch.").source == "Goebl"
    assert extract_one("Die Polizei hält die Straße frei.") == []
    result = _kinds_sources(
        [
            "Die Botschafterin Anna Hill sprach in Wien.",
            "Die Entscheidung hält sie für richtig, aber riskant.",
        ]
    )
    assert result[1] == [("continuation", "Anna Hill")]


def test_a_verb_opening_a_condition_is_no_source() -> None:
    assert extract_one("Rechnet man mit acht Tonnen, dann wären es viele Lkws.") == []
    assert extract_one("Würden alle Abfälle geladen, ergibt das eine Kolonne.") == []


def test_viewpoint_origin_affiliation_and_ansehen() -> None:
    found = only("Überraschend hieß es zu Mittag in Brüssel aus der EU-Kommission, dass dies in Ordnung sei.")
    assert found.source == "die EU-Kommission"
    assert only("Der Botschafter in Moskau gab in einem Interview der Allianz die Schuld.").source == (
        "der Botschafter in Moskau"
    )
    assert (
        only("Wegen der Schulden sah der Rechnungshof die Rückzahlung als gefährdet an.").source
        == "der Rechnungshof"
    )
    result = _kinds_sources(
        [
            "Trainer Thorsten Fink sagte, das sei gut.",
            "Für Fink ist dies aber Schnee von gestern: Für uns ist das irrelevant.",
            "Für Fink war es der elfte Sieg.",
        ]
    )
    assert result[1] == [("direct", "Fink")]
    assert result[2] == []


def test_adverbs_and_appositions_between_subject_and_verb() -> None:
    found = only("Außenminister Sebastian Kurz hingegen meinte in Brüssel, er würde das ablehnen.")
    assert found.source == "Sebastian Kurz"
    found = only(
        "Marta Serafini, Mailänder Journalistin, vermutete beim Lesen der Protokolle, dass sie lüge."
    )
    assert found.source == "Marta Serafini"
    result = _kinds_sources(
        [
            "EU-Kommissar Vytenis Andriukaitis sagte, das sei gelogen.",
            "Dazu der Kommissar: Das Risiko ist gering.",
        ]
    )
    assert result[1] == [("continuation", "Vytenis Andriukaitis")]
    result = _kinds_sources(
        ["Die EU-Kommission schlägt Alarm.", "2015 wird nach ihren Berechnungen ein Rekordjahr."]
    )
    assert result[1] == [("continuation", "die EU-Kommission")]


def test_versions_viewpoints_and_readers() -> None:
    result = _kinds_sources(
        [
            "Die Caritas forderte eine Rückkehr.",
            "Die rote Fassung: Bis 17 Uhr habe es eine Position gegeben.",
            "Diese Variante sei vereinbart gewesen.",
        ]
    )
    assert result[1] == [("direct", "die rote Fassung")]
    assert result[2] == [("continuation", "die rote Fassung")]
    assert _kinds_sources(["Der Akku hält lange.", "Die kurze Antwort: Sehr gut."])[1] == []
    assert only("Das macht aus Scheraks Sicht wenig Sinn.").source == "Scherak"
    assert only("Faymann selbst spricht von einem Desaster.").source == "Faymann"


def test_an_institution_as_the_place_of_speech() -> None:
    assert only("Im Finanzministerium wurde betont, dass ein Mechanismus existiere.").source == (
        "das Finanzministerium"
    )
    assert only(
        "Im Justizministerium rechnet man nun damit, dass die Causa bald verhandelt wird."
    ).source == ("das Justizministerium")
    assert only("Bei Kiwi sieht man dieses Projekt als Erweiterung des Schwerpunkts.").source == "Kiwi"
    assert extract_one("Die Lasten sind besonders, wie sie im Maastrichter Vertrag genannt werden.") == []


def test_a_person_first_named_in_the_sentence_is_its_pronoun() -> None:
    found = only("Trainer Peter Stöger zeigte sich beeindruckt, man werde kämpfen, meinte er.")
    assert (found.kind, found.source) == ("continuation", "Peter Stöger")
    assert all(a.source != "Einerseits" for a in extract_one("Einerseits appelliert er an die Liberalen."))


def test_a_name_apposed_to_a_role_phrase_is_the_speaker() -> None:
    found = only(
        "Ein Sprecher der beiden Moscheen in Mekka und Medina, Ahmed bin Mohammed al-Mansuri, sagte, der Kran sei umgestürzt."
    )
    assert found.source == "Ahmed bin Mohammed al-Mansuri"
    assert only("Präsident Abdel Fattah al-Sisi sagte, das sei gut.").source == "Abdel Fattah al-Sisi"


def test_more_colon_tags_and_origins() -> None:
    found = only("Teamkollege Alexander Grünwald nüchtern: Sehr schön, aber kaufen können wir uns nichts.")
    assert found.source.endswith("Alexander Grünwald")
    found = only("Dabei soll es um eine Vorabbesprechung gehen, hieß es vonseiten der EU-Kommission.")
    assert found.source == "die EU-Kommission"
    assert only("Am Anfang stand Rassismus, kommentiert dies Markus Distelberger, sein Anwalt.").source == (
        "Markus Distelberger"
    )


# --- round 7: quotes left open, honorifics, role attachments, partitives, documents -----------


def test_a_quote_never_closed_does_not_run_on() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "„Die Lage ist ernst, sagte die Ärztin Anna Berger in Linz.",
            "Der Bürgermeister eröffnete am Abend das neue Hallenbad.",
            "Das Wasser hat 28 Grad.",
        ]
    )
    assert found[1] == [] and found[2] == []


def test_a_quote_closed_by_a_straight_mark_ends() -> None:
    found = RuleAttributionExtractor().extract(
        [
            '„Wir testen, wie Botschaften ankommen. " sagte die Expertin Ruth Sherman.',
            "Die neue Umfrage erschien am Freitag.",
        ]
    )
    assert found[1] == []


def test_a_quote_closed_in_a_later_sentence_continues() -> None:
    found = RuleAttributionExtractor().extract(
        ["Maria Huber sagte: „Wir bleiben hier.", "Niemand zwingt uns zu gehen.“", "Der Saal war voll."]
    )
    assert _kinds(found[1]) == [("continuation", "Maria Huber")] and found[2] == []


def test_honorifics_belong_to_the_name_and_give_its_gender() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Lage sei ernst, sagte Mrs. Clinton am Montag.",
            "Als der Moderator Hugh Hewitt Mr. Trump helfen wollte, sagte dieser, er meine es ernst.",
            "Sie warnte vor Panik.",
        ]
    )
    assert _kinds(found[0]) == [("direct", "Mrs. Clinton")]
    assert all("Hewitt Mr" not in a.source for a in found[1])
    assert _kinds(found[2]) == [("continuation", "Mrs. Clinton")]


def test_a_pronoun_after_the_named_speaker_of_the_sentence_is_no_second_source() -> None:
    found = extract_one(
        "Am Tag davor hatte Mr. Trump in Interviews gesagt, er meinte die Anschuldigung ernst."
    )
    assert _kinds(found) == [("direct", "Mr. Trump")]


@pytest.mark.parametrize(
    ("sentence", "source", "role"),
    [
        (
            (
                "Migration erfordere Verantwortung, sagte der UN-Hochkommissar für Menschenrechte, "
                "Said Raad Al-Hussein, am Montag in Genf."
            ),
            "Said Raad Al-Hussein",
            "der UN-Hochkommissar für Menschenrechte",
        ),
        (
            (
                "Wir haben Flugblätter, erklärte der Sprecher des Krisenstabes für die Flüchtlingskrise, "
                "Giorgos Kyritsis, in Athen."
            ),
            "Giorgos Kyritsis",
            "der Sprecher des Krisenstabes für die Flüchtlingskrise",
        ),
    ],
)
def test_name_apposition_after_a_role_with_its_attachment(sentence: str, source: str, role: str) -> None:
    att = only(sentence)
    assert (att.source, att.role) == (source, role)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Manche der Demokraten sagten, er sei ungeeignet.", "manche der Demokraten"),
        ("Viele der Befragten gaben an, dass sie zufrieden seien.", "viele der Befragten"),
        ("Der Filter ist harmlos, aber manche Experten sagen, dass er verletzt.", "manche Experten"),
        ("Die Untersuchungen legen nahe, dass Fledermäuse das Virus verbreiten.", "die Untersuchungen"),
    ],
)
def test_partitive_and_quantified_groups_and_findings(sentence: str, source: str) -> None:
    att = only(sentence)
    assert (att.kind, att.source) == ("direct", source)


def test_a_bare_statement_goes_on_with_the_source_that_issued_it() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Prinz Henrik will nicht neben seiner Frau bestattet werden.",
            "Das teilte das Königshaus am Donnerstag mit.",
            "Der Bildhauer Bjørn Nørgaard fertigte bereits einen Sarkophag an.",
            "Die Königin sei einverstanden, hieß es weiter in der Mitteilung.",
            "Wo Prinz Henrik begraben werde, sei noch unklar.",
        ]
    )
    assert [(a.kind, a.source, a.channel) for a in found[3]] == [
        ("continuation", "das Königshaus", "die Mitteilung")
    ]
    # a person only mentioned since (the sculptor) did not issue it and does not speak on
    assert _kinds(found[4]) == [("continuation", "das Königshaus")]


def test_a_document_introduced_with_a_relative_clause_is_its_own_source() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Anwälte wiesen das zurück.",
            "So habe er Millionen verloren, heißt es in der Klagsschrift, die am Mittwoch eingebracht wurde.",
        ]
    )
    assert [a.kind for a in found[1]] == ["direct"] and "Klagsschrift" in found[1][0].source


def test_a_relative_clause_gives_no_source_of_its_own() -> None:
    found = extract_one(
        "Am Dienstag teilte Strache den Status eines Bürgers, der über kriminelle Flüchtlinge berichtete."
    )
    assert all("über" not in a.source for a in found)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Leider kursieren Falschmeldungen, hieß es auf der Billa-Facebookseite.", "Billa"),
        ("Die Straße bleibt gesperrt, hieß es auf der Website der Polizei.", "die Polizei"),
    ],
)
def test_the_owner_of_a_web_page_speaks_there(sentence: str, source: str) -> None:
    att = only(sentence)
    assert (att.kind, att.source) == ("direct", source)


def test_konjunktiv_after_a_communicative_act_gives_the_actors_grounds() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Anwältin Maria Windhager sagte, das Urteil sei falsch.",
            "Der Presserat hatte beide Zeitungen abgemahnt.",
            "Diese Veröffentlichung sei mit dem Ehrenkodex nicht vereinbar.",
        ]
    )
    assert _kinds(found[2]) == [("continuation", "der Presserat")]


def test_a_passive_act_is_no_act_of_its_subject() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Anwältin Maria Windhager sagte, das Urteil sei falsch.",
            "Die Zeitung wurde wegen übler Nachrede verurteilt.",
            "Das Urteil sei nicht rechtskräftig.",
        ]
    )
    assert _kinds(found[2]) == [("continuation", "Maria Windhager")]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Die Ministerin hat darauf aufmerksam gemacht, dass die Frist abläuft.", "die Ministerin"),
        ("Prinz Henrik hatte nie einen Hehl daraus gemacht, dass er unglücklich war.", "Prinz Henrik"),
        ("Beide sagten, sie könnten den Druck spüren.", "Beide"),
        ("Andere warnten, dass es zu spät sei.", "Andere"),
        (
            "Ein Sprecher der Universität und des Somerville College sagte, man sei schockiert.",
            "ein Sprecher der Universität und des Somerville College",
        ),
    ],
)
def test_saying_expressions_standalone_groups_and_coordinated_owners(sentence: str, source: str) -> None:
    att = only(sentence)
    assert (att.kind, att.source) == ("direct", source)


def test_an_act_expression_in_the_participle_is_no_report() -> None:
    found = extract_one("Das Vorhaben wird von der ÖVP mit einem Konzept infrage gestellt.")
    assert all(a.cue != "gestellt" for a in found)


def test_figures_about_something_are_no_source() -> None:
    assert extract_one("Nach erneut enttäuschenden Geschäftszahlen tritt der Chef zurück.") == []
    assert [(a.kind, a.source) for a in extract_one("Nach Polizeiangaben wurde niemand verletzt.")] == [
        ("direct", "Polizei")
    ]


def test_the_company_refers_to_an_organisation_named_after_its_kind() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Turbulenzen an der Spitze des Nürnberger Marktforschungsunternehmens GfK.",
            "Der Chef gehe bereits Ende September, teilte das Unternehmen mit.",
        ]
    )
    assert _kinds(found[1]) == [("continuation", "GfK")]


def test_a_statement_of_an_unnamed_spokesman_goes_on_with_him() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Der Dekan Alan Cubbage sagte, der Professor sei beurlaubt.",
            "Ein Sprecher der Universität sagte in einer Erklärung, man sei schockiert.",
            "Die Aussage fügte hinzu, dass die Kollegen bestürzt seien.",
        ]
    )
    assert _kinds(found[2]) == [("continuation", "ein Sprecher der Universität")]


def test_an_age_apposition_stays_out_of_the_way() -> None:
    assert _kinds(extract_one("Hansford, 62, sagt, dass das Wasser stieg.")) == [("direct", "Hansford")]
    assert _kinds(extract_one("Leroy Hansford (62) sagt, dass das Wasser stieg.")) == [
        ("direct", "Leroy Hansford")
    ]


def test_scientists_named_by_their_discipline_are_persons() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Lage sei ernst, sagte Mike Steele.",
            "Der Meteorologe Alek Krautmann sagt, dass beide Flüsse steigen könnten.",
            "Er sagte auch, dass eine Gefahr bestehe.",
        ]
    )
    assert _kinds(found[1]) == [("direct", "Alek Krautmann")]
    assert _kinds(found[2]) == [("continuation", "Alek Krautmann")]


def test_the_company_is_a_company_by_its_legal_form_not_a_share_of_respondents() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Die Umfrage wurde von der Stratos Jet Charters Inc. durchgeführt.",
            "2,2 Prozent der Befragten gaben an, sie hätten Waffen dabeigehabt.",
            "Das Unternehmen sagte, es habe Reisende im ganzen Land befragt.",
        ]
    )
    assert _kinds(found[2]) == [("continuation", "Stratos Jet Charters Inc.")]


def test_a_second_verb_shares_the_subject_of_the_first() -> None:
    found = extract_one("Der Bürgermeister dankte den Helfern und betonte, die Stadt sei gerüstet.")
    assert _kinds(found) == [("direct", "der Bürgermeister")]


def test_he_is_the_speaker_not_the_man_mentioned_beside_him() -> None:
    found = RuleAttributionExtractor().extract(
        [
            (
                "Reid sagt, Clinton bleibe bei Garland. "
                "Harry Reid, Anführer der Demokraten, ist überzeugt, dass sie gewinnt."
            ),
            (
                "Eine Sprecherin von Reid sagte später, er habe noch nicht mit Clinton gesprochen, "
                "ob sie Garland nominiere."
            ),
            "Er lobte Garland und sagte, Clintons Team würde nicht für Unruhe sorgen.",
        ]
    )
    assert _kinds(found[2]) == [("continuation", "Harry Reid")]


@pytest.mark.parametrize(
    "opener",
    ["Kritisch äußerte sich der Minister dazu", "Gerungen wurde um Sendeplätze, erzählt der Minister"],
)
def test_an_adjective_or_participle_opening_the_sentence_is_no_speaker(opener: str) -> None:
    found = RuleAttributionExtractor().extract(
        ["Minister Max Huber trat am Montag vor die Presse.", f"{opener}, es gebe keine Einigung."]
    )
    assert [a.source for a in found[1]] == ["Max Huber"]


def test_a_surname_opened_by_a_particle_is_the_named_person() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Es gab große Widerstände, sagt Martijn van Hout.",
            "Das sei ein Quasi-Monopol, kritisiert van Hout.",
        ]
    )
    assert _kinds(found[1]) == [("direct", "van Hout")]


def test_a_subheading_glued_to_the_sentence_is_not_the_speaker() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Der Wirtschaftslandesrat Michael Strugl sagte, er sehe mehr Reformwillen.",
            "Sechs Jahre in der Komfortzone Strugl warnte davor, das Thema zu überschätzen.",
            "Man dürfe den Vertrauensverlust nicht übersehen.",
        ]
    )
    assert _kinds(found[1]) == [("direct", "Strugl")]
    assert _kinds(found[2]) == [("continuation", "Michael Strugl")]


@pytest.mark.parametrize(
    ("first", "later", "source"),
    [
        (
            "Papst Franziskus hat in Ecuador seine Reise begonnen.",
            "Wir brauchen Dialog, sagte der Papst.",
            "Franziskus",
        ),
        (
            "UN-Generalsekretär Ban Ki-moon sprach vor Bundespräsident Heinz Fischer.",
            "Spaltung verletzt Menschen, betonte der UN-Chef.",
            "Ban Ki-moon",
        ),
    ],
)
def test_a_role_noun_refers_back_to_the_person_named_with_that_role(
    first: str, later: str, source: str
) -> None:
    found = RuleAttributionExtractor().extract([first, later])
    assert _kinds(found[1]) == [("continuation", source)]


def test_er_right_after_the_verb_is_its_subject() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Bürgermeister Rupert Göller sagte, es sei eine gute Zeit gewesen.",
            "Als Höhepunkte bezeichnete er den Brunnenbau und die Neustrukturierung.",
        ]
    )
    assert _kinds(found[1]) == [("continuation", "Rupert Göller")]


def test_a_relative_named_with_kin_and_name_is_the_speaker() -> None:
    found = extract_one(
        "„Er hat viel durchgemacht“, teilte seine Großmutter Delores Melendez dem Sender mit."
    )
    assert [(a.source, a.role) for a in found] == [("Delores Melendez", "Großmutter")]


def test_a_person_before_a_colon_and_first_person_speech_speaks() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Bundeskanzlerin Angela Merkel war beim Gipfel in Brüssel.",
            "Merkel, die darauf bestand, hatte sich danach zufrieden gezeigt: Wir helfen Griechenland.",
        ]
    )
    assert _kinds(found[1]) == [("direct", "Merkel")]


def test_a_colon_after_a_clause_without_a_person_is_no_speech_tag() -> None:
    assert extract_one("Die Regel ist klar: Wir zahlen nicht.") == []


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Das sei nicht tragbar, deponierte Mitterlehners früherer Chef, Wirtschaftskammerpräsident Christoph Leitl.",
            "Christoph Leitl",
        ),
        (
            "Die Folgen wären gering, sagte Österreichs Wirtschaftsdelegierter in London, Christian Kesberg.",
            "Christian Kesberg",
        ),
    ],
)
def test_the_name_apposed_to_a_description_after_the_verb_is_the_speaker(sentence: str, source: str) -> None:
    assert [a.source for a in extract_one(sentence)] == [source]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Fischer findet den Streit besorgniserregend, er mahnt die Länder, gemeinsam zu handeln.", "direct"),
        ("Fischer wird ihm nicht im Wege stehen, das hat er bereits bekräftigt.", "continuation"),
        ("Als Fischer an die Macht kam, nannte er Huber einen Vertrauten.", "continuation"),
    ],
)
def test_a_pronoun_is_direct_only_when_it_goes_on_with_the_named_subject(sentence: str, kind: str) -> None:
    found = RuleAttributionExtractor().extract(
        ["Bundespräsident Heinz Fischer sagte, er sei besorgt.", sentence]
    )
    assert [a.kind for a in found[1]] == [kind]


def test_a_name_with_a_two_word_particle_is_one_person() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Verteidigungsministerin Ursula von der Leyen sagte, der Einsatz sei wichtig.",
            "Von der Leyen betonte, sie habe keine Zweifel.",
        ]
    )
    assert _kinds(found[0]) == [("direct", "Ursula von der Leyen")]
    assert _kinds(found[1]) == [("direct", "Von der Leyen")]


def test_the_name_before_an_apposition_missing_its_closing_comma_speaks() -> None:
    found = extract_one("Birgit Streich, Leiterin des IHK-Centers in Mühlhausen teilte mit, dass fünf Städte mitmachen.")
    assert [(a.source, a.role) for a in found] == [("Birgit Streich", "Leiterin des IHK-Centers in Mühlhausen")]


def test_a_reaction_before_a_colon_introduces_the_persons_words() -> None:
    found = extract_one(
        "Fassungslos zeigten sich Sprecherin Birgit Schatz und Sozialsprecherin Judith Schwentner: "
        "Bei einer Ersatzrate von 55 Prozent kann man nicht von einem Einkommen sprechen."
    )
    assert "Birgit Schatz" in [a.source for a in found]


def test_the_organisation_refers_to_an_organisation_named_after_its_kind_noun() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Der Menschenrechtsorganisation Cepadho zufolge sind 30 Menschen getötet worden.",
            "Wie die Organisation am Montag mitteilte, brachen die Gefechte am Sonntag aus.",
        ]
    )
    assert [(a.kind, a.source) for a in found[1]] == [("continuation", found[0][0].source)]


def test_a_description_by_rank_names_the_company_opening_the_sentence() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Facebook will mehr Artikel an Faktenprüfer schicken, sagte das weltweit größte Online-Netzwerk am Donnerstag.",
            "Das Unternehmen sagte, es setze maschinelles Lernen ein.",
        ]
    )
    assert _kinds(found[0]) == [("continuation", "Facebook")]
    assert _kinds(found[1]) == [("continuation", "Facebook")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Es wurde vermutet, dass sie durch einen Luftangriff getötet wurde.",
        "Anna Day und ihrem Team wird vorgeworfen, bei der Einreise falsche Angaben gemacht zu haben.",
        "Einst wurde angenommen, dass Ivanov Präsident werden könnte.",
    ],
)
def test_a_report_in_the_passive_without_its_reporter_is_hedged(sentence: str) -> None:
    found = RuleAttributionExtractor().extract(["Minister Marco Minniti sagte, die Lage sei ernst.", sentence])[1]
    assert [(a.kind, a.source, a.hedged) for a in found] == [("hedge_only", "", True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Eine Frau wurde zu zwei Jahren verurteilt, weil sie ihn ermutigt hat.",
        "Kritisch angemerkt wird im Bericht außerdem, dass das Land das Risiko trägt.",
    ],
)
def test_a_passive_with_a_reason_or_a_document_is_no_unsourced_report(sentence: str) -> None:
    found = RuleAttributionExtractor().extract([sentence])[0]
    assert all(a.kind != "hedge_only" for a in found)


def test_a_stray_comma_between_subject_and_verb_keeps_the_speaker() -> None:
    found = extract_one("GMB-Senior-Organisator Drew Duffy, sagte: „Die Lage ist klar.“")
    assert [(a.source, a.role) for a in found] == [("Drew Duffy", "GMB-Senior-Organisator")]


def test_laut_seinen_angaben_continues_the_owner() -> None:
    found = RuleAttributionExtractor().extract(
        ["Feuerwehrchef Rupert Lacy sagte, die Lage sei ernst.", "Laut seinen Angaben sind fünf Häuser überschwemmt."]
    )
    assert _kinds(found[1]) == [("continuation", "Rupert Lacy")]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Procter & Gamble teilte mit, der Umsatz sei gestiegen.", "Procter & Gamble"),
        ("Ein Sprecher des Sons & Daughters sagte, dass sie schockiert seien.", "ein Sprecher des Sons & Daughters"),
    ],
)
def test_an_ampersand_joins_a_name(sentence: str, source: str) -> None:
    assert [a.source for a in extract_one(sentence)] == [source]


@pytest.mark.parametrize(
    ("sentence", "source", "role"),
    [
        ("Dazu sagte der Head of Operations Stephen Mikkelsen, dass Portland viel verbrauche.", "Stephen Mikkelsen", "Head of Operations"),
        ("Die Bank of England teilte mit, die Zinsen blieben unverändert.", "die Bank of England", None),
    ],
)
def test_english_titles_and_names_with_of(sentence: str, source: str, role: str | None) -> None:
    assert [(a.source, a.role) for a in extract_one(sentence)] == [(source, role)]


@pytest.mark.parametrize(
    ("sentence", "kind", "source"),
    [
        ("Zu Jahresbeginn machten Gerüchte die Runde, denen zufolge Apple ein System vorstellen werde.", "hedge_only", "Gerüchte"),
        ("Nach Vorwürfen kurdischer Medien seien Zivilisten getötet worden.", "direct", "kurdischer Medien"),
    ],
)
def test_rumours_and_allegations_as_report_sources(sentence: str, kind: str, source: str) -> None:
    assert _kinds(extract_one(sentence)) == [(kind, source)]


def test_nach_eigenen_angaben_names_the_subject_not_the_amount_before_the_verb() -> None:
    found = extract_one("Zwei Millionen Euro hat die FPÖ nach eigenen Angaben bereits investiert.")
    assert _kinds(found) == [("direct", "die FPÖ")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vergangene Woche hatten sich bereits Anhänger der Bewegung abschätzig über ihn geäußert.",
        "Allein in Baden-Württemberg wurden von Sonntagnachmittag bis Montagfrüh 7.000 Helfer gerufen.",
    ],
)
def test_a_time_is_no_source(sentence: str) -> None:
    assert all("Woche" not in a.source and "Sonntag" not in a.source for a in extract_one(sentence))


def test_a_yes_no_question_reports_nothing() -> None:
    assert extract_one("Hat die PSG Barcelona vor drei Jahren vor Neymar gewarnt?") == []


def test_laut_with_an_article_less_adjective_phrase() -> None:
    assert _kinds(extract_one("Die ÖVP hat laut amtlichem Resultat nun 100 Stimmen mehr.")) == [("direct", "amtlichem Resultat")]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Die größte Kehrtwende sieht Natus in der Infrastrukturpolitik: Die Autobahn steht oben.", "Natus"),
        ("Ein Sondergericht sprach Natus aber vor 15 Jahren frei.", None),
    ],
)
def test_a_named_person_after_the_verb_is_the_subject_of_a_fronted_object(sentence: str, source: str | None) -> None:
    found = RuleAttributionExtractor().extract(["Frank Natus, Vorsitzender der Vereinigung, sagt, es gehe voran.", sentence])[1]
    assert (found[0].source if found else None) in ({source} if source else {None, "ein Sondergericht"})


def test_a_declined_noun_after_a_known_surname_is_no_part_of_the_name() -> None:
    found = RuleAttributionExtractor().extract(
        [
            "Geschäftsführer Bernhard Jungwirth sagte, man solle nicht zahlen.",
            "In solchen Fällen rät Jungwirth Betroffenen das Gleiche: nicht zahlen.",
        ]
    )
    assert _kinds(found[1]) == [("direct", "Jungwirth")]


def test_nach_ersten_informationen_is_an_unnamed_report() -> None:
    assert _kinds(extract_one("Nach ersten Informationen verlor der Fahrer die Kontrolle.")) == [
        ("hedge_only", "ersten Informationen")
    ]
