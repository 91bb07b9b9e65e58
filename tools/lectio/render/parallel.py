"""The print book laid out on every core: parts laid out in processes of their own, then merged.

Above :data:`THRESHOLD` characters of text (docs/parallel.md gives the measurements; the environment
variable :data:`ENV` forces either path), the print HTML is split at its chapters (``parts``): the
front matter, the readings in one group per core, the back matter. Each part is laid out by
``pdf.layout`` and written by ``pdf.pdf_bytes`` in a worker process (``partwork``), with its first
page number and its references into other parts taken from the other parts' last layout
(``partview``, ``xrefs``). A part is laid out again only when what it was laid out from changed
(its first page, the book's gutter, the pages it prints of other parts: :func:`signature`), until
no part changes; the parts are then merged into one PDF per variant (``pdfmerge``). A book that
does not settle in :data:`MAX_ROUNDS` rounds is laid out in one piece instead.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from lectio import cache
from lectio.render import folios, layoutfacts, lines, pageestimate, pagemap, pageranges, parts, partview, partwork, \
    pdfmerge, rendezvous, xrefs
from lectio.render.pagesetup import PageSetup, gutter, gutter_fits

ENV = "LECTIO_LAYOUT"  # "parallel" or "single" force a path; unset or "auto": by size
THRESHOLD = 150_000  # characters of text from which the parts pay for their processes (docs/parallel.md)
PART_CHARS = 150_000  # characters of text in a group of readings, where the readings allow (docs/parallel.md)
MAX_ROUNDS = 6
CHARS_PER_PAGE = 2200  # the first guess of a part's pages, before it is laid out


def workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def wanted(html_text: str) -> bool:
    """Whether to lay the book out in parts: forced by :data:`ENV`, else by its size and the cores."""
    mode = os.environ.get(ENV, "auto").strip().lower()
    if mode in ("parallel", "single"):
        return mode == "parallel"
    return workers() > 1 and parts.body_length(html_text) >= THRESHOLD


def split(html_text: str) -> tuple[str, ...]:
    """The parts of the book (``parts.parts``): its readings in groups of about :data:`PART_CHARS`
    characters, one reading at least, and at least one group per core. Small groups keep the cores
    busy to the end (a part waiting for its real first page, or laid out twice, holds up less) and an
    edit lays out less again; each part costs a few hundred milliseconds of its own."""
    length = parts.body_length(html_text)
    return parts.parts(html_text, max(workers(), math.ceil(length / PART_CHARS)))


@dataclass(frozen=True)
class PartedLayout:
    """A book laid out in parts: its facts, its merged PDF per variant (in ``output`` order), what the
    layouts refused, and how many times each part was laid out."""

    facts: layoutfacts.LayoutFacts
    pdfs: tuple[bytes, ...]
    lectio_refused: tuple
    layouts: tuple[int, ...]
    rounds: int
    counts: tuple[int, ...] = ()  # each part's pages
    passes: tuple[int, ...] = ()  # the renders each part's last layout made (``pdf._settled``)


@dataclass
class _Book:
    """The state of the rounds: the parts' HTML, what each was last laid out as, and its result."""

    config: object
    texts: tuple[str, ...]
    ids: tuple[frozenset[str], ...]
    counted: tuple[frozenset[str], ...]
    results: dict
    signatures: dict
    layouts: list
    known: dict  # part → its page count in the last build that laid it out (the first guess)
    planned: int = 0  # the book's page count its gutter is chosen for, the same in every part

    def replan(self) -> None:
        """With every part laid out, the gutter chosen again when the book's real count asks for another
        (``pagesetup.gutter_fits``: the single layout's rule)."""
        total = sum(self.counts())
        if len(self.results) == len(self.texts) and not gutter_fits(self.planned, total):
            self.planned = total

    def elsewhere(self, k: int) -> frozenset[str]:
        """The ids of the parts other than ``k``."""
        return frozenset().union(*(ids for j, ids in enumerate(self.ids) if j != k))

    def meets(self, k: int) -> bool:
        """Whether part ``k`` is worth laying out before the parts ahead of it have their page counts: its
        folios are drawn again at its real first page (``rendezvous``, ``folioshift``), unless its own
        text prints pages of its own ids, which WeasyPrint numbers from the guess (it would be laid out
        twice); the part that opens the main matter numbers its pages itself (no guess to correct)."""
        return not (self.counted[k] & self.ids[k]) or parts.holds_main(self.texts[k])

    def waits(self, k: int) -> bool:
        """Whether part ``k`` is better laid out in a later round: a part that cannot learn its first
        page during its layout (:meth:`meets`) waits for the front matter's page count unless a last
        build left one; a part that prints pages of others waits while one of those is still to be laid
        out, unless its own page count is needed first (the front matter's, in a first build)."""
        if k and not self.meets(k) and 0 not in self.results and 0 not in self.known:
            return True
        printed = self.counted[k] - self.ids[k]
        pending = any(j not in self.results and printed & self.ids[j] for j in range(len(self.texts)) if j != k)
        return pending and (k or 0 in self.results or 0 in self.known)

    def follows(self, k: int, todo: list[int]) -> bool:
        """Whether part ``k``, waiting (:meth:`waits`), can instead be laid out in this round once the
        parts ``todo`` have told their facts: every part before it is laid out or in ``todo``, and none
        after it is one it prints pages of and that is still to be laid out (the back matter, which
        prints the readings' pages, starts while their PDFs are written)."""
        printed = self.counted[k] - self.ids[k]
        later = any(j not in self.results and printed & self.ids[j] for j in range(k + 1, len(self.texts)))
        return k > 0 and not later and all(j in self.results or j in todo for j in range(k))

    def counts(self) -> list[int]:
        return [len(self.results[k].pages) if k in self.results else self.known.get(k) or _guess(text)
                for k, text in enumerate(self.texts)]


