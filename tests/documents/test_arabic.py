"""The Arabic repairs on strings: visual lines, backwards ligatures, Persian letter forms, unreadable text."""

from __future__ import annotations

from summarizer.documents.arabic import balance_brackets, best_reading, is_visual, logical_line, readable_share, repair_words
from conftest import SAMPLE, need_shared

SENTENCE = "قال الوزير إن الحكومة ستبني مدارس جديدة في المناطق الريفية"


def test_a_line_stored_in_visual_order_is_turned_around():
    visual = SENTENCE[::-1]
    assert is_visual(visual) and not is_visual(SENTENCE)
    assert logical_line(visual) == SENTENCE
    assert logical_line(SENTENCE) == SENTENCE


def test_numbers_and_latin_words_keep_their_direction_in_a_turned_line():
    visual = "رداصلا (IMF) ريرقت بسح 2017 ماع يف %3.9 ومنلا غلب"  # as the eye sees it, left to right
    assert logical_line(visual) == "بلغ النمو 3.9% في عام 2017 حسب تقرير (IMF) الصادر"


def test_a_backwards_lam_alef_and_swapped_ligature_letters_are_read_as_words():
    assert best_reading("البالد") == "البلاد"
    assert best_reading("واإلنسانية") == "والإنسانية"
    assert best_reading("خمتلفة") == "مختلفة"
    assert repair_words("تقرير حالة البالد خالل عام 2017") == "تقرير حالة البلاد خلال عام 2017"


def test_persian_letter_forms_become_arabic_letters_where_that_makes_words():
    assert repair_words("الأسواق الإلكترونیة لیست") == "الأسواق الإلكترونية ليست"


def test_a_word_split_by_a_space_is_joined_and_unmapped_glyphs_dropped():
    assert repair_words("في الس وق") == "في السوق"
    assert repair_words("الأ\ufffdسعار الجارية") == "الأسعار الجارية"


def test_a_word_with_diacritics_is_judged_whole_not_in_pieces():
    # The pieces between the marks ("والتحر" + "ك") are no words: read alone they were "repaired".
    for word in ("والتحرّك", "التكيّف", "الثّقافي", "وأهميّة", "أجنحتِها"):
        assert repair_words(word) == word
    assert repair_words("البالدُ") == "البلاد"  # a repaired word loses its marks, now misplaced


def test_a_real_article_is_left_alone():
    text = need_shared(SAMPLE).read_text(encoding="utf-8")
    words = text.split()
    repaired = repair_words(text).split()
    changed = sum(a != b for a, b in zip(words, repaired))
    assert len(repaired) >= len(words) - 3 and changed <= 0.01 * len(words)
    assert all(not is_visual(line) for line in text.splitlines() if len(line.split()) > 3)


def test_readable_share_tells_words_from_a_broken_font_map():
    share, count = readable_share(SENTENCE)
    assert share == 1.0 and count == 10
    share, _ = readable_share("ﺚﻗﺫ ﻁﺼﻗ ﺨﻤﻀﻗ ﻈﺜﻗ ﻚﻀﻈ ﺫﺹﻗ ﺽﺷﺫ ﺬﻏﺫ ﻇﺞﺫ ﺵﺽﻇ")
    assert share < 0.2


def test_mirrored_brackets_are_turned_back_only_where_that_pairs_them():
    assert balance_brackets("الشكل رقم )2(: مساهمة القطاع") == "الشكل رقم (2): مساهمة القطاع"
    assert balance_brackets("(january) (يناير(") == "(january) (يناير)"
    assert balance_brackets("«self test» «ذاتي إختبار«") == "«self test» «ذاتي إختبار»"
    for line in ("(الشركات", "قال (الوزير) إن", "أ) البند الأول", "نص بلا أقواس"):
        assert balance_brackets(line) == line


def test_rare_words_and_swapped_letters_are_read_again_only_on_a_damaged_page():
    from summarizer.documents.arabic import damage

    assert repair_words("العقيد أمار", damaged=False) == "العقيد أمار"  # a rare name, kept
    assert repair_words("العقيد أمار") == "العقيد أمرا"  # what a damaged page would risk
    assert repair_words("تقرير حالة البالد خالل عام") == "تقرير حالة البلاد خلال عام"
    assert repair_words("تقرير حالة البالد خالل عام", damaged=False) == "تقرير حالة البالد خالل عام"
    assert repair_words("الإلكترونیة", damaged=False) == "الإلكترونية"  # letter forms still read
    assert damage(SENTENCE) == 0.0
    assert damage("تقرير حالة البالد خالل عام اململكة املصدر") > 0.3
