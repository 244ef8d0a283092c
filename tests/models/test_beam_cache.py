"""The beam-search cache that leaves the cross-attention keys and values in place: same outputs, fewer copies."""

from __future__ import annotations

import pytest
import torch

import summarizer.models.loading as loading
from summarizer.models.beam_cache import beam_search_cache
from summarizer.models.loading import load_model

# Inputs of different lengths, so the batch is padded and the encoder mask matters.
INPUTS = {
    "translator": ["قال المتحدث إن الاجتماع انتهى.", "وصل الوفد.", "أعلنت الوزارة يوم الاثنين عن خطة جديدة للمدارس."],
    "summarizer": ["The meeting ended on Monday after long talks.", "Rain fell.",
                   "The ministry said on Monday that a new plan for the schools would start next year."],
    "back_translator": [">>ara<< The meeting ended.", ">>ara<< Rain fell on the city for three days.", ">>ara<< Yes."],
    "direct_summarizer": ["قال المتحدث إن الاجتماع انتهى.", "The talks ended.", "أعلنت الوزارة عن خطة جديدة."],
}


@pytest.mark.parametrize("role", list(INPUTS))
def test_beam_search_writes_the_same_tokens_with_the_cache(tiny_models, role):
    model = load_model(tiny_models[role], device="cpu", backend="torch")
    batch = model.tokenizer(INPUTS[role], return_tensors="pt", padding=True)
    settings = dict(num_beams=4, max_new_tokens=12, num_return_sequences=2)
    with torch.inference_mode():
        plain = model.model.generate(**batch, **settings)
        kwargs = beam_search_cache(model.model, 4)
        cached = model.model.generate(**batch, **kwargs, **settings)
    (cache,) = kwargs.values()
    assert cache.self_attention_cache.get_seq_length() > 0  # generate() used this cache, not one of its own
    assert torch.equal(plain, cached)


def test_only_the_decoders_own_keys_and_values_follow_the_beams(tiny_models):
    model = load_model(tiny_models["summarizer"], device="cpu", backend="torch")
    kwargs = beam_search_cache(model.model, 4)
    (cache,) = kwargs.values()
    reordered = {"self": 0, "cross": 0}
    for part in ("self", "cross"):
        sub = getattr(cache, f"{part}_attention_cache")
        real = sub.reorder_cache
        sub.reorder_cache = lambda beam_idx, part=part, real=real: (reordered.__setitem__(part, reordered[part] + 1),
                                                                     real(beam_idx))
    batch = model.tokenizer(INPUTS["summarizer"], return_tensors="pt", padding=True)
    with torch.inference_mode():
        model.model.generate(**batch, num_beams=4, max_new_tokens=8, **kwargs)
    assert reordered["self"] > 0 and reordered["cross"] == 0
    # Every beam of an input still reads its own input's encoder states.
    keys = cache.cross_attention_cache.layers[0].keys
    assert keys.shape[0] == 3 * 4
    assert torch.equal(keys[0], keys[3]) and not torch.equal(keys[0], keys[4])


def test_no_cache_of_its_own_for_greedy_decoding_or_a_decoder_only_model(tiny_models, tiny_llm):
    assert beam_search_cache(load_model(tiny_models["summarizer"], device="cpu", backend="torch").model, 1) == {}
    assert beam_search_cache(load_model(tiny_llm, device="cpu", backend="torch").model, 4) == {}


def test_the_loaded_model_gives_beam_search_its_cache(tiny_models, monkeypatch):
    beams = []

    def spy(model, num_beams):
        beams.append(num_beams)
        return beam_search_cache(model, num_beams)

    monkeypatch.setattr(loading, "beam_search_cache", spy)
    model = load_model(tiny_models["back_translator"], device="cpu", backend="torch")
    model.generate(INPUTS["back_translator"], max_new_tokens=6, num_beams=3)
    model.generate(INPUTS["back_translator"], max_new_tokens=6)  # the model's own setting
    assert beams == [3, model.model.generation_config.num_beams]
