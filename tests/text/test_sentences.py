"""Tests for summarizer.text.sentences: edge cases, robustness, properties, and the real-data targets."""

from __future__ import annotations

import importlib.util
import sys
import time
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text.sentences import split_paragraphs, split_sentences
from conftest import REPO, SHARED



def _nonspace(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def _load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("segmentation_benchmark", REPO / "benchmarks" / "segmentation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decimals in both digit systems, Arabic decimal separator
        ("بلغ النمو 3.5 بالمئة. وارتفع التضخم.", ["بلغ النمو 3.5 بالمئة.", "وارتفع التضخم."]),
        ("بلغ النمو ٣٫٥ و٣.٥ بالمئة. ثم تراجع.", ["بلغ النمو ٣٫٥ و٣.٥ بالمئة.", "ثم تراجع."]),
        # titles and initials
        ("قال د. سامي إن الوضع مستقر. وغادر.", ["قال د. سامي إن الوضع مستقر.", "وغادر."]),
        ("التقى أ. خالد مع م. هدى. ثم تحدثا.", ["التقى أ. خالد مع م. هدى.", "ثم تحدثا."]),
        ("قال المدير ن. وليد كلاما. وصمت.", ["قال المدير ن. وليد كلاما.", "وصمت."]),
        ("قال المفتش دي. كي. شارما إنه مستعد. وانتهى.", ["قال المفتش دي. كي. شارما إنه مستعد.", "وانتهى."]),
        ("شاهدنا قناة أي تي في. ثم نمنا.", ["شاهدنا قناة أي تي في.", "ثم نمنا."]),
        ("كتبت J. K. Rowling روايات. وباعت الكثير.", ["كتبت J. K. Rowling روايات.", "وباعت الكثير."]),
        ("سافرنا من A إلى B. ثم عدنا.", ["سافرنا من A إلى B.", "ثم عدنا."]),
        # a Latin middle initial spelled in Arabic inside a name; after an acronym or before
        # a sentence opener the sentence ends
        ("زار مركز جون إف. كينيدي للفنون. وقال إنه سعيد.", ["زار مركز جون إف. كينيدي للفنون.", "وقال إنه سعيد."]),
        ("فاز جورج دبليو. بوش عام 2000. ثم أعيد انتخابه.", ["فاز جورج دبليو. بوش عام 2000.", "ثم أعيد انتخابه."]),
        ("قالت أ. د. منى إن الحالة مستقرة. وغادرت.", ["قالت أ. د. منى إن الحالة مستقرة.", "وغادرت."]),
        ("يعاني من نقص فيتامين دي. ويقول الأطباء إنه شائع.", ["يعاني من نقص فيتامين دي.", "ويقول الأطباء إنه شائع."]),
        ("شكرا لثقة توماس بي. أشعر بالسعادة.", ["شكرا لثقة توماس بي.", "أشعر بالسعادة."]),
        # the Urdu full stop ends a sentence
        ("یہ پہلا جملہ ہے۔ یہ دوسرا جملہ ہے۔", ["یہ پہلا جملہ ہے۔", "یہ دوسرا جملہ ہے۔"]),
        ("انتهى الاجتماع۔ وغادر الوفد.", ["انتهى الاجتماع۔", "وغادر الوفد."]),
        # URLs, e-mails, references
        ("زوروا https://example.org/a?b=1.5 الآن. شكرا.", ["زوروا https://example.org/a?b=1.5 الآن.", "شكرا."]),
        ("راسلونا على info@example.com. سنرد قريبا.", ["راسلونا على info@example.com.", "سنرد قريبا."]),
        ("انظر المرجع (ص. 12) لمزيد من التفاصيل.", ["انظر المرجع (ص. 12) لمزيد من التفاصيل."]),
        # closing quotes and brackets stay with their sentence
        ('قال: "انتهى." ثم غادر.', ['قال: "انتهى."', "ثم غادر."]),
        ("قال: «انتهى.» ثم غادر.", ["قال: «انتهى.»", "ثم غادر."]),
        ("قال: “انتهى؟” ثم ضحك.", ["قال: “انتهى؟”", "ثم ضحك."]),
        ("وصل الوفد (وهو كبير.) ثم بدأ.", ["وصل الوفد (وهو كبير.)", "ثم بدأ."]),
        # the Arabic comma and semicolon never split; ؟ ! … ... do
        ("جاء أحمد، وسلم، ثم جلس.", ["جاء أحمد، وسلم، ثم جلس."]),
        ("هل أتيت؟ نعم! انتظرت… طويلا... جدا؛ ثم نمت.", ["هل أتيت؟", "نعم!", "انتظرت…", "طويلا...", "جدا؛ ثم نمت."]),
        (
            "وقعت مصر وإسرائيل اتفاقيات كامب ديفيد عام 1978؛ وفي العام التالي وقعتا معاهدة السلام. ثم تغير الكثير.",
            ["وقعت مصر وإسرائيل اتفاقيات كامب ديفيد عام 1978؛ وفي العام التالي وقعتا معاهدة السلام.", "ثم تغير الكثير."],
        ),
        ("قال «لن نتراجع»؛ وأضاف أن الحوار مستمر.", ["قال «لن نتراجع»؛ وأضاف أن الحوار مستمر."]),
        ("The vote passed; the minister resigned. Talks resume.", ["The vote passed; the minister resigned.", "Talks resume."]),
        ("الساحل.. أمريكا تراقب", ["الساحل..", "أمريكا تراقب"]),
        # eras after a year
        ("وقع ذلك عام 2020م. وقال الوزير إنه تغير.", ["وقع ذلك عام 2020م.", "وقال الوزير إنه تغير."]),
        ("بني المعبد عام 500 ق.م. ثم هدم.", ["بني المعبد عام 500 ق.م.", "ثم هدم."]),
        ("امتد الحكم من 1990 م. حتى 2000 م. وانتهى.", ["امتد الحكم من 1990 م. حتى 2000 م.", "وانتهى."]),
        # a terminator glued between two Arabic words
        ("انتهت المباراة.وقال المدرب إنه سعيد.", ["انتهت المباراة.", "وقال المدرب إنه سعيد."]),
        ("اعتقلت الشرطة (جي.إن.إس) اثنين.", ["اعتقلت الشرطة (جي.إن.إس) اثنين."]),
        # Latin inside Arabic, and English alone
        ("The talks ended. قال الوزير إنها نجحت. He agreed.", ["The talks ended.", "قال الوزير إنها نجحت.", "He agreed."]),
        (
            "Dr. Lee met Mr. Kay in the U.S. on Monday. It went well, e.g. on trade. No. 5 is next. I said no. Then left.",
            ["Dr. Lee met Mr. Kay in the U.S. on Monday.", "It went well, e.g. on trade.", "No. 5 is next.", "I said no.", "Then left."],
        ),
        ('"Really?" she asked. "Yes!" he said.', ['"Really?" she asked.', '"Yes!" he said.']),
        # line breaks end sentences; list numbers stay with their item
        ("عنوان بلا ترقيم\nالسطر الثاني", ["عنوان بلا ترقيم", "السطر الثاني"]),
        ("الخطوات:\n1. افتح الملف\n2. احفظه.", ["الخطوات:", "1. افتح الملف", "2. احفظه."]),
        ("أ. البند الأول\nب. البند الثاني", ["أ. البند الأول", "ب. البند الثاني"]),
        ("ولد عام 1990. وتوفي عام 2020.", ["ولد عام 1990.", "وتوفي عام 2020."]),
    ],
)
def test_split_sentences_edge_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \u00a0\u2029 \r\n"])
def test_empty_and_whitespace_give_nothing(text: str) -> None:
    assert split_sentences(text) == []
    assert split_paragraphs(text) == []


