"""The whole chain with tiny random models, offline."""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest

from summarizer import (
    BilingualSummarizer,
    BilingualSummary,
    InputError,
    ModelNotAvailableError,
    split_sentences,
)
from summarizer.text.language import is_arabic
from summarizer.translate import Translator

FAST = {"translation": {"num_beams": 1}, "summary": {"num_beams": 1}}


@pytest.fixture(scope="module")
def bilingual(tiny_models) -> BilingualSummarizer:
    return BilingualSummarizer(**tiny_models, options=FAST, backend="torch")  # the spies read torch calls


@pytest.fixture
def spy(monkeypatch):
    """Record every string each Translator sends to its model, and the token ids that reach generate()."""
    calls: dict[str, list] = {"texts": [], "first_tokens": []}
    original = Translator._call
    spied: set[int] = set()

    def recording(self, texts, longest, **settings):
        calls["texts"].append((self.source_prefix, list(texts)))
        torch_model, prefix = self.model.model, self.source_prefix
        if id(torch_model) not in spied:  # every generate() of this translator's model from now on
            spied.add(id(torch_model))
            generate = torch_model.generate

            def spying_generate(**batch):
                calls["first_tokens"].append((prefix, batch["input_ids"][:, 0].tolist()))
                return generate(**batch)

            monkeypatch.setattr(torch_model, "generate", spying_generate, raising=False)
        return original(self, texts, longest, **settings)

    monkeypatch.setattr(Translator, "_call", recording)
    return calls


def test_sample_article_gives_both_abstracts(bilingual, sample_article, spy):
    result = bilingual.summarize(sample_article)
    assert isinstance(result, BilingualSummary)
    assert result.english_abstract.strip() and result.arabic_abstract.strip()
    assert result.input_language == "ar"
    # One translation per source sentence, in order, aligned.
    sources = [pair.source for pair in result.sentences]
    assert [pair.index for pair in result.sentences] == list(range(len(sources)))
    assert all(pair.translation.strip() for pair in result.sentences)
    assert "زر الذهاب إلى الأعلى" not in " ".join(sources)
    assert any("الأعلى" in line for line in result.removed_lines)
    # Every Arabic source sentence reached the translator exactly once.
    sent_to_translator = Counter(t for prefix, texts in spy["texts"] if not prefix for t in texts)
    assert sent_to_translator == Counter(s for s in sources if is_arabic(s))
    # Every English→Arabic input started with >>ara<<, as its first token.
    back = bilingual.model("back_translator").tokenizer
    ara = back.convert_tokens_to_ids(">>ara<<")
    back_inputs = [ids for prefix, ids in spy["first_tokens"] if prefix]
    assert back_inputs and all(first == ara for ids in back_inputs for first in ids)
    assert sum(len(texts) for prefix, texts in spy["texts"] if prefix) == len(split_sentences(result.english_abstract))
    # The record says what ran.
    assert [m.role for m in result.models] == ["translator", "summarizer", "back_translator"]
    assert set(result.timings) >= {"clean", "translate", "summarize", "arabic", "total"}
    assert result.passes >= 1
    # Every abstract sentence is traced; links point at real source sentences.
    english = [a for a in result.attributions if a.language == "en"]
    arabic = [a for a in result.attributions if a.language == "ar"]
    assert len(english) == len(split_sentences(result.english_abstract))
    assert len(arabic) == len(split_sentences(result.arabic_abstract))
    assert all(0 <= link.index < len(sources) for a in result.attributions for link in a.sources)
    assert "faithfulness" in result.timings


def test_result_serialises_and_renders_rtl(bilingual, sample_article):
    result = bilingual.summarize(sample_article, length="short")
    data = json.loads(result.to_json())
    assert data["english_abstract"] == result.english_abstract
    assert data["options"]["summary"]["length"] == "short"
    assert len(data["sentences"]) == len(result.sentences)
    html = result._repr_html_()
    assert 'dir="rtl"' in html and 'lang="ar"' in html


