"""The abstract writer with instruction (decoder-only) models: prompts, window, script check, cleaning."""

from __future__ import annotations

import random

import pytest

from summarizer.abstracts import AbstractWriter
from summarizer.models.loading import load_model
from summarizer.models.prompt_templates import load_chat_prompt

ARABIC = [
    "قال وزير الخارجية المغربي ناصر بوريطة إن الرباط وواشنطن وقعتا اتفاقا أمنيا جديدا.",
    "وأضاف أن الاتفاق يشمل تبادل المعلومات وتدريب ١٢٠٠ عنصر قبل نهاية عام ٢٠٢٥.",
]
ENGLISH = [
    "Moroccan Foreign Minister Nasser Bourita said Rabat and Washington signed a new security deal.",
    "He added that the deal covers intelligence sharing and training 1,200 officers before the end of 2025.",
]


class Recording:
    """The real tiny chat model; remembers every prompt and its length limit."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def generate(self, texts, *, max_new_tokens, **settings):
        self.calls.append((list(texts), settings.get("min_new_tokens"), max_new_tokens))
        return self.inner.generate(texts, max_new_tokens=max_new_tokens, **settings)


class Scripted(Recording):
    """The tiny chat model's tokenizer and window, with replies written by the test."""

    def __init__(self, inner, reply):
        super().__init__(inner)
        self.reply = reply

    def generate(self, texts, *, max_new_tokens, **settings):
        self.calls.append((list(texts), settings.get("min_new_tokens"), max_new_tokens))
        return [self.reply(text) for text in texts]


class LongestForeign(Recording):
    """The tiny chat model's tokenizer and window; every reply English words, as long as allowed.

    What the random weights' replies do to the writer, in a few seconds instead of a
    minute of generating: the longest reply (``max_new_tokens``) feeds the next pass,
    and an Arabic abstract in the wrong script takes its retry with the firmer prompt.
    """

    WORDS = ("the cabinet met on monday to approve a budget for water roads schools and ports while "
             "ministers said new plans would bring jobs trade housing power clinics farms").split()

    def generate(self, texts, *, max_new_tokens, **settings):
        self.calls.append((list(texts), settings.get("min_new_tokens"), max_new_tokens))
        return [self.reply(max_new_tokens, seed) for seed, _ in enumerate(texts, len(self.calls))]

    def reply(self, max_new: int, seed: int) -> str:
        rng, words = random.Random(seed), []
        while len(words) < 2 * max_new:  # shuffled rounds of distinct words: no repetition loop
            words += rng.sample(self.WORDS, len(self.WORDS))
        text = " ".join(words)
        while (n := self.inner.count_tokens(text)) > max_new:
            words = words[: max(1, len(words) * max_new // n - 1)]
            text = " ".join(words)
        return text


@pytest.fixture(scope="module")
def llm(tiny_llm):
    return load_model(tiny_llm, device="cpu", backend="torch")


@pytest.mark.parametrize(("language", "sentences"), [("en", ENGLISH), ("ar", ARABIC)])
def test_the_chat_prompt_of_the_language_asks_for_a_length_in_words(llm, language, sentences):
    recorded = Recording(llm)
    result = AbstractWriter(recorded, language=language).summarize(sentences, {"length": "short"})
    [(prompts, min_new, max_new)] = recorded.calls[:1]
    system, user = load_chat_prompt(f"chat_summarize_{language}").messages(" ".join(sentences), 30)
    assert prompts == [llm.chat_prompt(system, user)]
    assert min_new == 0 and max_new == 60  # no forced minimum: the model ends its own reply
    assert "<think>" not in result.text and "<|im" not in result.text
    assert len(result.passes) == 1


def test_a_reply_in_the_wrong_script_is_asked_again_more_firmly(llm):
    retry = load_chat_prompt("chat_summarize_ar").retry

    def reply(prompt):  # drifts into English unless told firmly
        return "الملخص: " + ARABIC[0] if retry in prompt else "Here is the summary: " + ENGLISH[0]

    model = Scripted(llm, reply)
    result = AbstractWriter(model, language="ar").summarize(ARABIC)
    assert len(model.calls) == 2 and retry in model.calls[1][0][0]
    assert result.text == ARABIC[0] and result.warnings == ()


@pytest.mark.parametrize(("language", "reply"), [("ar", "The deal was signed."), ("en", "协议已经签署。")])
def test_a_reply_still_in_the_wrong_script_is_flagged(llm, language, reply):
    model = Scripted(llm, lambda prompt: reply)
    result = AbstractWriter(model, language=language).summarize(ARABIC if language == "ar" else ENGLISH)
    assert len(model.calls) == 2
    assert result.text == reply  # kept, and said so
    assert any("not in" in w and "firmer instruction" in w for w in result.warnings), result.warnings


def test_thinking_markup_and_bullets_never_reach_the_abstract(llm):
    reply = (
        "<think>\nThe user wants English.\n</think>\n\nSure! Here is a summary:\n\n**Summary**\n"
        "- Morocco and the US signed a security deal.\n- It covers training 1,200 officers.<|im_end|>"
    )
    result = AbstractWriter(Scripted(llm, lambda prompt: reply)).summarize(ENGLISH)
    assert result.text == "Morocco and the US signed a security deal. It covers training 1,200 officers."


def test_an_empty_or_cut_reply_is_flagged(llm):
    empty = AbstractWriter(Scripted(llm, lambda prompt: "<think>thinking until the limit")).summarize(ENGLISH)
    assert empty.text == "" and any("wrote nothing" in w for w in empty.warnings)
    cut = AbstractWriter(Scripted(llm, lambda prompt: "word " * 200)).summarize(ENGLISH, {"length": "short"})
    assert any("length limit" in w for w in cut.warnings)


def test_prompt_and_reply_fit_the_context_window_of_a_long_article(llm, long_articles):
    from summarizer.text.sentences import split_sentences

    recorded = LongestForeign(llm)
    sentences = split_sentences(long_articles[0])
    result = AbstractWriter(recorded, language="ar").summarize(sentences, {"length": "medium"})
    assert len(result.passes[0].chunks) > 1  # a 2,000-word article is several 1,024-token windows
    for prompts, _, max_new in recorded.calls:
        assert all(llm.count_tokens(p) + max_new <= llm.max_input_tokens for p in prompts)
    assert len(result.passes) > 1  # the longest replies fed the next passes
    # Every reply is in the wrong script; one as long as allowed may also be flagged as cut.
    assert any("even after a retry with a firmer instruction" in w for w in result.warnings)
    assert all("firmer instruction" in w or "reached its length limit" in w for w in result.warnings)
    # Never truncated: every sentence sits in one chunk of the first pass.
    indices = [i for c in result.passes[0].chunks for i in c.sentence_indices]
    assert indices == list(range(len([s for s in sentences if s.strip()])))
