"""Tests of summarizer.text.clean (and the boilerplate and HTML helpers it uses).

Hand-written edge cases first, then the real texts in ../shared (skipped when
that folder is missing), then property tests.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.text.boilerplate import is_widget_line
from summarizer.text.clean import CleanedText, CleanOptions, clean, clean_text
from summarizer.errors import InputError
from summarizer.text.sentences import split_sentences

from conftest import EVAL, need_shared

HEADING = "مقالات ذات صلة"
BACK_TO_TOP = "زر الذهاب إلى الأعلى"
BODY_1 = "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل."
BODY_2 = "وأضاف أن الوفدين اتفقا على جدول الأعمال."


def _squash(text: str) -> str:
    return " ".join(text.split())


def _assert_sentences_survive(original: str, cleaned: str) -> None:
    """Every sentence of ``original``, cleaned alone, appears in ``cleaned``."""
    haystack = _squash(cleaned)
    for sentence in split_sentences(original):
        needle = _squash(clean_text(sentence, remove_boilerplate=False))
        assert needle in haystack, f"body sentence lost: {sentence!r}"


# --- characters -----------------------------------------------------------------

def test_presentation_forms_and_ligatures_fold_to_base_letters():
    isolated = "\ufe8d\ufedf\ufecc\ufeae\ufe91\ufef4\ufe94"  # العربية in presentation forms
    assert clean_text(isolated) == "العربية"
    assert clean_text("\ufefb \ufdf2") == "لا الله"  # lam-alef and the Allah ligature


def test_tatweel_is_removed():
    assert clean_text("كتـــاب جمـيل") == "كتاب جميل"


def test_removal_then_composition_reaches_a_fixed_point():
    # Without the tatweel, alef and hamza above compose into one letter.
    assert clean_text("اـ\u0654") == "أ"
    assert clean_text("e\u200b\u0301") == "\u00e9"


def test_zero_width_bidi_and_control_characters_are_removed():
    noisy = "\ufeffمر\u200bحبا\u200c \u200e\u202bعالم\u202c\u2067x\u2069\u061c\u00ad!\x00\x07"
    assert clean_text(noisy) == "مرحبا عالمx!"


def test_quotes_are_normalised_but_guillemets_kept():
    assert clean_text("“أ” „ب‟ ‘ج’ ‚د‛ 5″ «هـ»") == "\"أ\" \"ب\" 'ج' 'د' 5\" «ه»"


def test_whitespace_is_normalised():
    messy = "  أ\tب\u00a0\u00a0ج\u2003د  \r\nسطر\rثان \n\n\n\n\nفقرة\u2029أخيرة  \n "
    assert clean_text(messy) == "أ ب ج د\nسطر\nثان\n\nفقرة\n\nأخيرة"


def test_diacritics_kept_by_default_and_stripped_on_request():
    voweled = "مُحَمَّدٌ رَسُولُ اللَّهِ وَهٰذَا"
    assert clean_text(voweled) == voweled
    assert clean_text(voweled, strip_diacritics=True) == "محمد رسول الله وهذا"
    assert clean(voweled, {"strip_diacritics": True}).text == "محمد رسول الله وهذا"


def test_both_digit_systems_stay_as_written():
    digits = "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123456789"
    assert clean_text(digits) == digits


def test_nfkc_side_effects_are_the_documented_ones():
    assert clean_text("x² ＡＢ ½") == "x2 AB 1⁄2"


# --- HTML -----------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html><html><head><title>عنوان الصفحة</title><style>p{color:red}</style></head>"
    "<body><h1>عنوان الخبر</h1><p>الجملة الأولى &amp; ما\n بعدها.</p>"
    "<script>var x = 'لا';</script><noscript>فعّل جافاسكربت</noscript><template>قالب</template>"
    "<div>سطر<br>سطر ثان</div><ul><li>أ</li><li>ب</li></ul>"
    "<p>اقتباس &quot;مهم&quot; &#1575;&#1604;&#1570;&#1606;&nbsp;هنا.</p><!-- تعليق --></body></html>"
)


def test_html_fragment_is_parsed_into_paragraphs_and_lines():
    fragment = PAGE[PAGE.index("<body>"):PAGE.index("</html>")].replace("<body>", "").replace("</body>", "")
    result = clean(fragment)
    assert result.was_html and result.removed_lines == ()
    assert result.text == (
        "عنوان الخبر\n\nالجملة الأولى & ما بعدها.\n\nسطر\nسطر ثان\n\nأ\nب\n\n"
        'اقتباس "مهم" الآن هنا.'
    )


def test_entities_in_plain_text_are_left_alone():
    result = clean("شركة AT&amp;T و 5 &lt; 6")
    assert not result.was_html
    assert result.text == "شركة AT&amp;T و 5 &lt; 6"


def test_inline_markup_only_keeps_the_texts_own_lines():
    assert clean_text("سطر <b>أول</b>\nسطر ثان") == "سطر أول\nسطر ثان"


def test_escaped_markup_is_decoded_then_parsed():
    result = clean("<p>&lt;p&gt;نص&lt;/p&gt;</p>")
    assert result.text == "نص"
    assert clean_text(result.text) == result.text


def test_full_width_brackets_fold_into_markup():
    result = clean("\uff1cp\uff1eنص\uff1c/p\uff1e")  # <p>نص</p> in full-width brackets
    assert result.was_html and result.text == "نص"


def test_markup_left_after_dropping_a_widget_line_is_parsed():
    # "<!--" never closed hides the tag until the widget line holding it goes.
    result = clean(f"<!--{HEADING}\r<b>نص</b>")
    assert result.text == "نص"
    assert result.removed_lines == (f"<!--{HEADING}",)
    assert clean_text(result.text) == result.text


def test_deeply_nested_html_does_not_recurse():
    assert clean_text("<div>" * 5000 + "نص." + "</div>" * 5000) == "نص."


# --- boilerplate ----------------------------------------------------------------

WIDGET_LINES = [
    HEADING, "مواضيع ذات صلة", "اخبار ذات صلة:", "Related articles", "RELATED POSTS",
    "اقرأ أيضاً", "إقرأ ايضا:", "اقرأ أيضا: عنوان مقال آخر", "Read more »", "Read also",
    "شارك", "مشاركة", "شارك على فيسبوك", "شارك على تويتر", "Share", "Tweet", "Share | Tweet | Print",
    "طباعة", "Print", "التعليقات (12)", "أضف تعليق", "Comments", "Leave a comment",
    "جميع الحقوق محفوظة", "جميع الحقوق محفوظة لموقع المثال 2024", "© 2024 المثال",
    "All rights reserved.", "Example News 2024. All rights reserved.", "Copyright 2024 Example",
    BACK_TO_TOP, "العودة إلى الأعلى", "Back to top ↑",
    "الوسوم", "الكلمات المفتاحية: المغرب، الساحل", "كلمات مفتاحية", "Tags: Morocco, Sahel",
    "تابعونا", "تابعنا على تويتر", "Follow us on Facebook",
    "إعلان", "- Advertisement -", "اشترك في النشرة البريدية", "Subscribe",
]


@pytest.mark.parametrize("widget", WIDGET_LINES)
def test_listed_widget_line_is_removed_and_reported(widget):
    result = clean(f"{BODY_1}\n\n{widget}\n\n{BODY_2}")
    assert result.text == f"{BODY_1}\n\n{BODY_2}"
    assert result.removed_lines == (widget,)


@pytest.mark.parametrize("sentence", [
    "وقال إن جميع الحقوق محفوظة للشعب الفلسطيني في أرضه.",
    "شارك الآلاف في المسيرة يوم الجمعة.",
    "اقرأ أيضا ما كتبه المراسل عن المعارك",
    "Please share your views in the comments below.",
    "Copyright law changes in Egypt",
    "وأكد أن التعليقات على القرار كانت إيجابية",
])
def test_sentence_containing_a_widget_phrase_is_kept(sentence):
    assert not is_widget_line(sentence)
    result = clean(f"{BODY_1}\n{sentence}\n{BODY_2}")
    assert result.text == f"{BODY_1}\n{sentence}\n{BODY_2}"
    assert result.removed_lines == ()


def test_titles_after_a_trailing_widget_heading_are_removed():
    text = "\n".join([
        "عنوان الخبر بلا علامة ترقيم", BODY_1, "فقرة قصيرة بلا نقطة", BODY_2, HEADING,
        "عنوان مقال ذي صلة", "منذ ساعتين", "هل ينجح الاتفاق الجديد؟", "عنوان ثالث", BACK_TO_TOP,
    ])
    result = clean(text)
    assert result.text == "\n".join([
        "عنوان الخبر بلا علامة ترقيم", BODY_1, "فقرة قصيرة بلا نقطة", BODY_2,
        "هل ينجح الاتفاق الجديد؟",
    ])
    assert result.removed_lines == (
        HEADING, "عنوان مقال ذي صلة", "منذ ساعتين", "عنوان ثالث", BACK_TO_TOP,
    )


def test_first_line_and_lines_before_the_heading_are_never_removed():
    result = clean(f"عنوان بلا نقطة\nشاهد الفيديو كاملا\n{HEADING}\nعنوان آخر")
    assert result.text == "عنوان بلا نقطة\nشاهد الفيديو كاملا"
    assert result.removed_lines == (HEADING, "عنوان آخر")


def test_widget_lines_above_the_headline_do_not_open_the_trailing_block():
    result = clean("Share\nTweet\nعنوان الخبر\nسطر قصير\nسطر آخر.")
    assert result.text == "عنوان الخبر\nسطر قصير\nسطر آخر."
    assert result.removed_lines == ("Share", "Tweet")


def test_heading_in_the_middle_removes_only_itself():
    long_line = "هذا سطر طويل من المتن لا ينتهي بعلامة ترقيم لكنه يحمل أكثر من اثنتي عشرة كلمة كاملة"
    text = f"{BODY_1}\n{HEADING}\nعنوان قصير\n{long_line}\n{BODY_2}"
    result = clean(text)
    assert result.text == f"{BODY_1}\nعنوان قصير\n{long_line}\n{BODY_2}"
    assert result.removed_lines == (HEADING,)


def test_boilerplate_removal_can_be_turned_off():
    text = f"{BODY_1}\n{HEADING}\nعنوان"
    result = clean(text, CleanOptions(remove_boilerplate=False))
    assert result.text == text
    assert result.removed_lines == ()


def test_text_of_widgets_only_becomes_empty_but_is_reported():
    result = clean(f"{HEADING}\n\n{BACK_TO_TOP}")
    assert result == CleanedText(text="", removed_lines=(HEADING, BACK_TO_TOP), was_html=False)


# --- API ------------------------------------------------------------------------

@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t", "\u200b\u00a0\ufeff", "<p> </p>"])
def test_blank_input_gives_empty_text(blank):
    assert clean(blank).text == ""


def test_options_accept_dict_and_reject_bad_values():
    assert clean("نص", {"remove_boilerplate": False}).text == "نص"
    with pytest.raises(InputError, match="strip_diacritics"):
        clean("نص", {"strip_diacriticz": True})
    with pytest.raises(InputError):
        CleanOptions(strip_diacritics="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        clean("نص", ["strip_diacritics"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        clean(b"\xd9\x86")  # type: ignore[arg-type]


def test_results_convert_to_dicts():
    result = clean(f"{BODY_1}\n{HEADING}")
    assert result.to_dict() == {"text": BODY_1, "removed_lines": [HEADING], "was_html": False}
    assert CleanOptions().to_dict() == {"strip_diacritics": False, "remove_boilerplate": True}


@pytest.mark.parametrize("text", [PAGE, "\n".join(WIDGET_LINES), "ﻻ اـ\u0654 ﹶ e\u200b\u0301"])
def test_cleaning_twice_changes_nothing(text):
    once = clean_text(text)
    assert clean_text(once) == once


# --- real texts from ../shared --------------------------------------------------

def test_sample_article_loses_its_widgets_and_keeps_every_body_sentence(sample_article):
    lines = sample_article.split("\n")
    heading = next(i for i, line in enumerate(lines) if _squash(line) == HEADING)
    body = "\n".join(lines[:heading])
    tail = [clean_text(line, remove_boilerplate=False) for line in lines[heading:] if line.strip()]

    result = clean(sample_article)

    assert HEADING in tail and BACK_TO_TOP in tail
    assert list(result.removed_lines) == tail
    assert HEADING not in result.text and BACK_TO_TOP not in result.text
    _assert_sentences_survive(body, result.text)
    assert clean_text(result.text) == result.text


def _xlsum_texts() -> list[tuple[str, str]]:
    folder = need_shared(EVAL / "xlsum_arabic_hf_dummy_sample" / "extracted")
    rows = [json.loads(line) for path in sorted(folder.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["id"], row["text"]) for row in rows]


def test_xlsum_articles_keep_every_sentence_and_lose_nothing():
    articles = _xlsum_texts()
    assert len(articles) == 15
    for article_id, text in articles:
        result = clean(text)
        assert result.removed_lines == (), f"{article_id}: removed {result.removed_lines}"
        _assert_sentences_survive(text, result.text)
        assert clean_text(result.text) == result.text, article_id


# --- properties -----------------------------------------------------------------

_PIECES = st.sampled_from([
    "<p>", "</p>", "<br>", "<div>", "</div>", "<script>", "</script>", "<li>", "<pre>", "<b>",
    "<!--", "-->", "&amp;", "&lt;p&gt;", "&#xFDFA;", "&nbsp;", "<", ">", "&", ";",
    HEADING, BACK_TO_TOP, "Share", "©", ":", ".", "؟", "\n", "\r\n", "\n\n\n", " ", "\t",
    "\u00a0", "\u200b", "\u200f", "\u0640", "\u0654", "\u064b", "\ufe76", "\ufc60", "\ufefb",
    "ا", "ل", "ة", "أ", "“", "″", "١", "1", "e", "\u0301",
])
_MIXED = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map("".join)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.text())
def test_any_unicode_is_cleaned_without_error_and_idempotently(text):
    once = clean(text)
    assert clean_text(once.text) == once.text
    assert all(unicodedata.category(c) not in ("Cc", "Cf") for c in once.text if c != "\n")


@_SETTINGS
@given(_MIXED, st.booleans())
def test_markup_arabic_and_widgets_are_cleaned_idempotently(text, strip_diacritics):
    once = clean_text(text, strip_diacritics=strip_diacritics)
    assert clean_text(once, strip_diacritics=strip_diacritics) == once
