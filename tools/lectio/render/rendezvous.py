"""Where a part laid out at a guessed first page learns its real one (``render.parallel``).

A part after the first is laid out before the parts ahead of it have their page counts, so its first
page and folio are guessed. Its worker makes every page (the breaks do not depend on the first page:
every part opens on a recto), then, before the first margin box is drawn (``folioshift``), waits for the
parent's answer on its :class:`Meeting`:

- the real :class:`~lectio.render.partview.Part` (its first page and folio from the real counts of the
  parts before it, the other parts' pages as the refine steps must see them): the folios are shifted to
  the real ones and the refine steps and the padding go on with the real ``Part``;
- :data:`KEEP` (None): what WeasyPrint was given would differ by more than the folio (a reference into
  another part printed differently, or a part that prints its own pages); the part is laid out as
  guessed, and the parent's rounds lay it out again if need be;
- :data:`ABORT`: a part before it failed; the layout stops (:class:`Aborted`).

With no answer in ``timeout`` seconds the part goes on as guessed, as with :data:`KEEP`: nothing waits
forever.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass

KEEP = None
ABORT = "abort"
TIMEOUT = 1800.0  # seconds: longer than any part ahead should take; on expiry the part goes on as guessed


class Aborted(RuntimeError):
    """A part before this one failed: its layout is of no use."""


@dataclass(frozen=True)
class Meeting:
    """The parent's answer for one part, one layout: a queue (a ``multiprocessing.Manager`` proxy,
    pickled to the worker) that gets one item."""

    answers: object
    timeout: float = TIMEOUT


class Met:
    """The worker's side, called once by ``folioshift`` before the first margin box: waits for the
    answer and gives the folio shift; ``part`` is then the ``Part`` the layout stands at."""

    def __init__(self, part):
        self.part = part
        self.met = False

    def __call__(self) -> int:
        try:
            answer = self.part.meeting.answers.get(timeout=self.part.meeting.timeout)
        except queue.Empty:
            return 0
        if answer == ABORT:
            raise Aborted("a part before this one failed")
        if answer is KEEP:
            return 0
        shift = answer.first_folio - self.part.first_folio
        self.part, self.met = answer, True
        return shift


def answer(guessed, real, printed: frozenset[str], own_pages: bool):
    """What the parent answers a part laid out as ``guessed`` whose ``real`` plan is now known: ``real``
    when WeasyPrint's input differs only by the folio, else :data:`KEEP`. ``printed``: the ids whose page
    the part prints (``xrefs.counted``); ``own_pages``: whether some are its own."""
    shift = real.first_folio - guessed.first_folio
    if shift and (own_pages or not (real.first_folio and guessed.first_folio)):
        return KEEP  # the part prints its own pages, or one plan numbers its pages and the other not
    if _printed(guessed.resolved, printed) != _printed(real.resolved, printed):
        return KEEP
    return real


def _printed(resolved, printed: frozenset[str]) -> dict[str, str]:
    """The written-out references whose folio is printed (a bare link's folio changes nothing drawn)."""
    return {i: folio for i, folio in resolved if i in printed}
