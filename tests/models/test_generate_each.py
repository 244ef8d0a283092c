"""Several calls in turn: the next call queued behind the current one on a CTranslate2 model with workers."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("ctranslate2")

from summarizer.models.base import GenerationSettings, TextModel  # noqa: E402
from summarizer.models.convert import convert_model  # noqa: E402
from summarizer.models.ct2 import load_ct2_model  # noqa: E402
from summarizer.models.loading import load_model  # noqa: E402
from summarizer.translate import Translator  # noqa: E402

WORDS = "قال الرئيس إن الاقتصاد نما هذا العام وفقا للتقرير الرسمي الصادر عن الوزارة في العاصمة".split()
GREEDY = GenerationSettings(max_new_tokens=12, num_beams=1)


class _Queue:
    """Forwards to a ctranslate2.Translator, noting the inputs of every batch queued and every batch waited for."""

    def __init__(self, translator):
        self.translator, self.events = translator, []

    def translate_batch(self, sources, *args, **kwargs):
        replies = self.translator.translate_batch(sources, *args, **kwargs)
        self.events.append(("queued", "".join(sources[0])))
        return [_Reply(reply, self.events, "".join(tokens)) for reply, tokens in zip(replies, sources)]


class _Reply:
    def __init__(self, reply, events, tokens):
        self.reply, self.events, self.tokens = reply, events, tokens

    def result(self):
        self.events.append(("waited", self.tokens))
        return self.reply.result()


def _calls(count: int, size: int = 6) -> list[tuple[list[str], GenerationSettings]]:
    return [([" ".join(WORDS[(c + i) % 7 : (c + i) % 7 + 2 + i % 5]) for i in range(size)], GREEDY) for c in range(count)]


@pytest.fixture
def ct2_translator(tiny_models, tmp_path):
    return load_ct2_model(convert_model(tiny_models["translator"], str(tmp_path / "ct2")), workers=2, threads=2)


def test_each_call_gets_what_generate_gives(ct2_translator):
    calls = _calls(3)

    each = list(ct2_translator.generate_each(calls))

    assert each == [ct2_translator.generate(texts, settings) for texts, settings in calls]
    assert list(ct2_translator.generate_each([])) == []


def test_the_next_call_is_queued_before_the_current_one_is_collected(ct2_translator):
    queue = _Queue(ct2_translator.model)
    model = replace(ct2_translator, model=queue)
    calls = _calls(3)

    outputs = model.generate_each(iter(calls))
    first = next(outputs)

    assert first == ct2_translator.generate(*calls[0])
    queued = [tokens for event, tokens in queue.events if event == "queued"]
    waited = [tokens for event, tokens in queue.events if event == "waited"]
    # The first call's batches and the second's were queued before the first was waited for; the third not yet.
    batches = [len(ct2_translator.sub_batches([ct2_translator.count_tokens(t) for t in texts])) for texts, _ in calls]
    assert len(queued) == batches[0] + batches[1]
    assert len(waited) == len(calls[0][0])
    assert len(list(outputs)) == 2
    assert len([e for e in queue.events if e[0] == "queued"]) == sum(batches)


def test_one_worker_and_torch_models_run_the_calls_one_after_the_other(tiny_models, tmp_path):
    one_worker = load_ct2_model(convert_model(tiny_models["translator"], str(tmp_path / "ct2")), workers=1)
    torch_model = load_model(tiny_models["translator"], backend="torch")
    calls = _calls(2)

    for model in (one_worker, torch_model):
        assert list(model.generate_each(calls)) == [model.generate(texts, settings) for texts, settings in calls]


def test_translator_in_several_calls_reports_each_in_order(ct2_translator, monkeypatch):
    sentences = [" ".join(WORDS[i % 9 : i % 9 + 3 + i % 6]) for i in range(40)]
    translator = Translator(ct2_translator, options={"num_beams": 1, "max_batch_size": 6})

    progress, done = [], {}
    queued = translator.translate(sentences, progress=lambda n, total: progress.append(n), done=done.update)
    monkeypatch.setattr(type(ct2_translator), "generate_each", TextModel.generate_each)
    one_by_one = translator.translate(sentences)

    assert queued.translations == one_by_one.translations
    assert len(progress) == 7 and progress == sorted(progress) and progress[-1] == 40
    assert [done[i] for i in range(40)] == list(queued.translations)
