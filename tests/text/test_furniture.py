"""Tests of summarizer.text.furniture: the page around an article pasted from a browser."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter

import pytest
from conftest import EVAL, need_shared

from summarizer.text.clean import clean
from summarizer.text.furniture import ends_sentence, find_page_furniture, is_prose_line

PAGES = EVAL / "web-pages" / "pages"
BODY = [
    "أعلنت وزارة الصحة اليوم عن تسجيل انخفاض ملحوظ في عدد الإصابات الجديدة للأسبوع الثالث على التوالي.",
    "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن حملة التطعيم شملت أكثر من مليوني شخص حتى الآن.",
    "نتائج الحملة",  # a subheading inside the body
    "وأضاف أن الوزارة ستفتح عشرين مركزا جديدا في المحافظات الجنوبية خلال الشهر المقبل لتسريع الحملة.",
    "هل تكفي هذه الخطوات؟ يرى خبراء أن الأمر يتطلب أيضا تحسين التوعية في المدارس والمساجد والأسواق.",
]
MENU = ["الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة", "ثقافة", "منوعات", "اتصل بنا"]
RELATED = ["ارتفاع أسعار الذهب في الأسواق المحلية", "منتخب الشباب يتأهل إلى نهائي البطولة العربية",
           "الحكومة تعلن موعد امتحانات الثانوية العامة"]


def _paste() -> str:
    return "\n".join([
        *MENU, "انخفاض الإصابات للأسبوع الثالث", "بقلم: مراسل الصحيفة", "12 مارس 2024 - 10:30",
        "شارك", "فيسبوك", "تويتر", *BODY, "شارك", "واتساب", "مقالات ذات صلة",
        *[title for title in RELATED for _ in range(2)],  # each title twice: image link and text link
        "سياسة الخصوصية", "من نحن", "© 2024 الصحيفة",
    ])


def test_arabic_paste_loses_its_menus_and_lists_and_keeps_the_body():
    result = clean(_paste())
    assert result.text.split("\n") == BODY
    removed = set(result.removed_lines)
    assert set(MENU) <= removed and set(RELATED) <= removed
    assert {"شارك", "فيسبوك", "مقالات ذات صلة", "بقلم: مراسل الصحيفة"} <= removed
    assert clean(result.text).text == result.text


def test_sentences_around_the_body_are_kept_when_unsure():
    note = "تنويه: تعبر المقالات المنشورة عن آراء كتابها ولا تعبر بالضرورة عن رأي الصحيفة."
    text = "\n".join([*MENU, *BODY, *RELATED, *MENU, note, "اتصل بنا"])
    result = clean(text)
    assert result.text.split("\n") == [*BODY, note]


def test_article_with_a_headline_only_keeps_everything():
    text = "\n".join(["انخفاض الإصابات للأسبوع الثالث", "الرباط - مراسلنا", *BODY, "نتائج"])
    assert clean(text).text == text


def test_text_without_prose_is_kept():
    lines = ["سطر قصير", "سطر آخر", "ثالث", "رابع", "خامس", "سادس", "سابع"]
    assert find_page_furniture(lines) == []


def test_repeated_lines_go_after_their_first_time():
    lines = [BODY[0], RELATED[0], BODY[1], RELATED[0], "نعم", "نعم"]
    assert find_page_furniture(lines) == [3]


def test_prose_and_sentence_ends():
    assert is_prose_line(BODY[0]) and not is_prose_line(RELATED[0])
    assert not is_prose_line("عنوان طويل لمقال آخر يضم أكثر من عشر كلمات لكنه ينتهي بنقاط ثلاث...")
    assert ends_sentence('قال: "نعم."') and ends_sentence("لماذا؟") and not ends_sentence("انتظروا…")


def _score(text: str, gold: str) -> tuple[float, float]:
    ours, truth = (Counter(re.findall(r"\w+", t.casefold())) for t in (text, gold))
    common = sum((ours & truth).values())
    return common / max(1, sum(ours.values())), common / sum(truth.values())


def test_real_pastes_keep_their_articles():
    pages = sorted(p.name.split(".")[0] for p in need_shared(PAGES).glob("*.gold.txt"))
    scores = []
    for page in pages:
        paste = (PAGES / f"{page}.paste.txt").read_text(encoding="utf-8")
        gold = (PAGES / f"{page}.gold.txt").read_text(encoding="utf-8")
        result = clean(paste)
        precision, recall = _score(result.text, gold)
        assert recall >= 0.95, (page, recall)
        scores.append((precision, recall))
        assert clean(result.text).text == result.text, page
    assert statistics.mean(p for p, _ in scores) >= 0.85
    assert statistics.mean(r for _, r in scores) >= 0.98


@pytest.mark.parametrize("page", ["002"])
def test_real_arabic_paste_keeps_its_snippets(page):
    snippets = json.loads(need_shared(PAGES / f"{page}.gold.json").read_text(encoding="utf-8"))
    text = " ".join(clean((PAGES / f"{page}.paste.txt").read_text(encoding="utf-8")).text.split())
    assert all(" ".join(s.split()) in text for s in snippets["with"])


@pytest.mark.parametrize("name", ["frank_cnndm_dev.jsonl", "xlsum_english.jsonl", "xlsum_arabic.jsonl",
                                  "gem_wikilingua_ar_to_en_crosslingual.jsonl"])
def test_articles_without_a_page_lose_no_sentence(name):
    path = need_shared(EVAL / "human-summaries" / name)
    articles = [json.loads(line)["article"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for article in articles:
        removed = clean(article).removed_lines
        assert not [line for line in removed if ends_sentence(line) and len(line.split()) > 3], removed
