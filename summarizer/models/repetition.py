"""Spot the repetition loops that seq2seq models fall into.

A looping model writes the same word or phrase again and again ("the the the",
"in the city of the city of the city of"). The translators and summarizers
check their outputs with :func:`has_repetition_loop` and regenerate the ones
that loop with stronger anti-repetition settings. This module only detects; it
does not generate.
"""

from __future__ import annotations

# An n-gram repeated this many times in a row is a loop, not emphasis.
MIN_REPEATS = 4
MAX_NGRAM = 6

# Settings used to regenerate an output that looped.
STRONGER_SETTINGS = {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3}


def has_repetition_loop(text: str, *, min_repeats: int = MIN_REPEATS, max_ngram: int = MAX_NGRAM) -> bool:
    """True when some run of 1 to ``max_ngram`` words repeats ``min_repeats`` times in a row.

    Args:
        text: A model output.
        min_repeats: How many back-to-back copies make a loop.
        max_ngram: The longest phrase checked, in words.
    """
    words = text.split()
    for size in range(1, max_ngram + 1):
        span = size * min_repeats
        for start in range(len(words) - span + 1):
            first = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == first for k in range(1, min_repeats)):
                return True
    return False
