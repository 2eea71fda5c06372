"""Two processes filling one demo database: each builds its batches while the other writes, in turn.

Building a batch (drawing it and making its records) costs about as much as writing it, and only
one process can write to SQLite at a time. On a machine with two cores the batches alternate
between this process and a helper started with `spawn`; a baton carrying the numbering and the
count of cases written passes between them, so batches are written strictly in order and the
database ends up byte for byte as one process would have left it.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

from legalaid_desktop.services.demo import (
    DemoPlan,
    Opener,
    Progress,
    UowFactory,
    build_batch,
    collector_paused,
    write_batch,
)
from legalaid_desktop.services.demo_build import CaseBuilder
from legalaid_desktop.services.demo_bundle import Numbering
from legalaid_desktop.services.demo_world import World, load_world

POLL_SECONDS = 0.5


@dataclass
class Baton:
    """The right to write the next batch, with what its numbering continues from.

    A process that fails sets `error` and passes the baton on, so its partner stops too.
    """

    numbering: Numbering = field(default_factory=lambda: Numbering({}))
    done: int = 0
    error: str | None = None


class DemoHelperError(RuntimeError):
    """The other process stopped with an error (its traceback is in the message) or vanished."""


class _Stopped(Exception):
    """The partner asked this process to stop."""


def fill_in_parallel(uow: UowFactory, world: World, plan: DemoPlan, numbering: Numbering, opener: Opener,
                     progress: Progress | None) -> None:
    """Write the plan's batches with a helper process: even batches here, odd ones there."""
    context = multiprocessing.get_context("spawn")
    inboxes: tuple[Any, Any] = (context.Queue(), context.Queue())
    helper = context.Process(target=_helper_main, args=(opener, plan, inboxes), name="legalaid-demo-helper",
                             daemon=True)
    helper.start()
    inboxes[0].put(Baton(numbering))
    try:
        _take_turns(uow, world, plan, share=0, inboxes=inboxes, progress=progress, partner=helper)
        if (len(plan.batches()) - 1) % 2 == 1:  # the last batch was the helper's: wait until it is written
            baton = _receive(inboxes[0], helper)
            if progress is not None:
                progress(baton.done, plan.cases)
        helper.join(timeout=60)
    except BaseException:
        if helper.is_alive():
            inboxes[1].put(None)
            helper.join(timeout=5)
            if helper.is_alive():
                helper.terminate()
        raise
    finally:
        for inbox in inboxes:
            inbox.cancel_join_thread()


def _take_turns(uow: UowFactory, world: World, plan: DemoPlan, *, share: int, inboxes: tuple[Any, Any],
                progress: Progress | None, partner: BaseProcess | None) -> None:
    """Build this process's batches ahead, and write each when the baton comes round."""
    builder = CaseBuilder(world, plan.stamp_at, plan.as_of)
    for number, batch in enumerate(plan.batches()):
        if number % 2 != share:
            continue
        built = build_batch(builder, plan, batch)
        baton = _receive(inboxes[share], partner)
        if progress is not None and baton.done:
            progress(baton.done, plan.cases)  # the partner's batch is written
        try:
            baton.done = write_batch(uow, builder, plan, batch, baton.numbering, built=built)
        except BaseException as failing:
            baton.error = "".join(traceback.format_exception(failing))
            inboxes[1 - share].put(baton)
            raise
        del built
        inboxes[1 - share].put(baton)
        if progress is not None:
            progress(baton.done, plan.cases)


def _receive(inbox: Any, partner: BaseProcess | None) -> Baton:
    """Wait for the baton, watching that the partner is still there."""
    while True:
        try:
            baton = inbox.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if partner is not None and not partner.is_alive():
                raise DemoHelperError(
                    f"the other demo process stopped (exit code {partner.exitcode})") from None
            continue
        if baton is None:
            raise _Stopped
        if not isinstance(baton, Baton):
            raise DemoHelperError(f"unexpected message from the other demo process: {baton!r}")
        if baton.error is not None:
            raise DemoHelperError("the other demo process failed:\n" + baton.error)
        return baton


def _helper_main(opener: Opener, plan: DemoPlan, inboxes: tuple[Any, Any]) -> None:
    """The helper process: open the database again, read the same world, take the odd batches."""
    try:
        uow, _ = opener()
        with uow() as unit:
            world = load_world(unit)
        with collector_paused():
            _take_turns(uow, world, plan, share=1, inboxes=inboxes, progress=None,
                        partner=multiprocessing.parent_process())
    except (_Stopped, KeyboardInterrupt, DemoHelperError):
        return
    except BaseException as failing:
        inboxes[0].put(Baton(error="".join(traceback.format_exception(failing))))