def test_long_article_runs_map_reduce(bilingual, long_articles, spy):
    article = min(long_articles, key=len)
    result = bilingual.summarize(article, length="short")
    assert result.english_abstract.strip() and result.arabic_abstract.strip()
    assert result.passes > 1
    first_pass = result.english_passes[0].chunks
    assert len(first_pass) > 1
    window = bilingual.model("summarizer").max_input_tokens
    assert all(chunk.n_tokens <= window for p in result.english_passes for chunk in p.chunks)
    # The first pass covers every sentence of the translation, in order.
    indices = [i for chunk in first_pass for i in chunk.sentence_indices]
    assert sorted(set(indices)) == list(range(len(result.sentences)))
    sent = Counter(t for prefix, texts in spy["texts"] if not prefix for t in texts)
    assert sent == Counter(p.source for p in result.sentences if is_arabic(p.source))


def test_english_input_skips_translation(bilingual, spy):
    text = "The ministry said on Monday that talks will resume next week. Officials expect an agreement soon."
    result = bilingual.summarize(text)
    assert result.input_language == "en"
    assert not [t for prefix, t in spy["texts"] if not prefix]
    assert all(not pair.translated and pair.translation == pair.source for pair in result.sentences)
    assert result.arabic_abstract.strip()
    assert any("translation skipped" in w for w in result.warnings)


def test_mixed_input_translates_only_arabic_sentences(bilingual, spy):
    text = (
        "قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل.\n"
        "The spokesman declined to comment further.\n"
        "وأضافت أن الوفد سيصل يوم الاثنين."
    )
    result = bilingual.summarize(text)
    sent = [t for prefix, texts in spy["texts"] if not prefix for t in texts]
    assert sorted(sent) == sorted([result.sentences[0].source, result.sentences[2].source])
    assert result.sentences[1].translation == "The spokesman declined to comment further."
    assert [p.translated for p in result.sentences] == [True, False, True]


def test_direct_strategy_warns_about_licence(tiny_models, sample_article):
    bilingual = BilingualSummarizer(**tiny_models, options=FAST)
    bilingual.model_names["direct_summarizer"] = "csebuetnlp/mT5_multilingual_XLSum"
    bilingual._models["direct_summarizer"] = __import__("summarizer.models.loading", fromlist=["load_model"]).load_model(
        tiny_models["direct_summarizer"]
    )
    result = bilingual.summarize(sample_article, strategy="direct")
    assert result.arabic_abstract.strip()
    assert result.strategy == "direct" and result.arabic_passes
    assert any("non-commercial" in w for w in result.warnings)
    assert "back_translator" not in [m.role for m in result.models]


def test_summarize_many_matches_one_by_one(bilingual, sample_article):
    texts = [sample_article, "قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل. وأضافت أن الوفد سيصل يوم الاثنين."]
    many = bilingual.summarize_many(texts)
    assert [r.english_abstract for r in many] == [bilingual.summarize(t).english_abstract for t in texts]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), ("   \n\t ", "empty"), ("123 456 ... !!!", "no letters"), ("<p>&nbsp;</p>", "Nothing is left")],
)
def test_bad_input_fails_before_any_model_loads(tiny_models, text, message):
    bilingual = BilingualSummarizer(**tiny_models)
    with pytest.raises(InputError, match=message) as caught:
        bilingual.summarize(text)
    assert isinstance(caught.value, ValueError)
    assert bilingual._models == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("وزارت خارجه روز دوشنبه اعلام کرد که گفتگوها هفته آینده از سر گرفته می‌شود و هیئت ایرانی به ژنو می‌رود.",
         r"looks Persian \(fa\)"),
        ("وزارت خارجہ نے پیر کو کہا کہ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے اور وفد جنیوا جائے گا۔", r"looks Urdu \(ur\)"),
        ("Le ministère a déclaré lundi que les négociations reprendraient la semaine prochaine à Genève.",
         r"looks French \(fr\)"),
    ],
)
def test_other_languages_are_refused_before_any_model_loads(tiny_models, text, message):
    bilingual = BilingualSummarizer(**tiny_models)
    with pytest.raises(InputError, match=message):
        bilingual.summarize(text)
    assert bilingual._models == {}


