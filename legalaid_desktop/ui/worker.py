"""Slow work off the GUI thread: a function runs on Qt's thread pool; its result or its error comes back
on the GUI thread (STYLE habit 8).

The function never touches a widget: it gets plain values and opens its own unit of work. A ticket
can be cancelled: the function may ask `ticket.cancelled()` between its steps and stop early, and
whatever it returns after a cancel goes to `on_cancelled` (to be thrown away), never to `on_done`.
Tests run the function inline (`Worker(inline=True)`): the callbacks are called before `start`
returns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Ticket:
    """One run: whether it was cancelled, whether it has finished, and where its outcome goes."""

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 on_cancelled: Callable[[Any], None] | None) -> None:
        self._cancel = threading.Event()
        self.finished = False
        self.on_done = on_done
        self.on_error = on_error
        self.on_cancelled = on_cancelled

    def cancel(self) -> None:
        """Ask the work to stop; its result, if any still comes, is handed to `on_cancelled`."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """Safe to call from the worker thread."""
        return self._cancel.is_set()


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted on a pool thread reach it queued."""

    succeeded = Signal(object, object)
    failed = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, function: Callable[[Ticket], Any], ticket: Ticket, relay: _Relay) -> None:
        super().__init__()
        self._function = function
        self._ticket = ticket
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._function(self._ticket)
        except BaseException as error:  # every outcome goes back to the GUI thread
            self._relay.failed.emit(self._ticket, error)
        else:
            self._relay.succeeded.emit(self._ticket, result)


class Worker(QObject):
    """Runs `function(ticket)` on a pool thread (or inline) and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, inline: bool = False,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.inline = inline
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._succeeded)
        self._relay.failed.connect(self._failed)
        self._running: set[Ticket] = set()

    def start(self, function: Callable[[Ticket], Any], *, on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None],
              on_cancelled: Callable[[Any], None] | None = None) -> Ticket:
        ticket = Ticket(on_done, on_error, on_cancelled)
        if self.inline:
            try:
                result = function(ticket)
            except BaseException as error:
                self._failed(ticket, error)
            else:
                self._succeeded(ticket, result)
            return ticket
        self._running.add(ticket)
        self._pool.start(_Task(function, ticket, self._relay))
        return ticket

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the pool's work (tests; closing); queued results arrive at the next event loop."""
        return self._pool.waitForDone(msecs)

    @Slot(object, object)
    def _succeeded(self, ticket: Ticket, result: Any) -> None:
        self._running.discard(ticket)
        ticket.finished = True
        if ticket.cancelled():
            if ticket.on_cancelled is not None:
                ticket.on_cancelled(result)
            return
        ticket.on_done(result)

    @Slot(object, object)
    def _failed(self, ticket: Ticket, error: BaseException) -> None:
        self._running.discard(ticket)
        ticket.finished = True
        if ticket.cancelled():
            log.info("work failed after it was cancelled: %r", error)
            if ticket.on_cancelled is not None:
                ticket.on_cancelled(None)
            return
        ticket.on_error(error)
