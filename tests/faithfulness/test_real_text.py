"""Fact checks on the cases real text brings: codes, units, Hijri years, ordinary words, unsure names."""

from __future__ import annotations

import pytest

from summarizer import check_facts

from summarizer.faithfulness.facts import check_cross_abstract
from summarizer.faithfulness.hijri import hijri_month, hijri_month_span, hijri_years
from summarizer.faithfulness.names import arabic_skeleton

from conftest import EVAL, need_shared


def _marks(abstract: str, source: str, **kwargs) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check_facts(abstract, source, **kwargs) if f.confident]


CODES = "The COVID-19 outbreak hit F-16 makers, the G20 and 5G firms; resolution S/RES/2334 (P-306) passed post-2015."


def test_codes_with_digits_are_facts_compared_as_written() -> None:
    assert check_facts(CODES, CODES) == []
    changed = "The COVID-21 outbreak hit F-35 makers, the G7 and 4G firms; resolution S/RES/2335 (P-313) passed post-2025."
    assert [text for _, text in _marks(changed, CODES)] == ["21", "35", "7", "4G", "2335", "313", "2025"]


def test_an_arabic_code_and_across_languages() -> None:
    source = "تفشى كوفيد-19 في المدينة."
    assert check_facts(source, source) == []
    assert _marks("تفشى كوفيد-21 في المدينة.", source) == [("number", "21")]
    assert check_cross_abstract("The COVID-19 outbreak spread.", source) == []
    assert check_cross_abstract("The COVID-21 outbreak spread.", source) != []


@pytest.mark.parametrize(
    ("abstract", "source"),
    [
        ("It cost £50million.", "The bill came to 50 million pounds."),
        ("It cost 2bn.", "It cost 2,000,000,000 dollars."),
        ("Losses were $7.5 m in all.", "Losses were more than $7.5 million."),
        ("He weighed 8st.", "He weighed eight stone."),
        ("He jumped 1m.", "He jumped 1 metre."),
        ("أنفقت 3 مليارات دولار.", "أنفقت 3000000000 دولار."),
    ],
)
def test_numbers_with_units_compare_by_value(abstract: str, source: str) -> None:
    assert check_facts(abstract, source) == []


def test_8st_is_not_an_ordinal_and_a_wrong_value_is_flagged() -> None:
    assert _marks("He weighed 9st.", "He weighed 8st.") == [("number", "9st")]


def test_hijri_years_overlap_gregorian_ones() -> None:
    assert hijri_years(1434) == {2012, 2013}
    assert check_facts("ظهر في عام 1434هـ في حفل.", "ظهر في عام 2013 في حفل.") == []
    assert check_facts("It came out in 2012.", "صدر في عام 1434هـ.", language="en") == []
    assert _marks("ظهر في عام 1436هـ في حفل.", "ظهر في عام 2013 في حفل.") == [("date", "1436هـ")]


def test_hijri_months_are_calendar_words_and_convert() -> None:
    assert hijri_month("رمضان") == (9, 1)
    assert hijri_month("وذو", "الحجة") == (12, 2)
    start, end = hijri_month_span(1434, 9)
    assert (start.year, start.month, end.month) == (2013, 7, 8)


def test_transliteration_skeletons_meet() -> None:
    assert arabic_skeleton("فوولز") == arabic_skeleton("فولز")
    assert arabic_skeleton("دبلوماسيا") == arabic_skeleton("ديبلوماسيا")
    assert check_facts("التقى دبلوماسيًا بالوزير.", "التقى ديبلوماسياً بالوزير.") == []
    # Three shared consonants: maybe the same name, so unsure, not underlined.
    assert _marks("التقى فوولز بالوزير.", "التقى فولز بالوزير.") == []


def test_ordinary_and_dialect_words_are_not_names() -> None:
    source = "قالت الشرطة إن المتهم اعتقل في المدينة."
    assert _marks("واتهمت الشرطة الرجل اللي كان هناك عشان كده.", source) == []


def test_a_foreign_name_absent_from_the_source_is_a_confident_mark() -> None:
    source = "قالت الشرطة إن المتهم اعتقل في المدينة."
    assert _marks("قال بيرزوفسكي إن المتهم اعتقل.", source) == [("name", "بيرزوفسكي")]
    assert _marks("زار الوفد باريس.", source) == [("name", "باريس")]


