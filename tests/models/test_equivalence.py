"""torch and CTranslate2 (float32, greedy) write the same text: single calls and whole chains.

The engines agree token for token when they are asked the same thing, one
input per call. Batches are another matter, on both engines alike: a padded
batch computes each row with other matrix shapes, so float rounding moves, and
the tiny random models' logits are nearly tied everywhere; on 40 sentences of
a long article torch alone wrote 8 different translations batched and one by
one, CTranslate2 alone 10, and the two engines none one by one. So the
chains here run one input per call (``max_batch_size=1``, ``CHUNK_BATCH=1``):
what is left to differ is the engines' semantics. Where
their semantics differed (transformers applies ``no_repeat_ngram_size`` and
``repetition_penalty`` of a decoder-only model to the prompt as well,
CTranslate2's Generator to the new tokens only), the torch model is aligned
with CTranslate2: an abstract may repeat the article's phrases.
"""

from __future__ import annotations

import pytest

from summarizer import BilingualSummarizer
from summarizer.models.convert import convert_model
from summarizer.models.loading import load_model

GREEDY = {"translation": {"num_beams": 1, "max_batch_size": 1}, "summary": {"num_beams": 1}}


@pytest.fixture
def one_chunk_per_call(monkeypatch):
    import summarizer.abstracts as abstracts

    monkeypatch.setattr(abstracts, "CHUNK_BATCH", 1)
    monkeypatch.setattr(abstracts, "CPU_CHUNK_BATCH", 1)


@pytest.fixture(scope="module")
def float32_folders(tiny_build, tmp_path_factory):
    root = tmp_path_factory.mktemp("float32")
    return {role: convert_model(path, str(root / role), quantization="float32") for role, path in tiny_build.items()}


def test_a_chat_model_may_repeat_its_prompt_under_repetition_settings(tiny_llm, float32_folders):
    torch_model = load_model(tiny_llm, device="cpu", backend="torch")
    ct2_model = load_model(float32_folders["llm"], compute_type="float32")
    prompt = torch_model.chat_prompt("Summarize.", "The port of Tangier handled 9 million containers in 2024. " * 3)
    stronger = {"max_new_tokens": 24, "no_repeat_ngram_size": 3, "repetition_penalty": 1.3}
    assert torch_model.generate([prompt], **stronger) == ct2_model.generate([prompt], **stronger)
    assert torch_model.generate([prompt], max_new_tokens=24) == ct2_model.generate([prompt], max_new_tokens=24)


@pytest.mark.parametrize("strategy", ["translate", "direct"])
def test_whole_chains_with_several_reduce_passes_agree(tiny_build, float32_folders, long_articles, strategy,
                                                       one_chunk_per_call):
    """The instruction model as summarizer: a long article takes map-reduce passes; every one must agree."""
    article = long_articles[0][:3000]  # a third of it: still two passes or more, in a third of the time
    models = {"translator": "translator", "summarizer": "llm", "back_translator": "back_translator",
              "direct_summarizer": "llm"}
    expected = BilingualSummarizer(**{r: tiny_build[m] for r, m in models.items()}, backend="torch",
                                   options=GREEDY).summarize(article, strategy=strategy, length="short")
    result = BilingualSummarizer(**{r: float32_folders[m] for r, m in models.items()}, compute_type="float32",
                                 options=GREEDY).summarize(article, strategy=strategy, length="short")
    assert len(expected.english_passes) >= 2
    assert [p.translation for p in result.sentences] == [p.translation for p in expected.sentences]
    assert result.english_passes == expected.english_passes
    assert (result.english_abstract, result.arabic_abstract) == (expected.english_abstract, expected.arabic_abstract)
    assert result.warnings == expected.warnings
    assert {m.backend for m in result.models} == {"ctranslate2"} and {m.backend for m in expected.models} == {"torch"}


def test_seq2seq_chain_with_reduce_passes_agrees(tiny_models, float32_folders, long_articles, one_chunk_per_call):
    article = long_articles[0]  # BART reads 1,024 tokens: the whole article takes passes
    expected = BilingualSummarizer(**tiny_models, backend="torch", options=GREEDY).summarize(article)
    result = BilingualSummarizer(**{r: float32_folders[r] for r in tiny_models}, compute_type="float32",
                                 options=GREEDY).summarize(article)
    assert len(expected.english_passes) >= 2
    assert result.english_passes == expected.english_passes
    assert (result.english_abstract, result.arabic_abstract) == (expected.english_abstract, expected.arabic_abstract)
