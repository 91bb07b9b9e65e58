"""Where a part laid out at a guessed first page learns its real one (``render.parallel``).

A part after the first is laid out while the parts ahead of it are laid out too, so its first page and
folio are guessed. Its worker lays it out at the guess (its page breaks do not depend on its first page:
every part opens on a recto, and its gutter is the book's), then, before writing its PDF, waits on its
:class:`Meeting` for the parent's answer, given once every part before it has its result:

- an :class:`Answer`: the real :class:`~lectio.render.partview.Part` (its first page and folio from the
  real counts of the parts before it, the other parts' pages and lines as the refine steps must see
  them), and whether the guessed layout may stand with its folios drawn again (:func:`shiftable`: what
  WeasyPrint was given differs only by the folio). The worker then redraws the folios (``folioshift``)
  when the refine steps, given the real ``Part``, ask for nothing new either; otherwise it lays the part
  out again at the real ``Part``. Either way the part is laid out at its real plan, which the parent
  records;
- :data:`ABORT`: a part before it failed; the layout stops (:class:`Aborted`).

With no answer within ``timeout`` seconds the worker keeps its guessed layout (the parent's rounds lay
the part out again): nothing waits forever.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass

ABORT = "abort"
REDRAWN, AGAIN = "redrawn", "laid out again"  # how a part told its real plan came to it (the layout's ``met``)
TIMEOUT = 1800.0  # seconds: longer than any part ahead should take; on expiry the guessed layout stands


class Aborted(RuntimeError):
    """A part before this one failed: this one's layout is of no use."""


@dataclass(frozen=True)
class Meeting:
    """The parent's answer for one part, one layout: a queue (a ``multiprocessing.Manager`` proxy, pickled
    to the worker) that gets one item."""

    answers: object
    timeout: float = TIMEOUT


@dataclass(frozen=True)
class Answer:
    part: object  # the real partview.Part
    shiftable: bool  # the guessed layout stands with its folios drawn again

    def shift(self, guessed) -> int:
        return self.part.first_folio - guessed.first_folio


def wait(meeting: Meeting) -> Answer | None:
    """The parent's answer (None: none in time); :class:`Aborted` when a part before this one failed."""
    try:
        answer = meeting.answers.get(timeout=meeting.timeout)
    except queue.Empty:
        return None
    if answer == ABORT:
        raise Aborted("a part before this one failed")
    return answer


def shiftable(guessed, real, printed: frozenset[str], own_pages: bool) -> bool:
    """Whether WeasyPrint's input for ``real`` differs from ``guessed``'s only by the first folio.
    ``printed``: the ids whose page the part prints (``xrefs.counted``); ``own_pages``: whether some are
    its own (WeasyPrint numbers those from the first folio, which the redrawn margin boxes do not fix)."""
    shift = real.first_folio - guessed.first_folio
    if shift and (own_pages or not (real.first_folio and guessed.first_folio)):
        return False  # one plan numbers the part's pages and the other not (no ``@page :first`` rule)
    return _printed(guessed.resolved, printed) == _printed(real.resolved, printed)


def _printed(resolved, printed: frozenset[str]) -> dict[str, str]:
    """The written-out references whose folio is printed (a bare link's folio draws nothing)."""
    return {i: folio for i, folio in resolved if i in printed}