def test_text_without_letters_is_one_sentence() -> None:
    assert split_sentences("... ؟ ! *** —") == ["... ؟ ! *** —"]


def test_symbol_only_piece_joins_its_neighbour() -> None:
    assert split_sentences("انتهى الأمر. . .\n***\nوبدأ غيره.") == ["انتهى الأمر. . . ***", "وبدأ غيره."]


def test_split_paragraphs_on_blank_lines() -> None:
    text = "  الفقرة الأولى.\r\nسطرها الثاني.\r\n \r\n\n\nالفقرة الثانية.  "
    assert split_paragraphs(text) == ["الفقرة الأولى.\nسطرها الثاني.", "الفقرة الثانية."]


def test_sentences_do_not_cross_paragraphs() -> None:
    assert split_sentences("بلا نقطة\n\nفقرة أخرى") == ["بلا نقطة", "فقرة أخرى"]


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        split_sentences(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["ب" * 20_000, "كلمة " * 4_000, "." * 20_000, "د. " * 7_000, "J. " * 7_000, ". " * 10_000, "x" * 20_000 + ". Y"],
)
def test_long_lines_are_fast(text: str) -> None:
    began = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - began < 1.0
    assert _nonspace("".join(sentences)) == _nonspace(text)


def test_long_line_without_punctuation_is_one_sentence() -> None:
    line = " ".join(["كلمة"] * 4_000)
    assert split_sentences(line) == [line]


