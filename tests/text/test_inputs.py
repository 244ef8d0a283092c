"""Bad input through the front end: each case has a defined behaviour or a clear error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import InputError, split_sentences

from summarizer.text.chunks import chunk_sentences

from summarizer.text.clean import clean_text
from summarizer.text.inputs import MAX_PAGE_CHARS, check_article, read_input
from summarizer.text.language import detect_input_language, is_arabic
from summarizer.models.repetition import has_repetition_loop


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200b\u200f"])
def test_empty_text_is_refused_with_the_fix(text):
    cleaned = clean_text(text)
    with pytest.raises(InputError, match="pass"):
        read_input(text) if not text.strip() else check_article(cleaned)


def test_text_without_letters_is_refused():
    with pytest.raises(InputError, match="no letters"):
        check_article(clean_text("١٢٣ ... 456 !!! ٪"))


def test_bytes_and_non_strings_are_refused():
    with pytest.raises(InputError, match="decode"):
        read_input("نص".encode())
    with pytest.raises(InputError, match="string"):
        read_input(42)


def test_size_limit_is_configurable_and_named():
    assert not read_input("ا" * 50, max_chars=50).is_page
    with pytest.raises(InputError, match="limit of 49"):
        read_input("ا" * 50, max_chars=49)
    with pytest.raises(InputError, match="limit of 49"):
        check_article("ا" * 50, max_chars=49)


def test_a_whole_page_is_decided_once_and_may_be_larger_than_its_article():
    page = "<!doctype html><html><body>" + "<p>نص الخبر.</p>" * 40 + "</body></html>"
    source = read_input(page, max_chars=100)
    assert source.is_page and source.limit(100) == MAX_PAGE_CHARS
    assert not read_input("<p>نص</p>").is_page  # a fragment is a text: cleaning parses it


def test_control_characters_are_removed_not_fatal():
    text = "قال\x00 الوزير\x07 إن\x1b الاجتماع ناجح.\x0c"
    cleaned = clean_text(text)
    assert cleaned == "قال الوزير إن الاجتماع ناجح."
    assert split_sentences(cleaned) == [cleaned]


def test_20000_character_line_is_one_sentence_then_cut_into_chunks():
    line = " ".join(["كلمة"] * 4000)  # 20k characters, no punctuation
    sentences = split_sentences(clean_text(line))
    assert len(sentences) == 1
    chunking = chunk_sentences(sentences, lambda s: len(s.split()) + 1, 512)
    assert chunking.warnings and len(chunking.chunks) == 8
    assert " ".join(c.text for c in chunking.chunks) == sentences[0]


def test_latin_only_text_is_english_input():
    sentences = split_sentences(clean_text("The talks resumed on Monday. Officials expect a deal."))
    assert len(sentences) == 2
    assert detect_input_language(sentences) == "en"
    assert not any(is_arabic(s) for s in sentences)


def test_language_of_mixed_documents():
    assert detect_input_language(["قال الوزير إن الاجتماع ناجح.", "The spokesman agreed with the statement entirely."]) == "mixed"
    assert detect_input_language(["قال الوزير إن الاجتماع ناجح ومثمر جدا.", "OK."]) == "ar"


def test_repetition_loops_are_spotted():
    assert has_repetition_loop("the city of the city of the city of the city of Rabat")
    assert has_repetition_loop("no no no no")
    assert not has_repetition_loop("The minister met the minister of finance and the minister of health.")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_no_text_lost_between_cleaning_and_splitting(text):
    cleaned = clean_text(text)
    assert letters("".join(split_sentences(cleaned))) == letters(cleaned)
    assert clean_text(cleaned) == cleaned