def _guess(text: str) -> int:
    return max(2, 2 * math.ceil(parts.body_length(text) / CHARS_PER_PAGE / 2))


def layout(book, html_text: str, told=None) -> PartedLayout | None:
    """The book laid out in parts and merged; None when it has one part, did not settle, or a part
    failed (the single layout then says why, with its own message). ``told(facts)`` is called once, as
    soon as every part has told its facts (``layoutfacts.LayoutFacts``), before the parts' PDFs are
    written and merged, and before a later round lays out a part again: the facts of the merged layout
    are most often the same (what the EPUB needs from them: ``build``, "the EPUB before the merge")."""
    try:
        return _layout(book, html_text, told)
    except Exception as exc:  # a worker's error comes back pickled, or not at all (BrokenProcessPool)
        logging.getLogger(__name__).warning("the parts failed (%s: %s); laying the book out in one piece",
                                            type(exc).__name__, exc)
        return None


def _layout(book, html_text: str, told=None) -> PartedLayout | None:
    texts = split(html_text)
    if len(texts) < 2:
        return None
    store = partwork.store_for(book.config)
    state = _Book(book.config, texts, tuple(map(parts.ids, texts)), tuple(map(xrefs.counted, texts)), {}, {},
                  [0] * len(texts), partwork.known_counts(store, texts),
                  pageestimate.planned_pages(html_text, PageSetup.from_config(book.config)))
    rounds = _rounds(state, store, told)
    return _merged(state, rounds) if rounds is not None else None  # the pool's processes have ended: their memory


def _rounds(state: _Book, store, told=None) -> int | None:
    """Lay the parts out until none changes; the rounds it took, or None when they did not settle."""
    context = multiprocessing.get_context("spawn")
    # the manager outlives the pool: a worker waiting on a meeting is answered (or aborted) before it ends
    # one process more than the cores: a part that follows others (``_Book.follows``) is laid out while they
    # write their PDFs; the pool starts a process only when none is idle
    texts = state.texts
    with context.Manager() as manager, ProcessPoolExecutor(min(workers() + 1, len(texts)), mp_context=context) as pool:
        for rounds in range(1, MAX_ROUNDS + 2):
            state.replan()
            plans = _plans(state)
            changed = [k for k, (_, name) in enumerate(plans) if state.signatures.get(k) != name]
            todo = [k for k in changed if not state.waits(k)] or changed  # parts waiting on each other: all
            if not todo:
                partwork.keep_counts(store, texts, state.counts())
                return rounds - 1
            if rounds > MAX_ROUNDS:
                return None
            follow = [k for k in changed if k not in todo and state.follows(k, todo)]
            if _run(state, plans, todo, follow, pool, store, manager, told):
                told = None
    return None