_EDGY = st.text(alphabet=st.sampled_from(list("دكيأنمقصب aJKe.؟?!؛…،,\"'”»«()\n\t 3٣٫:@/-")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _EDGY))
def test_no_text_is_lost(text: str) -> None:
    sentences = split_sentences(text)
    assert _nonspace("".join(sentences)) == _nonspace(text)
    assert all(s and s == s.strip() for s in sentences)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=500))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    assert isinstance(split_sentences(text), list)
    assert isinstance(split_paragraphs(text), list)


@pytest.mark.skipif(not (SHARED / "eval-data").is_dir(), reason="shared eval data not found")
@pytest.mark.parametrize("loader", ["load_flores", "load_ntrex", "load_un"])
def test_targets_on_real_documents(loader: str) -> None:
    bench = _load_benchmark()
    result = bench.score(split_sentences, getattr(bench, loader)(SHARED))
    assert result.boundaries > 500
    assert result.recall >= 0.99
    assert result.wrong_per_100 <= 0.5
    assert result.semicolon == 0  # ؛ joins clauses of one sentence


def test_benchmark_scoring_counts_misses_and_wrong_splits() -> None:
    bench = _load_benchmark()
    documents = [["قال د. سامي كلاما.", "وغادر."], ["عنوان", 'قال: "انتهى." ثم صمت.']]
    assert bench.build_document(documents[1]) == ('عنوان\nقال: "انتهى." ثم صمت.', [6])
    perfect = bench.score(split_sentences, documents)
    assert (perfect.boundaries, perfect.found, perfect.wrong) == (2, 2, 0)
    naive = bench.score(bench.naive_split, documents)
    assert (naive.found, naive.wrong) == (2, 1)  # splits after "د."
    assert bench.score(lambda text: [text], documents).found == 0
    assert not bench.can_end("بلغ 3.", "5 بالمئة")
    assert not bench.can_end("قال المفتش دي.", "كي.")
    assert bench.can_end('قال: "انتهى."', "ثم")
    assert not bench.can_end("قال", "إن")
    assert not bench.can_end("عام 1978؛", "وفي")
    semicolon = bench.score(lambda text: [p + "؛" for p in text.split("؛")][:-1] + [text.split("؛")[-1]],
                            [["وقعت الاتفاقية؛ وفي العام التالي انسحبت."]])
    assert (semicolon.semicolon, semicolon.wrong) == (1, 1)
