"""A bounded line for the demo's requests: so many served at once, so many waiting, the rest turned away.

:class:`Line` is an ``asyncio`` admission gate: ``async with line.place():``
holds one of ``slots`` places, waiting first come first served when all are
taken, and raises :class:`LineFull` at once when ``max_waiting`` requests are
already waiting, so that an overloaded server says "busy" instead of letting
memory and waiting time grow. A request cancelled while it waits (its client
went away) leaves the line; a place freed is handed to the first waiter.

Gradio's own queue (``Blocks.queue(max_size=...)``) has a bound too, but its
overflow reaches the page and ``gradio_client`` as a generic "queue is full"
with no hint of when to come back; the demo runs its handler at once and lets
this line decide, so the refusal is its own message. The line does no work and
knows nothing of Gradio; it belongs to one event loop (the server's).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Callable


class LineFull(Exception):
    """Raised by :meth:`Line.place` when every place is taken and the line is at its length."""


class Line:
    """At most ``slots`` holders at once and ``max_waiting`` waiting, first come first served.

    Args:
        slots: Requests served at once (at least 1).
        max_waiting: Requests that may wait for a place (0: refuse when all are taken).
        report_every: Seconds between two calls of a waiter's ``on_wait``.
    """

    def __init__(self, slots: int, max_waiting: int, report_every: float = 1.0):
        if slots < 1 or max_waiting < 0:
            raise ValueError(f"A line needs at least 1 slot and 0 or more waiting places, not {slots}, {max_waiting}.")
        self.slots, self.max_waiting, self.report_every = slots, max_waiting, report_every
        self._holders = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def holders(self) -> int:
        """Requests holding a place now."""
        return self._holders

    @property
    def waiting(self) -> int:
        """Requests waiting for a place now."""
        return len(self._waiters)

    @contextlib.asynccontextmanager
    async def place(self, on_wait: Callable[[int], None] | None = None) -> AsyncIterator[None]:
        """Hold a place for the body of the ``async with``, waiting for one if need be.

        Args:
            on_wait: Called while waiting (at once, then every ``report_every``
                seconds) with the number of requests ahead in the line.

        Raises:
            LineFull: If all places are taken and ``max_waiting`` requests wait already.
        """
        if self._holders < self.slots and not self._waiters:
            self._holders += 1
        elif len(self._waiters) >= self.max_waiting:
            raise LineFull(f"{self._holders} requests served and {len(self._waiters)} waiting")
        else:
            await self._wait(on_wait)
        try:
            yield
        finally:
            self._release()

    async def _wait(self, on_wait: Callable[[int], None] | None) -> None:
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(turn)
        try:
            while not turn.done():
                if on_wait is not None:
                    on_wait(self._waiters.index(turn))
                await asyncio.wait({turn}, timeout=self.report_every)
        except BaseException:
            if turn.done():  # handed a place just as it was cancelled: pass the place on
                self._release()
            else:
                self._waiters.remove(turn)
            raise

    def _release(self) -> None:
        while self._waiters:
            turn = self._waiters.popleft()
            if not turn.done():
                turn.set_result(None)  # the place goes to the first waiter; holders stay as they are
                return
        self._holders -= 1
