"""Tests for summarizer.faithfulness.inflections: what wordfreq's Arabic list says without the optional dictionary."""

from __future__ import annotations

import pytest

from summarizer.faithfulness.facts import check_facts
from summarizer.faithfulness.inflections import is_article_bound, is_inflected_arabic_word


@pytest.mark.parametrize("word", [
    "مسار", "عميقاً", "تمتلك", "سيارته", "مركبته", "رصدها", "وجدوها", "لوحده", "الشخص", "وسيلة", "إمكانية",
    "بيشتغل", "هتحتاج", "ميختلفش", "تشتري", "سيظل", "كشفت", "استنتج",
])
def test_ordinary_words_msa_and_dialect_are_inflected(word: str) -> None:
    assert is_inflected_arabic_word(word)


@pytest.mark.parametrize("word", ["بيرزوفسكي", "تشارلز", "باتريك", "جونسون", "دايتون", "كونج", "توجي", "بالو", "ساراسوتا"])
def test_transliterated_names_are_not(word: str) -> None:
    assert not is_inflected_arabic_word(word)


def test_a_name_keeps_its_article_an_adjective_does_not() -> None:
    assert is_article_bound("الدنمارك") and is_article_bound("والناتو")
    assert not is_article_bound("الفكرية") and not is_article_bound("الأحياء")
    assert not is_article_bound("لندن")


def _sure_names(abstract: str, source: str) -> list[str]:
    return [f.text for f in check_facts(abstract, source, language="ar") if f.kind == "name" and f.confident]


def test_default_install_marks_names_not_reworded_ordinary_words(monkeypatch) -> None:
    from summarizer.faithfulness import lexicon

    monkeypatch.setattr(lexicon, "_arabic_dictionaries", lambda: ())  # as on a default install
    lexicon.is_arabic_lemma.cache_clear()
    lexicon.is_arabic_verb.cache_clear()
    source = "أوقف الرجل مركبته أمام المبنى وقال إنه سيظل في المدينة حتى الأحد."
    # A dialect rewording: other words, the same facts.
    assert _sure_names("وقف الراجل سيارته قدام المبنى وقال إنه هيفضل في المدينة لحد الأحد.", source) == []
    # A name swapped into the copied sentence, and one added: both marked.
    assert _sure_names("أوقف بيرزوفسكي مركبته أمام المبنى وقال إنه سيظل في المدينة حتى الأحد.", source) == ["بيرزوفسكي"]
    assert _sure_names("أوقف الرجل مركبته أمام المبنى في الدنمارك.", source) == ["الدنمارك"]
