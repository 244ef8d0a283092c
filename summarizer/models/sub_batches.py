"""Split one call's inputs into the batches a CTranslate2 model decodes, by their cost.

A batch decodes until its longest row ends, and each step costs a fixed part
(the weights are read once per step, whatever the batch) plus a part per row.
Measured on real-size Marian models at beam 4 on one CPU thread, the fixed part
is worth about two inputs of the per-input part: 2.4 for opus-mt-ar-en, 2.1 for
opus-mt-tc-big-en-ar (``benchmarks/step_cost.py``; BENCHMARKS.md, "Run of
2026-12-02 (d)"). So a batch of ``n`` inputs whose longest is ``L`` tokens is
costed ``L * (STEP_COST + n)``; an input's length stands for its output's, as
it does for translation.

Splitting by count, as CTranslate2's own ``max_batch_size`` does, can pair the
one long sentence with others and leave the second worker idle: 5 abstract
sentences, one twice as long as the rest, become 3 + 2 on two workers, and the
3 decode for as long as the long one. :func:`plan_sub_batches` instead cuts the
inputs, sorted longest first, where the costliest worker finishes soonest:
here the long sentence alone on one worker and the four others on the other.

Hand-written: CTranslate2 sorts a call's inputs and cuts them by example or
token count, then hands the pieces to whichever worker is free; it neither
weighs a step's fixed cost nor balances its workers.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

# A decoding step's fixed cost, in inputs' worth of per-input cost (measured: 2.1 and 2.4).
STEP_COST = 2.0


def plan_sub_batches(lengths: Sequence[int], *, workers: int = 1, max_batch_size: int = 0,
                     step_cost: float = STEP_COST) -> list[list[int]]:
    """Group input indices into batches, costliest first (the order to queue them for the workers).

    Args:
        lengths: Each input's token count.
        workers: Batches decoded at once. With one, the inputs are split only as
            ``max_batch_size`` requires, into as few batches as it allows.
        max_batch_size: Inputs per batch at most (0: no limit).
        step_cost: A step's fixed cost, in inputs (see the module docstring).

    Returns:
        Every index exactly once, each batch sorted longest first, the batches
        costliest first. Among plans that finish at the same time, the one
        with fewer batches.
    """
    count = len(lengths)
    if count == 0:
        return []
    order = _longest_first(lengths)
    longest_first = [max(1, lengths[i]) for i in order]
    limit = min(max_batch_size or count, count)
    fewest = math.ceil(count / limit)
    most = fewest if workers <= 1 else min(count, fewest + 2 * workers)

    def cost(start: int, end: int) -> float:
        return longest_first[start] * (step_cost + end - start)

    best: tuple[float, int, list[tuple[int, int]]] | None = None
    candidates = [_count_spans(count, workers, limit), *_balanced_spans(fewest, most, limit, cost, count)]
    for spans in candidates:
        spans = sorted(spans, key=lambda span: -cost(*span))
        key = (round(_finish_time([cost(*span) for span in spans], workers), 6), len(spans))
        if best is None or key < best[:2]:
            best = (*key, spans)
    assert best is not None
    return [order[start:end] for start, end in best[2]]


def split_by_count(lengths: Sequence[int], *, workers: int = 1, max_batch_size: int = 0) -> list[list[int]]:
    """Batches of equal count, longest first: what CTranslate2's ``max_batch_size`` gives (and the library, before).

    With several workers, the inputs are spread evenly over them in as few
    rounds as ``max_batch_size`` allows: 6 inputs on 2 workers are 3 + 3, 20
    are 5 + 5 + 5 + 5. :func:`plan_sub_batches` never does worse than this
    under its cost; the speed benchmark runs it as a contender.
    """
    count = len(lengths)
    order = _longest_first(lengths)
    return [order[start:end] for start, end in _count_spans(count, workers, min(max_batch_size or count, count))]


def _longest_first(lengths: Sequence[int]) -> list[int]:
    return sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))


def _count_spans(count: int, workers: int, limit: int) -> list[tuple[int, int]]:
    """Spans of equal count in sorted order, spread evenly over the workers in as few rounds as ``limit`` allows."""
    if count == 0:
        return []
    size = limit
    if workers > 1:
        rounds = math.ceil(count / (workers * limit))
        size = math.ceil(count / (workers * rounds))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _balanced_spans(fewest: int, most: int, limit: int, cost, count: int) -> list[list[tuple[int, int]]]:
    """For each batch count from ``fewest`` to ``most``: consecutive spans of at most ``limit`` inputs whose
    costliest is as cheap as can be (one table for all counts)."""
    inf = math.inf
    # worst[g][j]: the costliest batch's cost when the first j inputs form g batches; cut[g][j]: where the last starts.
    worst = [[inf] * (count + 1) for _ in range(most + 1)]
    cut = [[0] * (count + 1) for _ in range(most + 1)]
    worst[0][0] = 0.0
    for g in range(1, most + 1):
        for j in range(g, count + 1):
            for start in range(max(g - 1, j - limit), j):
                value = max(worst[g - 1][start], cost(start, j))
                if value < worst[g][j]:
                    worst[g][j], cut[g][j] = value, start
    plans = []
    for groups in range(fewest, most + 1):
        if worst[groups][count] == inf:
            continue
        spans, end = [], count
        for g in range(groups, 0, -1):
            spans.append((cut[g][end], end))
            end = cut[g][end]
        plans.append(spans[::-1])
    return plans


def _finish_time(costs: list[float], workers: int) -> float:
    """When the last worker is done if each batch, in order, goes to the first worker free (CTranslate2's queue)."""
    free = [0.0] * max(1, workers)
    for value in costs:
        heapq.heappush(free, heapq.heappop(free) + value)
    return max(free)
