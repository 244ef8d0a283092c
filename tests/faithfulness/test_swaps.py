"""A source name swapped for another word inside a copied span (summarizer.faithfulness.swaps)."""

from __future__ import annotations

from summarizer import check_facts
from summarizer.faithfulness.swaps import copied_slot, word_sequence
from summarizer.faithfulness.wordforms import prepare, tokenize


def _words(text: str):
    return word_sequence(tokenize(prepare(text)))


def _facts(abstract: str, source: str) -> list[tuple[str, bool]]:
    return [(f.text, f.confident) for f in check_facts(abstract, source) if f.kind == "name"]


def test_the_slot_of_a_copied_span_is_the_source_word() -> None:
    source = _words("Police said. Sweden said exports rose after the deal.")
    abstract = _words("Germany said exports rose.")
    slot = copied_slot(abstract, 0, source)
    assert slot is not None and (slot.word, slot.context) == ("Sweden", 3)


def test_no_slot_without_enough_copied_words_or_for_the_same_word() -> None:
    source = _words("Sweden said exports rose after the deal.")
    assert copied_slot(_words("Germany said that."), 0, source) is None  # one word of context
    assert copied_slot(_words("Sweden said exports rose."), 0, source) is None  # the same word
    assert copied_slot(_words("Exports from Germany rose fast."), 2, source) is None  # nothing copied around it


def test_arabic_dictionary_word_swapped_for_a_source_name_is_confident() -> None:
    source = "وصل كريستوفر إلى المطار صباح الاثنين مع وفد الشركة."
    # وليد is also a dictionary word ("newborn"): alone it is only unsure...
    assert _facts("قال وليد إن الرحلة كانت طويلة.", source) == [("وليد", False)]
    # ...but standing where the copied sentence had a name, it replaces that name.
    assert _facts("وصل وليد إلى المطار صباح الاثنين مع وفد الشركة.", source) == [("وليد", True)]


def test_a_synonym_for_an_ordinary_word_in_a_copied_span_stays_unsure() -> None:
    source = "ركب الطلاب الحافلة إلى المدرسة كل صباح مع المعلمين."
    assert _facts("ركب الطلاب الباص إلى المدرسة كل صباح مع المعلمين.", source) == [("الباص", False)]


def test_a_respelling_of_the_source_name_is_no_swap() -> None:
    source = "التقى فولز بالوزير في العاصمة صباح الأحد."
    assert [f for f in check_facts("التقى فوولز بالوزير في العاصمة صباح الأحد.", source) if f.confident] == []


def test_english_name_opening_a_copied_sentence_is_confident() -> None:
    source = "Sweden said exports rose after the deal, officials added."
    # Opening a sentence, a frequent capitalised word may be an ordinary one: unsure...
    assert _facts("Germany grew fast.", source) == [("Germany", False)]
    # ...unless it stands where the copied sentence had a name.
    assert _facts("Germany said exports rose after the deal.", source) == [("Germany", True)]
