"""Planning a CTranslate2 call's sub-batches by cost: plain functions on token counts."""

from __future__ import annotations

import random

from summarizer.models.sub_batches import STEP_COST, _finish_time, plan_sub_batches, split_by_count


def _cost(lengths, batch):
    return max(lengths[i] for i in batch) * (STEP_COST + len(batch))


def _finish(lengths, plan, workers):
    return _finish_time([_cost(lengths, batch) for batch in plan], workers)


def test_one_long_sentence_gets_a_worker_of_its_own():
    # Token counts of a 5-sentence abstract whose second sentence is about twice as long as the rest.
    lengths = [24, 47, 22, 25, 21]
    plan = plan_sub_batches(lengths, workers=2, max_batch_size=8)
    assert sorted(plan, key=len) == [[1], [3, 0, 2, 4]]
    # By count, CTranslate2 would pair it with the next two longest: 3 + 2.
    by_count = split_by_count(lengths, workers=2, max_batch_size=8)
    assert by_count == [[1, 3, 0], [2, 4]]
    assert _finish(lengths, plan, 2) < _finish(lengths, by_count, 2)


def test_equal_lengths_are_spread_evenly_as_before():
    for count, sizes in {6: [3, 3], 16: [8, 8], 20: [5, 5, 5, 5]}.items():
        assert sorted(len(b) for b in plan_sub_batches([30] * count, workers=2, max_batch_size=8)) == sizes


def test_one_worker_splits_only_as_the_size_limit_requires():
    assert plan_sub_batches([9, 40, 3], workers=1) == [[1, 0, 2]]
    assert [len(b) for b in plan_sub_batches(list(range(1, 21)), workers=1, max_batch_size=8)] == [8, 8, 4]


def test_every_input_once_within_the_limit_and_never_later_than_by_count():
    rng = random.Random(7)
    for _ in range(300):
        count, workers, limit = rng.randint(1, 40), rng.choice([1, 2, 4]), rng.choice([0, 1, 3, 8, 16])
        lengths = [rng.randint(1, 120) for _ in range(count)]
        plan = plan_sub_batches(lengths, workers=workers, max_batch_size=limit)
        assert sorted(i for batch in plan for i in batch) == list(range(count))
        assert all(0 < len(batch) <= (limit or count) for batch in plan)
        # Each batch is a run of neighbours in length order, longest first.
        rank = {i: r for r, i in enumerate(sorted(range(count), key=lambda i: (-lengths[i], i)))}
        for batch in plan:
            ranks = [rank[i] for i in batch]
            assert ranks == list(range(ranks[0], ranks[0] + len(batch)))
        # Costliest batch queued first.
        costs = [_cost(lengths, batch) for batch in plan]
        assert costs == sorted(costs, reverse=True)
        by_count = split_by_count(lengths, workers=workers, max_batch_size=limit)
        assert sorted(i for batch in by_count for i in batch) == list(range(count))
        assert _finish(lengths, plan, workers) <= _finish(lengths, by_count, workers) + 1e-9


def test_nothing_to_plan():
    assert plan_sub_batches([], workers=2) == [] == split_by_count([], workers=2)
    assert plan_sub_batches([0], workers=2, max_batch_size=8) == [[0]]