def test_third_language_sentence_is_kept_as_written_and_named(bilingual, spy):
    persian = "وزارت خارجه روز دوشنبه اعلام کرد که گفتگوها هفته آینده از سر گرفته می‌شود."
    text = (
        "قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.\n"
        f"{persian}\n"
        "وأضافت أن الوفد سيصل يوم الاثنين لبدء الجولة الجديدة من المحادثات."
    )
    result = bilingual.summarize(text)
    sent = [t for prefix, texts in spy["texts"] if not prefix for t in texts]
    kept = result.sentences[1]
    assert kept.source not in sent and len(sent) == 2
    assert kept.translation == kept.source and kept.source.startswith("وزارت خارجه") and not kept.translated
    assert any("sentence 2 looks Persian (fa)" in w for w in result.warnings)


def test_size_limit_names_the_limit(tiny_models):
    bilingual = BilingualSummarizer(**tiny_models)
    with pytest.raises(InputError, match="1,000") as caught:
        bilingual.summarize("كلمة " * 500, max_input_chars=1000)
    assert "max_input_chars" in str(caught.value)
    assert bilingual._models == {}


def test_unknown_option_and_preset_are_clear_errors(tiny_models):
    with pytest.raises(InputError, match="balanced"):
        BilingualSummarizer("turbo")
    bilingual = BilingualSummarizer(**tiny_models)
    with pytest.raises(InputError, match="strategy"):
        bilingual.summarize("نص قصير.", strategy="bogus")
    with pytest.raises(InputError, match="length"):
        bilingual.summarize("نص قصير.", lenght="short")


def test_missing_model_offline_names_it(tmp_path):
    bilingual = BilingualSummarizer(cache_dir=str(tmp_path))
    with pytest.raises(ModelNotAvailableError) as caught:
        bilingual.summarize("قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل.")
    message = str(caught.value)
    assert "Helsinki-NLP/opus-mt-ar-en" in message and str(tmp_path) in message
    assert "summarizer download" in message


def test_instruction_model_with_prompt(tiny_models):
    # The mT5-style tiny model stands in for an instruction-tuned T5/mT0.
    bilingual = BilingualSummarizer(**{**tiny_models, "summarizer": tiny_models["direct_summarizer"]}, options=FAST)
    result = bilingual.summarize(
        "The ministry said talks will resume next week. Officials expect an agreement soon.",
        summary={"prompt": "summarize_en", "num_beams": 1},
    )
    assert result.english_abstract.strip()
    with pytest.raises(InputError, match="summarize_en"):
        bilingual.summarize("The ministry said talks will resume.", summary={"prompt": "nope"})


def test_unsupported_facts_reach_the_warnings(bilingual, monkeypatch):
    from summarizer.abstracts import AbstractResult, AbstractWriter

    invented = "The ministry said 4,500 people attended the meeting in Geneva."
    monkeypatch.setattr(AbstractWriter, "summarize", lambda self, *a, **k: AbstractResult(invented, ()))
    result = bilingual.summarize("قالت الوزارة إن 300 شخص حضروا الاجتماع في الرباط.")
    kinds = {(f.kind, f.text) for f in result.unsupported_facts if f.language == "en" and f.missing_from == "source"}
    assert ("number", "4,500") in kinds
    assert any(kind == "name" and "Geneva" in text for kind, text in kinds)
    assert any("4,500" in w for w in result.warnings)


def test_abstract_never_longer_than_its_input_and_progress_names_stages(bilingual):
    stages = []
    text = "Talks resume Monday."
    result = bilingual.summarize(text, length="long", progress=lambda stage, done, total: stages.append(stage))
    summarizer = bilingual.model("summarizer")
    assert summarizer.count_tokens(result.english_abstract) <= summarizer.count_tokens(text)
    assert stages[0] == "cleaning"
    assert "summarizing" in stages and "writing the Arabic abstract" in stages


def test_preview_shows_each_stage_as_it_is_written(bilingual):
    """The demo's streaming hook: every translation once, then the English and the Arabic abstract, as in the result."""
    text = "قال الوزير إن المحادثات ستستأنف يوم الاثنين. وأضاف أن الوفدين سيلتقيان في جنيف. " * 5
    seen = []
    translations = {}
    result = bilingual.summarize(
        text, preview=lambda kind, payload: seen.append(kind) or (kind == "translation" and translations.update(payload))
    )
    assert seen[-2:] == ["english", "arabic"] and set(seen[:-2]) == {"translation"}
    assert sorted(translations) == [pair.index for pair in result.sentences if pair.translated]
    assert all(translations[p.index] == (p.source, p.translation) for p in result.sentences if p.translated)
    # Several texts at once have no preview (its payload names no text).
    assert len(bilingual.summarize_many([text, text], preview=lambda *a: seen.append("many"))) == 2
    assert "many" not in seen


