"""The speed benchmark decodes the batches the library would: no more, no fewer (its numbers depend on it)."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace

import pytest

from conftest import REPO

pytest.importorskip("ctranslate2")

from summarizer.models.convert import convert_model  # noqa: E402
from summarizer.models.ct2 import load_ct2_model  # noqa: E402

ARABIC_WORDS = "قال الرئيس إن الاقتصاد نما هذا العام وفقا للتقرير الرسمي الصادر عن الوزارة في العاصمة".split()


def _benchmark(script: str):
    spec = importlib.util.spec_from_file_location(f"{script}_benchmark", REPO / "benchmarks" / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def _speed():
    return _benchmark("speed")


class _Recorder:
    """Forwards to a ctranslate2.Translator, noting each call's input count and sub-batch limit."""

    def __init__(self, translator):
        self.translator, self.calls, self.lengths = translator, [], []

    def translate_batch(self, sources, *args, **kwargs):
        self.calls.append((len(sources), kwargs["max_batch_size"]))
        self.lengths.append([len(tokens) for tokens in sources])
        return self.translator.translate_batch(sources, *args, **kwargs)


@pytest.fixture
def fixed_length(tiny_models, tmp_path):
    """The benchmark's wrapper around a two-worker CTranslate2 translator whose batches are recorded."""
    speed = _speed()
    translator = load_ct2_model(convert_model(tiny_models["translator"], str(tmp_path / "ct2")), workers=2, threads=2)
    recorder = _Recorder(translator.model)
    work = speed.Work(english=["word"] * 50, arabic=ARABIC_WORDS * 4)
    return translator, recorder, work, speed.FixedLengthModel(replace(translator, model=recorder), "translator", work)


def test_fixed_length_batches_are_the_backends_own(fixed_length):
    translator, recorder, work, model = fixed_length
    sentences = [" ".join(ARABIC_WORDS[: 2 + i % 9]) for i in range(20)]

    outputs = model.generate(sentences, max_new_tokens=20)

    assert len(outputs) == 20 and all(outputs)
    # 20 sentences on 2 workers: the library decodes its planned sub-batches, each in one go.
    planned = translator.sub_batches([translator.count_tokens(s) for s in sentences])
    assert len(planned) > 2
    assert sorted(recorder.calls) == sorted((len(batch), 0) for batch in planned)
    # Costliest first, as the library queues them: the two workers start on the two longest batches.
    first, then = recorder.lengths[:2], recorder.lengths[2:]
    assert min(min(batch) for batch in first) >= max(max(batch) for batch in then)
    # Every row decodes to its batch's longest target, as a real batch does.
    assert work.decoded["translator"] >= work.tokens["translator"] > 0


def test_fixed_length_calls_in_turn_decode_each_calls_batches(fixed_length):
    from summarizer.models.base import GenerationSettings

    translator, recorder, _, model = fixed_length
    calls = [([" ".join(ARABIC_WORDS[: 2 + (c + i) % 9]) for i in range(10)], GenerationSettings(max_new_tokens=20))
             for c in range(3)]

    outputs = list(model.generate_each(calls))

    assert [len(texts) for texts in outputs] == [10, 10, 10] and all(all(texts) for texts in outputs)
    # Each call's planned sub-batches, each decoded in one go, as the library's generate_each queues them.
    planned = [len(batch) for texts, _ in calls
               for batch in translator.sub_batches([translator.count_tokens(s) for s in texts])]
    assert sorted(recorder.calls) == sorted((n, 0) for n in planned)


def _int8_gemm():
    return _benchmark("int8_gemm")


@pytest.mark.parametrize("role", ["translator", "summarizer"])
def test_a_steps_weights_are_the_decoders_layers_but_the_cross_attention_memory(tiny_models, role):
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(tiny_models[role])
    shapes = _int8_gemm().step_shapes(tiny_models[role])

    # Per decoder layer: self-attention q, k, v, out; cross-attention q, out (its k and v read the
    # encoder's output once per input); two feed-forward layers. Then the output layer.
    assert sum(shapes.values()) == 8 * config.decoder_layers + 1
    assert shapes[(config.d_model, config.vocab_size)] == 1


def test_ct2_step_time_is_the_difference_of_two_fixed_lengths(tiny_models, tmp_path):
    int8_gemm = _int8_gemm()
    model = load_ct2_model(convert_model(tiny_models["translator"], str(tmp_path / "ct2")), workers=1)

    class Counting:
        calls: list[dict] = []

        def generate(self, texts, **settings):
            self.calls.append(settings)
            return model.generate(texts, **settings)

    counting = Counting()
    milliseconds = int8_gemm.ct2_step_ms(counting, " ".join(ARABIC_WORDS[:6]), 4, repeats=2)

    assert isinstance(milliseconds, float)
    # One warm-up and two timed calls at each length; every output forced to its length.
    lengths = sorted((c["min_new_tokens"], c["max_new_tokens"], c["num_beams"]) for c in counting.calls)
    assert lengths == [(1, 2, 4)] * 3 + [(1 + int8_gemm.STEPS, 2 + int8_gemm.STEPS, 4)] * 3