def test_an_ordinary_word_the_source_lacks_is_unsure_not_a_mark() -> None:
    source = "قالت الشرطة إن المتهم اعتقل في المدينة."
    facts = check_facts("قال الطبيب إن المتهم اعتقل.", source)
    assert [(f.text, f.confident) for f in facts] == [("الطبيب", False)]
    assert "unsure" in facts[0].message


def test_english_sentence_openers_shouting_and_page_furniture() -> None:
    source = "The club said the player would stay. Locke paid tribute to the squad."
    assert check_facts("Suddenly the club said he would stay. CLICK HERE for the latest news.", source) == []
    assert check_facts("Believed to stay, Locke paid tribute.", source) == []
    assert _marks("Locke paid tribute to Johnston.", source) == [("name", "Johnston")]


def test_an_arabic_sentence_opening_with_watched_is_no_page_furniture() -> None:
    source = "تابع الملايين المباراة على التلفزيون."
    assert check_facts("شاهد الفيديو كاملا هنا.", source) == []
    assert _marks("شاهد أكثر من 20 مليون شخص المباراة.", source) == [("number", "20 مليون")]


def test_real_human_summaries_are_mostly_unmarked() -> None:
    import json

    rows = [json.loads(line) for line in need_shared(EVAL / "human-summaries" / "frank_cnndm_dev.jsonl").read_text().splitlines()]
    marked = sum(bool(_marks(r["summary"], r["article"], language="en")) for r in rows)
    assert marked / len(rows) <= 0.25


def test_najdi_rewording_keeps_hijri_years_unmarked() -> None:
    ars = need_shared(EVAL / "flores200_more_languages" / "ars_Arab.devtest").read_text().splitlines()
    msa = (EVAL / "flores200_devtest_arb_eng" / "arb_Arab.devtest").read_text().splitlines()
    pairs = [(a, m) for a, m in zip(ars, msa) if "هـ" in a or "ه " in a][:200]
    numbers = sum(k != "name" for a, m in pairs for k, _ in _marks(a, m, language="ar"))
    assert numbers / len(pairs) <= 0.05


def test_hijri_dates_with_a_month_name_compare_by_overlap() -> None:
    source = "في 17 سبتمبر 1940، غزا الجيش المدينة."
    assert check_facts("في 15 شعبان 1359هـ، غزا الجيش المدينة.", source) == []
    assert _marks("في 15 شعبان 1365هـ، غزا الجيش المدينة.", source) == [("date", "15 شعبان 1365هـ")]
    assert check_facts("It happened on 17 September 1940.", "في 15 شعبان 1359هـ، غزا الجيش.", language="en") == []
    assert _marks("It happened on 17 May 1940.", "في 15 شعبان 1359هـ، غزا الجيش.", language="en") == [("date", "17 May 1940")]


def test_a_number_opening_a_line_after_a_heading_is_no_code() -> None:
    source = "Structure and governance\n128. The office no longer warrants leadership at the P-5 level."
    assert check_facts("128. The office no longer warrants leadership at the P-5 level.", source) == []


def test_names_without_the_optional_dictionary(monkeypatch) -> None:
    """A default install has no arramooz (GPL): names are still found, ordinary words fall back to frequency."""
    from summarizer.faithfulness import lexicon, names

    source = "قال الطبيب إن المريض غادر المستشفى في باريس."
    abstract = "قال الطبيب إن بيرزوفسكي غادر المستشفى."
    with_dictionary = _marks(abstract, source, language="ar")
    monkeypatch.setattr(lexicon, "_arabic_dictionaries", lambda: ())
    monkeypatch.setattr(names, "is_arabic_lemma", lexicon.is_arabic_lemma.__wrapped__)
    monkeypatch.setattr(names, "is_arabic_verb", lexicon.is_arabic_verb.__wrapped__)
    assert not lexicon.has_arabic_dictionary() and not names.is_arabic_lemma("طبيب")
    assert ("name", "بيرزوفسكي") in _marks(abstract, source, language="ar") == with_dictionary
    assert check_facts(source, source, language="ar") == []
