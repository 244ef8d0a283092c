"""The abstract writer with the tiny BART: one window, joined parts, map-reduce."""

from __future__ import annotations

import pytest

from conftest import EVAL, need_shared
from summarizer.abstracts import AbstractWriter
from summarizer.models.loading import load_model

FAST = {"num_beams": 1}


class Recording:
    """The real tiny model; remembers the length limits of every generate() call."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def generate(self, texts, *, max_new_tokens, **settings):
        self.calls.append((len(texts), settings.get("min_new_tokens"), max_new_tokens))
        return self.inner.generate(texts, max_new_tokens=max_new_tokens, **settings)


@pytest.fixture(scope="module")
def model(tiny_models):
    return load_model(tiny_models["summarizer"], device="cpu", backend="torch")


@pytest.fixture(scope="module")
def english() -> list[str]:
    path = need_shared(EVAL / "flores200_devtest_arb_eng" / "eng_Latn.devtest")
    return path.read_text(encoding="utf-8").splitlines()


def windows_of(english: list[str], model, windows: float) -> list[str]:
    """The first FLORES sentences that add up to about ``windows`` summarizer windows."""
    budget, taken, total = windows * model.max_input_tokens, [], 0
    for line in english:
        if total >= budget:
            break
        taken.append(line)
        total += model.count_tokens(line) - 2
    return taken


def test_text_within_one_window_is_one_call(model, english):
    recorded = Recording(model)
    result = AbstractWriter(recorded).summarize(windows_of(english, model, 0.5), {**FAST, "length": "medium"})
    assert len(result.passes) == 1 and not result.passes[0].joined
    assert recorded.calls == [(1, 56, 142)]
    assert result.text.strip()


def test_text_of_two_windows_is_two_even_parts_joined(model, english):
    sentences = windows_of(english, model, 1.5)
    recorded = Recording(model)
    result = AbstractWriter(recorded).summarize(sentences, {**FAST, "length": "medium"})
    assert len(result.passes) == 1
    only = result.passes[0]
    assert only.joined and len(only.chunks) == 2
    # Every sentence in exactly one part, in order; parts of even size.
    assert [i for c in only.chunks for i in c.sentence_indices] == list(range(len(sentences)))
    sizes = [c.n_tokens for c in only.chunks]
    assert max(sizes) <= model.max_input_tokens and min(sizes) > 0.8 * max(sizes)
    # Each part gets half of the medium length, in one batched call.
    assert recorded.calls == [(2, 28, 71)]
    assert result.text.strip()


def test_parts_too_many_to_share_the_length_are_reduced(model, english):
    sentences = windows_of(english, model, 2.5)
    recorded = Recording(model)
    result = AbstractWriter(recorded).summarize(sentences, {**FAST, "length": "short"})  # 60 / 3 < 30
    assert len(result.passes) == 2
    assert not result.passes[0].joined and len(result.passes[0].chunks) == 3
    assert len(result.passes[1].chunks) == 1
    assert recorded.calls[-1] == (1, 20, 60)


def test_min_part_tokens_chooses_between_joining_and_reducing(model, english):
    sentences = windows_of(english, model, 2.5)
    joined = AbstractWriter(model).summarize(sentences, {**FAST, "length": "long"})
    assert [p.joined for p in joined.passes] == [True] and len(joined.passes[0].chunks) == 3
    reduced = AbstractWriter(model).summarize(sentences, {**FAST, "length": "long", "min_part_tokens": 100})
    assert len(reduced.passes) >= 2 and not reduced.passes[0].joined


def test_empty_input_gives_an_empty_abstract(model):
    result = AbstractWriter(model).summarize(["", "  "])
    assert result.text == "" and result.passes == ()


def test_summarize_many_shares_calls_and_writes_what_summarize_writes(model, english):
    texts = [english[0:3], english[3:9], [], windows_of(english[40:], model, 1.5), windows_of(english[90:], model, 2.5)]
    options = {**FAST, "length": "short"}  # the 2.5-window text is reduced (map-reduce): it goes alone
    alone = [AbstractWriter(model).summarize(t, options) for t in texts]
    recorded = Recording(model)
    together = AbstractWriter(recorded).summarize_many(texts, options)
    assert [r.text for r in together] == [r.text for r in alone]
    assert [r.passes for r in together] == [r.passes for r in alone]
    assert [len(r.passes[0].chunks) for r in together if r.passes] == [1, 1, 2, 3]
    # The two short texts get the same limits and share a call; the joined text's two parts share one;
    # the reduced text's three chunks go two and one (two chunks a call on a CPU).
    assert [n for n, _, _ in recorded.calls].count(2) == 3