def _run(state: _Book, plans, todo: list[int], follow: list[int], pool, store, manager, told=None) -> bool:
    """Lay out the parts ``todo`` (those the cache does not have), then, each as soon as every part
    before it has told its facts, the parts ``follow`` at their real plan; results in book order.
    Whether ``told`` was called with the book's facts (:func:`layout`).

    A part of ``todo`` laid out while a part before it is laid out too gets a meeting (``rendezvous``):
    it is answered, with the part's real plan, as soon as every part before it is laid out (each tells
    its facts before writing its PDFs: ``partwork.facts``); the part, laid out at its guessed plan,
    waits for the answer before writing its PDF.
    The tasks are submitted in book order and the pool runs them first in, first out, so a part waiting
    at its meeting waits only on parts submitted before it, running or done, never on one queued behind
    it; a failed part aborts the meetings still open."""
    plans = list(plans)  # the followers' plans are made again once the parts before them are laid out
    found = {k: partwork.cached(store, plans[k][1]) for k in todo}
    fresh = [k for k in todo if found[k] is None]
    meetings = {k: rendezvous.Meeting(manager.Queue(), rendezvous.TIMEOUT) for k in fresh
                if state.meets(k) and any(j < k for j in fresh)}
    order = sorted(todo + follow)
    early = {k: manager.Queue() for k in order  # facts before the PDFs: for the parts after, and ``told``
             if (k in follow or found[k] is None) and (k != order[-1] or told)}
    answered: dict[int, str] = {}
    try:
        futures = {k: pool.submit(partwork.lay_out, state.config, state.texts[k], replace(
            plans[k][0], meeting=meetings.get(k)), state.planned, early.get(k)) for k in fresh}
        for k in order:  # the facts, in book order: each part's plan is real once those before it told theirs
            if k in follow:
                plans[k] = _plans(state)[k]
                found[k] = partwork.cached(store, plans[k][1])
                if found[k] is None:
                    futures[k] = pool.submit(partwork.lay_out, state.config, state.texts[k], plans[k][0],
                                             state.planned, early.get(k))
            if k in meetings:
                answered[k] = _answer(state, k, plans[k][0], meetings[k])
                del meetings[k]  # answered (an error before this aborts it below)
            if found[k] is not None:
                state.results[k] = found[k]
            elif k in early:
                state.results[k] = partwork.facts(futures[k], early[k])
        telling = told is not None and len(state.results) == len(state.texts)
        if telling:
            told(_facts(state, _placed(state)))
        for k in order:
            name = plans[k][1]
            if found[k] is None:
                found[k] = futures[k].result()
                name = answered.get(k, name) if found[k].met else name  # laid out at its real plan: its signature
                partwork.keep(store, name, found[k])
                state.layouts[k] += 2 if found[k].met == rendezvous.AGAIN else 1
            state.results[k], state.signatures[k] = found[k], name
    finally:
        for meeting in meetings.values():
            meeting.answers.put(rendezvous.ABORT)
    return telling


def _answer(state: _Book, k: int, guessed: partview.Part, meeting: rendezvous.Meeting) -> str:
    """Tell part ``k`` its real plan and whether its guessed layout may stand (``rendezvous``); the real
    plan's signature."""
    real, name = _plans(state)[k]
    own = bool(state.counted[k] & state.ids[k])
    meeting.answers.put(rendezvous.Answer(real, rendezvous.shiftable(guessed, real, state.counted[k], own)))
    return name


