"""Tests for summarizer.faithfulness.arabic_numbers: Arabic numbers in words, in every common spelling."""

from __future__ import annotations

from decimal import Decimal

import pytest

from summarizer.faithfulness.facts import check_facts
from summarizer.faithfulness.numbers import find_numbers
from summarizer.faithfulness.wordforms import prepare, tokenize
from conftest import EVAL, need_shared


def _values(text: str) -> list[set]:
    prepared = prepare(text)
    return [set(m.keys) for m in find_numbers(prepared, tokenize(prepared))]


@pytest.mark.parametrize(("text", "value"), [
    ("خمسة و عشرون", 25), ("خمسة وعشرون", 25), ("وأحد عشر لاعباً", 11), ("ست وثلاثون امرأة", 36),
    ("ومليونان", 2_000_000), ("تريليونان", 2 * 10**12), ("ثلاثة تريليونات", 3 * 10**12), ("خمسة مليارات", 5 * 10**9),
    ("مئتا ألف", 200_000), ("مئتين", 200), ("سبعمائة وخمسون ألفاً", 750_000), ("ثلاث مائة", 300),
    ("خمس مئة ألفاً و واحد", 500_001), ("إحدى عشرة", 11), ("اثنتا عشرة", 12), ("ثمانى عشرة", 18),
    ("ألف و أربعمائة و واحد و ثلاثون", 1431), ("تسعة و تسعون", 99), ("مئة و اثنتان و عشرون", 122),
    ("أربعة عشر مليونا", 14_000_000), ("ألف مليون", 10**9), ("صفر", 0), ("واحدة", 1), ("لقاحاً واحداً", 1),
    ("كوادريليون و مئة", 10**15 + 100), ("مئة وأحد عشر", 111), ("ألف وإحدى عشرة", 1011), ("ناقص خمسة", -5), ("عام ألفين وعشرين", 2020), ("ثلاثة ملايين ونصف", 3_500_000),
])
def test_cardinals_in_every_spelling(text: str, value: int) -> None:
    assert _values(text) == [{Decimal(value)}]


@pytest.mark.parametrize(("text", "value"), [
    ("ثلاثة فاصلة خمسة", "3.5"), ("اثنان فاصلة خمسة وعشرون", "2.25"), ("صفر فاصلة صفر خمسة", "0.05"),
    ("سالب خمسة", "-5"), ("سالب ثلاثة آلاف و خمس مئة و واحد", "-3501"), ("ثلاثة ونصف", "3.5"),
    ("ثلاثة ترليونات", "3000000000000"),
])
def test_decimals_and_negatives(text: str, value: str) -> None:
    assert _values(text) == [{Decimal(value)}]


def test_a_subunit_after_a_currency_keeps_its_unit() -> None:
    (keys,) = _values("مليون ريال و تسع و تسعون هللة")
    assert Decimal("1000000.99") in keys
    assert check_facts("دفع مليون ريال و تسع و تسعون هللة", "دفع 1000000.99 ريال", language="ar") == []


def test_a_hijri_year_in_words() -> None:
    prepared = prepare("سنة ألف وأربعمائة وأربعة وثلاثين هجرية")
    (mention,) = find_numbers(prepared, tokenize(prepared))
    assert mention.form == "hijri" and Decimal(2013) in mention.keys


@pytest.mark.parametrize("text", ["خمسة ستة", "عشرين و ثلاثين", "خمسمائة وألف"])
def test_words_not_joined_by_the_grammar_are_two_numbers(text: str) -> None:
    assert len(_values(text)) == 2


@pytest.mark.parametrize("text", ["آلاف الأشخاص", "مئات الملايين", "واحد من أكبر المدن", "يوم الأحد", "لست أدري",
                                  "في شهر صفر"])
def test_not_numbers(text: str) -> None:
    assert _values(text) == []


def test_a_minus_sign_reads_as_negative_but_not_a_range() -> None:
    assert _values("الحرارة -5 درجات") == [{Decimal(-5), Decimal(5)}]
    assert _values("من 3-5 أيام") == [{Decimal(3)}, {Decimal(5)}]


def test_six_is_never_a_name_and_a_bare_one_is_unsure() -> None:
    facts = check_facts("جاء رجل وست من القرية.", "جاء رجل وامرأة من القرية.", language="ar")
    assert all(f.kind != "name" for f in facts)
    (one,) = [f for f in check_facts("لديهم هدف واحد.", "لديهم نفس الهدف.", language="ar") if f.kind == "number"]
    assert not one.confident
    assert [f.confident for f in check_facts("حضر سبعة و عشرون شخصاً.", "حضر 28 شخصاً.", language="ar")] == [True]


def test_shared_number_word_pairs() -> None:
    need_shared(EVAL / "number-words" / "cases.json")
    from test_facts import _load_benchmark  # the benchmark script, loaded as a module

    counts = _load_benchmark().run_number_words(EVAL.parent)
    for cat in ("cardinal", "currency/unit", "negative"):
        for case, count in counts[cat].items():
            if not case.startswith("..."):
                assert count.rate >= 0.98, (cat, case, count.rate)
