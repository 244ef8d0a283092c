"""Tests for summarizer.faithfulness.attribution: a hand-made document in both languages, edge cases, speed, real lines."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.faithfulness.attribution import Attribution, SourceLink, attribute, link_sentences
from conftest import SHARED


ENGLISH = [
    "The city council met on Monday to discuss next year's budget.",
    "Residents complained about noise from the new stadium.",
    "Mayor Jane Porter proposed a tram line across the river to the airport.",
    "The weather was mild for the season.",
    "Several shops on the main square closed early.",
    "The tram line would cost 450 million dollars over ten years.",
    "Opposition members asked for a public inquiry into the plan.",
]
ARABIC = [
    "اجتمع مجلس المدينة يوم الاثنين لمناقشة ميزانية العام المقبل.",
    "اشتكى السكان من ضجيج الملعب الجديد.",
    "اقترحت رئيسة البلدية جين بورتر خط ترام عبر النهر إلى المطار.",
    "كان الطقس معتدلا بالنسبة لهذا الموسم.",
    "أغلقت عدة متاجر في الساحة الرئيسية أبوابها مبكرا.",
    "سيكلف خط الترام 450 مليون دولار على مدى عشر سنوات.",
    "طالب أعضاء المعارضة بتحقيق علني في الخطة.",
]
EN_ABSTRACT = (
    "Mayor Jane Porter proposed a tram line to the airport that would cost 450 million dollars. "
    "Opposition members asked for an inquiry."
)
AR_ABSTRACT = "اقترحت جين بورتر خط ترام إلى المطار بتكلفة 450 مليون دولار. وطالب أعضاء المعارضة بتحقيق."


def _indices(attribution: Attribution) -> set[int]:
    return {link.index for link in attribution.sources}


def test_a_sentence_built_from_sentences_2_and_5_links_to_both() -> None:
    result = attribute(EN_ABSTRACT, AR_ABSTRACT, ARABIC, ENGLISH)
    english = [a for a in result if a.language == "en"]
    assert [_indices(a) for a in english] == [{2, 5}, {6}]
    assert english[0].sources[0].index == 2  # the larger share comes first
    assert all(0 < link.score <= 1 for a in english for link in a.sources)
    assert 0 < english[0].coverage <= 1 and english[0].coverage >= max(link.score for link in english[0].sources)


def test_translate_strategy_arabic_sentences_inherit_the_english_links() -> None:
    result = attribute(EN_ABSTRACT, AR_ABSTRACT, ARABIC, ENGLISH, strategy="translate")
    english = [a for a in result if a.language == "en"]
    arabic = [a for a in result if a.language == "ar"]
    assert [a.index for a in arabic] == [0, 1] and all(a.inherited for a in arabic)
    assert [a.sources for a in arabic] == [a.sources for a in english]


@pytest.mark.parametrize(
    ("strategy", "arabic_abstract"),
    [("direct", AR_ABSTRACT), ("translate", AR_ABSTRACT.split(". ")[0] + ".")],  # direct, or counts that differ
)
def test_arabic_overlap_against_the_arabic_source(strategy: str, arabic_abstract: str) -> None:
    result = attribute(EN_ABSTRACT, arabic_abstract, ARABIC, ENGLISH, strategy=strategy)
    arabic = [a for a in result if a.language == "ar"]
    assert not any(a.inherited for a in arabic)
    assert _indices(arabic[0]) == {2, 5}
    if len(arabic) > 1:
        assert _indices(arabic[1]) == {6}


def test_a_sentence_with_nothing_in_common_links_nowhere() -> None:
    (links, coverage), = link_sentences(["Volcanic ash grounded flights in Iceland."], ENGLISH)
    assert links == () and coverage == 0.0


def test_arabic_normalisation_links_spelling_variants() -> None:
    (links, _), = link_sentences(["والمعارضه طالبت بتحقيق علنى"], ARABIC)  # taa marbuta, alef maqsura, clitics
    assert links[0].index == 6


def test_numbers_match_across_digit_systems() -> None:
    (links, _), = link_sentences(["٤٥٠ مليون"], ARABIC)
    assert links[0].index == 5


def test_empty_abstracts_and_to_dict() -> None:
    assert attribute("", "", ARABIC, ENGLISH) == ()
    (first, *_) = attribute(EN_ABSTRACT, "", ARABIC, ENGLISH)
    assert first.to_dict()["sources"][0] == {"index": 2, "score": first.sources[0].score}
    assert isinstance(first.sources[0], SourceLink)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="pair up"):
        attribute(EN_ABSTRACT, AR_ABSTRACT, ARABIC, ENGLISH[:-1])
    with pytest.raises(ValueError, match="strategy"):
        attribute(EN_ABSTRACT, AR_ABSTRACT, ARABIC, ENGLISH, strategy="both")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_sources"):
        attribute(EN_ABSTRACT, AR_ABSTRACT, ARABIC, ENGLISH, max_sources=0)


def test_max_sources_caps_the_links() -> None:
    result = attribute(EN_ABSTRACT, "", ARABIC, ENGLISH, max_sources=1)
    assert [len(a.sources) for a in result] == [1, 1]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=5), st.text(max_size=80))
def test_arbitrary_text_never_crashes(sentences: list[str], abstract: str) -> None:
    for attribution in attribute(abstract, abstract, sentences, sentences, strategy="direct"):
        assert all(0 <= link.index < len(sentences) and 0 < link.score <= 1 for link in attribution.sources)
        assert 0 <= attribution.coverage <= 1


def test_a_5000_word_article_with_a_10_sentence_abstract_is_fast() -> None:
    english = [f"Officials in district {i} counted {i * 7} new cases of the fever on day {i}." for i in range(400)]
    arabic = [f"أحصى المسؤولون في المنطقة {i} عدد {i * 7} من الحالات الجديدة للحمى في اليوم {i}." for i in range(400)]
    assert sum(len(s.split()) for s in english) >= 5000
    en_abstract = " ".join(english[i] for i in range(0, 400, 40))
    ar_abstract = " ".join(arabic[i] for i in range(0, 400, 40))
    began = time.perf_counter()
    result = attribute(en_abstract, ar_abstract, arabic, english, strategy="direct")
    assert time.perf_counter() - began < 1.0
    assert [a.sources[0].index for a in result] == list(range(0, 400, 40)) * 2


@pytest.mark.skipif(not (SHARED / "eval-data").is_dir(), reason="shared eval data not found")
@pytest.mark.parametrize("name", ["eng_Latn.devtest", "arb_Arab.devtest"])
def test_real_lines_link_back_to_themselves(name: str) -> None:
    folder = SHARED / "eval-data" / "flores200_devtest_arb_eng"
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    urls = [row.split("\t")[0] for row in (folder / "metadata_devtest.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    tried = hits = 0
    start = 0
    for i in range(1, len(urls) + 1):
        if i == len(urls) or urls[i] != urls[start]:
            document = lines[start:i]
            for j, ((links, _),) in enumerate(zip(link_sentences(document, document))):
                tried += 1
                hits += bool(links) and links[0].index == j
            start = i
    assert tried == 1012 and hits / tried >= 0.98
