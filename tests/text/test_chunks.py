"""Chunking: every sentence once, in order, every chunk within budget."""

from __future__ import annotations

import pytest

from summarizer import InputError, split_sentences

from summarizer.text.chunks import chunk_sentences
from summarizer.text.chunks import chunk_evenly, split_long_text


def words(text: str) -> int:
    return len(text.split()) + 1  # +1 like an end-of-sequence token


def covered(chunking, n_sentences: int) -> list[int]:
    seen: list[int] = []
    for chunk in chunking.chunks:
        for index in chunk.sentence_indices:
            if not seen or seen[-1] != index:
                seen.append(index)
    assert seen == list(range(n_sentences))
    return seen


def test_sentences_packed_in_order_without_splitting():
    sentences = ["قال الوزير إن الاجتماع ناجح.", "وأضاف أن المحادثات ستستمر.", "وختم بالشكر."]
    chunking = chunk_sentences(sentences, words, 10)
    covered(chunking, 3)
    assert all(not c.is_partial for c in chunking.chunks)
    assert all(c.n_tokens <= 10 for c in chunking.chunks)
    assert chunking.warnings == ()


def test_long_sentence_cut_at_clause_marks_with_warning():
    clause = "وقال المتحدث باسم الحكومة في مؤتمر صحفي"
    long_sentence = "، ".join([clause] * 6) + "."
    chunking = chunk_sentences(["جملة قصيرة.", long_sentence, "جملة أخرى."], words, 20)
    covered(chunking, 3)
    assert chunking.split_sentences == (1,)
    assert "sentence 2" in chunking.warnings[0]
    pieces = [c.text for c in chunking.chunks if c.is_partial]
    assert len(pieces) > 1 and all(p.endswith(("،", ".")) for p in pieces)
    assert " ".join(pieces).split() == long_sentence.split()


def test_semicolon_keeps_one_sentence_but_is_a_cut_point():
    # ؛ joins clauses: the splitter keeps them together, the chunker may cut there
    clause = "ووقعت الدولتان اتفاقيات السلام في عام 1978 بعد مفاوضات طويلة"
    text = "؛ ".join([clause] * 5) + "."
    sentences = split_sentences(text)
    assert sentences == [text]
    chunking = chunk_sentences(sentences, words, 25)
    pieces = [c.text for c in chunking.chunks]
    assert len(pieces) > 1 and all(p.endswith(("؛", ".")) for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_line_without_spaces_is_cut_by_characters():
    text = "ب" * 5000
    pieces = split_long_text(text, lambda s: len(s) // 100 + 1, 10)
    assert "".join(pieces) == text
    assert all(len(p) // 100 + 1 <= 10 for p in pieces)


def test_budget_without_room_is_an_error():
    with pytest.raises(InputError, match="max_tokens"):
        chunk_sentences(["نص."], lambda s: 5 + len(s.split()), 5)


def test_long_articles_fully_covered_within_budget(long_articles, tiny_models):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_models["translator"])

    def count(text: str) -> int:
        return len(tokenizer(text)["input_ids"])

    for article in long_articles[:6]:
        sentences = split_sentences(article)
        chunking = chunk_sentences(sentences, count, 512)
        covered(chunking, len(sentences))
        assert all(c.n_tokens <= 512 for c in chunking.chunks)
        assert all(count(c.text) == c.n_tokens for c in chunking.chunks)
        whole = [c.text for c in chunking.chunks if not c.is_partial]
        assert sum(len(c.sentence_indices) for c in chunking.chunks if not c.is_partial) + len(
            chunking.split_sentences
        ) == len(sentences), whole[:1]


def test_even_chunks_keep_the_count_and_balance_the_sizes(long_articles, tiny_models):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_models["translator"])

    def count(text: str) -> int:
        return len(tokenizer(text)["input_ids"])

    for article in long_articles[:6]:
        sentences = split_sentences(article)
        greedy = chunk_sentences(sentences, count, 512)
        even = chunk_evenly(sentences, count, 512)
        assert len(even.chunks) == len(greedy.chunks)
        covered(even, len(sentences))
        assert all(count(c.text) == c.n_tokens <= 512 for c in even.chunks)
        if greedy.split_sentences:
            assert even == greedy
            continue
        sizes = [c.n_tokens for c in even.chunks]
        greedy_sizes = [c.n_tokens for c in greedy.chunks]
        assert max(sizes) - min(sizes) <= max(greedy_sizes) - min(greedy_sizes)
        # Even: no chunk is less than half the largest (greedy leaves a stub at the end).
        longest_sentence = max(count(s) for s in sentences)
        assert min(sizes) >= max(sizes) / 2 or longest_sentence > max(sizes) / 2


def test_even_chunks_of_text_that_fits_is_one_chunk():
    sentences = ["جملة أولى.", "جملة ثانية."]
    chunking = chunk_evenly(sentences, lambda s: 2 + len(s.split()), 50)
    assert [c.sentence_indices for c in chunking.chunks] == [(0, 1)]
