"""The demo's bounded line (summarizer_demo/line.py): places, waiting first come first served, refusals, cancellation."""

from __future__ import annotations

import asyncio

import pytest

from summarizer_demo.line import Line, LineFull


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=10))


async def hold(line: Line, name: str, order: list[str], release: asyncio.Event, reports: list | None = None):
    async with line.place(on_wait=None if reports is None else reports.append):
        order.append(name)
        await release.wait()


def test_serves_in_order_and_refuses_when_full():
    async def scenario():
        line, order, release = Line(slots=1, max_waiting=2, report_every=0.01), [], asyncio.Event()
        reports: list[int] = []
        tasks = [asyncio.create_task(hold(line, "a", order, release))]
        await asyncio.sleep(0)
        tasks += [asyncio.create_task(hold(line, name, order, release, reports)) for name in "bc"]
        await asyncio.sleep(0.05)
        assert (line.holders, line.waiting, order) == (1, 2, ["a"])
        assert 0 in reports and 1 in reports  # b is first in line, c has one ahead
        with pytest.raises(LineFull):
            async with line.place():
                pass
        release.set()
        await asyncio.gather(*tasks)
        assert order == ["a", "b", "c"] and (line.holders, line.waiting) == (0, 0)

    run(scenario())


def test_several_slots_and_no_waiting_room():
    async def scenario():
        line, order, release = Line(slots=2, max_waiting=0), [], asyncio.Event()
        tasks = [asyncio.create_task(hold(line, name, order, release)) for name in "ab"]
        await asyncio.sleep(0.01)
        assert line.holders == 2 and sorted(order) == ["a", "b"]
        with pytest.raises(LineFull, match="2 requests served and 0 waiting"):
            async with line.place():
                pass
        release.set()
        await asyncio.gather(*tasks)
        async with line.place():  # free again
            assert line.holders == 1

    run(scenario())


def test_a_cancelled_waiter_leaves_the_line_and_an_error_frees_the_place():
    async def scenario():
        line, order, release = Line(slots=1, max_waiting=1), [], asyncio.Event()
        first = asyncio.create_task(hold(line, "a", order, release))
        await asyncio.sleep(0)
        gone = asyncio.create_task(hold(line, "gone", order, release))
        await asyncio.sleep(0.01)
        assert line.waiting == 1
        gone.cancel()
        await asyncio.gather(gone, return_exceptions=True)
        assert line.waiting == 0  # its place in line is free for another
        late = asyncio.create_task(hold(line, "late", order, release))
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(first, late)
        assert order == ["a", "late"]
        with pytest.raises(RuntimeError):
            async with line.place():
                raise RuntimeError("the work failed")
        assert (line.holders, line.waiting) == (0, 0)

    run(scenario())


def test_a_waiter_cancelled_as_its_turn_comes_passes_the_place_on():
    async def scenario():
        line, order, release = Line(slots=1, max_waiting=2), [], asyncio.Event()
        first = asyncio.create_task(hold(line, "a", order, release))
        await asyncio.sleep(0)
        unlucky = asyncio.create_task(hold(line, "unlucky", order, release))
        second = asyncio.create_task(hold(line, "b", order, release))
        await asyncio.sleep(0.01)
        release.set()
        await first  # hands the place to "unlucky", which is cancelled before it runs
        unlucky.cancel()
        await asyncio.gather(unlucky, second, return_exceptions=True)
        assert order == ["a", "b"] and (line.holders, line.waiting) == (0, 0)

    run(scenario())


@pytest.mark.parametrize(("slots", "waiting"), [(0, 1), (1, -1)])
def test_refuses_a_line_without_places(slots, waiting):
    with pytest.raises(ValueError, match="at least 1 slot"):
        Line(slots, waiting)