HTML_PAGE = """<!doctype html><html lang="ar"><head><title>وزير الخارجية يزور الرباط | صحيفة المثال</title>
<meta property="og:title" content="وزير الخارجية يزور الرباط">
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">رياضة</a></li><li><a href="/e">اقتصاد</a></li></ul></nav>
<article><h1>وزير الخارجية يزور الرباط</h1>
<p>وصل وزير الخارجية إلى الرباط صباح اليوم في زيارة رسمية تستمر ثلاثة أيام يلتقي خلالها عددا من المسؤولين.</p>
<p>وقال الوزير في تصريح للصحفيين إن الزيارة تهدف إلى تعزيز التعاون الاقتصادي والأمني بين البلدين الشقيقين.</p>
<p>ومن المنتظر أن يوقع الجانبان عدة اتفاقيات في مجالات الطاقة والنقل والتعليم قبل نهاية الزيارة يوم الخميس.</p>
</article><footer><p>جميع الحقوق محفوظة لصحيفة المثال 2024</p></footer></body></html>"""


def test_html_page_fills_the_source_and_its_title_heads_both_views(bilingual):
    result = bilingual.summarize(HTML_PAGE)
    assert result.source.was_html
    assert result.source.title == "وزير الخارجية يزور الرباط"
    assert result.source.site == "صحيفة المثال" and result.source.published == "2024-03-05T10:00:00Z"
    assert result.to_dict()["source"]["title"] == "وزير الخارجية يزور الرباط"
    assert json.loads(result.to_json())["source"]["site"] == "صحيفة المثال"
    assert "الرئيسية" in result.removed_lines
    assert not any("الرئيسية" in pair.source for pair in result.sentences)
    assert result._repr_html_().count("وزير الخارجية يزور الرباط") == 2


def test_plain_text_has_an_empty_source(bilingual, sample_article):
    result = bilingual.summarize(sample_article)
    assert not result.source.was_html and result.source.title is None
    assert result.to_dict()["source"]["title"] is None


def test_a_page_may_be_larger_than_the_limit_but_not_its_article(bilingual):
    padding = "<div class='menu' data-x='" + "x" * 3000 + "'></div>"
    page = HTML_PAGE.replace("<article>", padding + "<article>")
    assert len(page) > 3000
    result = bilingual.summarize(page, max_input_chars=2000)
    assert result.source.was_html
    with pytest.raises(InputError, match="2,000"):
        bilingual.summarize("كلمة " * 500 + "<p>نص</p>", max_input_chars=2000)


def test_load_reads_models_and_word_lists_before_the_first_article(tiny_models):
    import subprocess
    import sys

    # A fresh process: the word lists of this one were read by earlier tests.
    script = (
        "import json, sys\n"
        "from summarizer import BilingualSummarizer\n"
        "from summarizer.faithfulness import lexicon\n"
        "from summarizer.text import identify\n"
        "bilingual = BilingualSummarizer(**json.loads(sys.argv[1]), device='cpu')\n"
        "seconds = bilingual.load()\n"
        "loaders = [identify._identifier, lexicon._arabic_names, lexicon._lowercase_english,\n"
        "           lexicon._arabic_dictionaries]\n"
        "print(json.dumps({'seconds': sorted(seconds), 'models': sorted(bilingual._models),\n"
        "                  'read': [loader.cache_info().currsize for loader in loaders]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, json.dumps(tiny_models)], capture_output=True, text=True,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out == {"seconds": ["back_translator", "checks", "summarizer", "translator"],
                   "models": ["back_translator", "summarizer", "translator"], "read": [1, 1, 1, 1]}
    bilingual = BilingualSummarizer(**tiny_models, device="cpu")
    assert "direct_summarizer" in bilingual.load("direct")
    with pytest.raises(InputError, match="choose one of translate, direct"):
        bilingual.load("both")