def _plans(state: _Book) -> list[tuple[partview.Part, str]]:
    """Each part's ``Part`` from the other parts' last layouts, and its signature."""
    counts = state.counts()
    offsets = [sum(counts[:k]) for k in range(len(counts))]
    pages = [_pages(state, k, counts[k]) for k in range(len(counts))]
    book_lines = tuple(line for k in sorted(state.results)
                       for line in partwork.in_book(state.results[k], offsets[k], k).lines)
    every = tuple(p for group in pages for p in group)
    view = partview.View(None, partview.Elsewhere(every, (), book_lines))
    labels, where = folios.page_labels(view), pageranges.anchor_pages(view)
    main = folios.main_matter_start(view)
    printed = lines.print_lines(view, lines.Settings.from_config(state.config).restart)
    plans = []
    for k, text in enumerate(state.texts):
        own = range(offsets[k] + 1, offsets[k] + counts[k] + 1)
        elsewhere = partview.Elsewhere(every[:offsets[k]], every[offsets[k] + counts[k]:],
                                       tuple(line for line in book_lines if line.page not in own))
        others = xrefs.referenced(text) & state.elsewhere(k)
        refs = {i: labels[where[i] - 1] if i in where else "" for i in others}
        part = partview.Part(elsewhere, k == len(state.texts) - 1, state.ids[k], tuple(sorted(refs.items())),
                             offsets[k] - main + 1 if k and offsets[k] >= main else 0)
        plans.append((part, signature(state, k, part, where, labels, printed)))
    return plans


def _pages(state: _Book, k: int, count: int) -> tuple[partview.PageFacts, ...]:
    if k in state.results:
        return state.results[k].pages
    main = partview.PageFacts((), folios.MAIN) if parts.holds_main(state.texts[k]) else None
    return ((main,) if main else ()) + (partview.PageFacts(()),) * (count - bool(main))


def signature(state: _Book, k: int, part: partview.Part, where, labels, printed) -> str:
    """The hash of what part ``k`` is laid out from: its HTML, the edition's settings, its first page
    and folio, the book's gutter, and the pages and lines it prints of other parts."""
    counted = state.counted[k] - state.ids[k]
    pages = sorted((i, where[i], labels[where[i] - 1]) for i in counted if i in where)
    held = sorted((line.page, line.number, i) for line in printed for i in line.ids if i in counted)
    facts = (part.offset, part.first_folio, part.last, gutter(state.planned), pages, held)
    return cache.key(state.texts[k], _settings(state.config), repr(facts))


def _settings(config) -> bytes:
    """What the layout reads besides the HTML: edition.toml and the output profile."""
    data = config.path.read_bytes() if config.path.is_file() else b""
    profile = config.resolve(config.output.icc_profile) if config.output.icc_profile else None
    return data + (profile.read_bytes() if profile is not None and profile.is_file() else b"")


def _placed(state: _Book) -> list[partwork.PartResult]:
    """Every part's result with its pages numbered in the book."""
    counts = state.counts()
    return [partwork.in_book(state.results[k], sum(counts[:k]), k) for k in range(len(counts))]


def _facts(state: _Book, placed: list[partwork.PartResult]) -> layoutfacts.LayoutFacts:
    """The book's facts from its parts', with the blank pages that pad it."""
    total = sum(len(r.pages) for r in placed)
    extra = pdfmerge.padding(total, state.config.output.pad_to)
    pages = tuple(p for r in placed for p in r.pages) + (partview.PageFacts(()),) * extra
    starts = tuple(s for r in placed for s in r.starts) + tuple(pagemap.PageStart(total + n + 1) for n in range(extra))
    return layoutfacts.LayoutFacts(pages, tuple(line for r in placed for line in r.lines), starts)


def _merged(state: _Book, rounds: int) -> PartedLayout:
    placed = _placed(state)
    facts = _facts(state, placed)
    extra = facts.count - sum(len(r.pages) for r in placed)
    ranges = folios.label_ranges(facts.view())
    pdfs = tuple(pdfmerge.merge([r.pdfs[v] for r in placed], ranges, extra) for v in range(len(placed[0].pdfs)))
    refused = tuple({repr(f): f for r in placed for f in r.refused}.values())
    return PartedLayout(facts, pdfs, refused, tuple(state.layouts), rounds, tuple(len(r.pages) for r in placed),
                        tuple(r.passes for r in placed))


def pdf_bytes(document, config, variant: str, index: int) -> bytes:
    """The PDF of ``variant`` (the ``index``-th the edition asks for): written from a Document, or the
    merged parts'."""
    if isinstance(document, PartedLayout):
        return document.pdfs[index]
    from lectio.render import pdf

    return pdf.pdf_bytes(document, config, variant)
