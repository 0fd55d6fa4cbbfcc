import pytest

from service.text.normalize import InvalidTextError, normalize_text


def test_line_breaks_become_lf_and_line_numbers_survive():
    assert normalize_text("Titel\r\nErste Zeile.\rZweite Zeile.\n\nDritte.") == (
        "Titel\nErste Zeile.\nZweite Zeile.\n\nDritte."
    )


def test_odd_spaces_become_one_plain_space_and_lines_are_stripped():
    text = "  Der\u00a0Minister\u2009sagte\tam\u202fMontag   etwas. \u3000"
    assert normalize_text(text) == "Der Minister sagte am Montag etwas."


def test_soft_hyphens_zero_width_and_control_characters_are_removed():
    text = "Bundes\u00adregierung\u200b beschließt\u2060 Re\ufeffform\x07\x00."
    assert normalize_text(text) == "Bundesregierung beschließt Reform."


def test_nfc_composes_umlauts():
    decomposed = "Gru\u0308n und O\u0308sterreich"
    assert normalize_text(decomposed) == "Grün und Österreich"


def test_german_quote_pairs_stay_intact():
    text = "„Das ist falsch“, sagte sie. Er sprach von einem ‚Fehler‘."
    assert normalize_text(text) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('Er sagte: "Wir kommen", und ging.', "Er sagte: „Wir kommen“, und ging."),
        ("Er sagte: »Wir kommen«, und ging.", "Er sagte: „Wir kommen“, und ging."),
        ("Er sagte: «Wir kommen», und ging.", "Er sagte: „Wir kommen“, und ging."),
        ("„Wir kommen”, sagte er.", "„Wir kommen“, sagte er."),
        ("Sie nannte es ›absurd‹.", "Sie nannte es ‚absurd‘."),
        ('("Zitat")', "(„Zitat“)"),
    ],
)
def test_double_and_single_quotes_become_the_german_set(raw, expected):
    assert normalize_text(raw) == expected


def test_apostrophes_become_ascii():
    assert normalize_text("Wie geht’s? Andreas´ Buch und `Rock’n’Roll`") == (
        "Wie geht's? Andreas' Buch und 'Rock'n'Roll'"
    )


def test_quote_between_spaces_stays_plain_because_its_direction_is_unknown():
    assert normalize_text('Ein 5 " Zoll Bildschirm') == 'Ein 5 " Zoll Bildschirm'


def test_emoji_and_other_scripts_are_kept():
    text = "Freude 😀 über 日本 und Ελλάδα"
    assert normalize_text(text) == text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n", "\u00a0\u2009"])
def test_empty_or_blank_text_is_refused(text):
    with pytest.raises(InvalidTextError, match="empty"):
        normalize_text(text)


def test_only_invisible_characters_is_refused():
    with pytest.raises(InvalidTextError, match="no visible characters"):
        normalize_text("\u200b\u00ad\ufeff")


def test_binary_garbage_is_refused_with_a_clear_message():
    garbage = "".join(chr(i % 32) for i in range(1, 400)) + "PDF%"
    with pytest.raises(InvalidTextError, match="binary"):
        normalize_text(garbage)


def test_replacement_characters_count_as_garbage():
    with pytest.raises(InvalidTextError, match="UTF-8"):
        normalize_text("\ufffd\ufffd\ufffd ab \ufffd\ufffd")


def test_a_few_control_characters_in_real_text_are_just_removed():
    text = "Der Rat tagte am Montag.\x0c Er beschloss das Budget.\x01"
    assert normalize_text(text) == "Der Rat tagte am Montag.\nEr beschloss das Budget."


def test_large_input_is_handled_whole():
    paragraph = "Die Regierung sagte am Montag, dass „alles“ gut sei.\u00a0" * 2000
    result = normalize_text(paragraph)
    assert result.count("„alles“") == 2000
    assert "\u00a0" not in result
