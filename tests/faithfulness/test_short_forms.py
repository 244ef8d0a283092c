"""Initials and clipped names of source names (summarizer.faithfulness.short_forms) and ranks."""

from __future__ import annotations

from summarizer import check_facts
from summarizer.faithfulness.short_forms import name_prefixes, source_initials
from summarizer.faithfulness.wordforms import prepare, tokenize


def _tokens(text: str):
    return tokenize(prepare(text))


def _marks(abstract: str, source: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check_facts(abstract, source, language="en") if f.confident]


def test_initials_of_runs_of_capitalised_words() -> None:
    initials = source_initials(_tokens("After World War II, the United Nations and the Department of Justice met."))
    assert {"wwii", "un", "doj", "dj", "ww"} <= initials
    assert "wwiiun" not in initials  # a comma ends a run; "of", "and", "the" do not


def test_clipped_names_come_from_names_only() -> None:
    prefixes = name_prefixes(_tokens("Police said Alexander Okafor won."))
    assert {"ale", "alex", "alexande", "oka"} <= prefixes
    assert "pol" not in prefixes  # "police" is a dictionary word


def test_short_forms_of_source_names_are_not_marks() -> None:
    source = "Alexander Okafor won the race. Few remember World War II. The United Nations met in Geneva."
    assert _marks("Alex Okafor won. Only a few remember WWII now. The UN met.", source) == []
    assert _marks("It was Alec Okafor who won. The UNHCR met.", source) == [("name", "Alec"), ("name", "UNHCR")]


def test_a_people_word_of_a_source_place_is_not_a_mark() -> None:
    source = "Talks with Iran and China resumed in Italy."
    assert _marks("Iranian, Chinese and Italian envoys met.", source) == []
    assert _marks("Iranian and Korean envoys met.", source) == [("name", "Korean")]


def test_a_rank_is_supported_by_an_ordinal_of_the_source() -> None:
    source = "Igor, the first-choice goalkeeper of Russia, was hit by a flare."
    assert _marks("Russia No 1 Igor was hit by a flare.", source) == []
    assert _marks("Russia's No. 1 Igor was hit by a flare.", source) == []
    assert _marks("Russia No 2 Igor was hit by a flare.", source) == [("number", "2")]
    assert _marks("Igor was hit by 1 flare.", source) == [("number", "1")]  # a count is no rank
