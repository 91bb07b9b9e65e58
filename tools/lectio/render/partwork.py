"""One part of the book laid out and written, in a process of its own (``render.parallel``).

:func:`lay_out` is what a worker process runs: ``pdf.layout`` of the part's HTML with its
:class:`~lectio.render.partview.Part`, then its PDF in every variant the edition asks for
(``pdf.pdf_bytes``: tags, page labels, output intents), and the facts the rest of the build needs
from its pages, as plain values (:class:`PartResult`) that cross the process boundary and go into
the cache (``cache.Store``, kind ``parts``) by the hash of what the part was laid out from.
"""

from __future__ import annotations

import pickle
import queue
from dataclasses import dataclass, replace

from lectio import cache
from lectio.render import laidout, pagemap, partview

KIND = "parts"  # the cache's folder for laid-out parts
POLL = 1.0  # seconds between looks at a worker that has not yet told its facts


@dataclass(frozen=True)
class PartResult:
    """A laid-out part: its pages as the others see them, its print lines and page starts (pages
    numbered in the part, 1 to n), its PDF per variant, what the layout refused and its passes."""

    pages: tuple[partview.PageFacts, ...]
    lines: tuple[laidout.FlowLine, ...]
    starts: tuple[pagemap.PageStart, ...]
    pdfs: tuple[bytes, ...]
    refused: tuple = ()
    passes: int = 1
    stable: bool = True
    met: str = ""  # laid out at a guessed first page, then told the real one: how (``rendezvous``)


def lay_out(config, text: str, part: partview.Part, planned: int, early=None) -> PartResult:
    """Lay out one part, its gutter chosen for the book's ``planned`` pages, and write its PDFs (in a
    worker process: every argument is pickled). ``early``: a queue that gets the part's result without
    its PDFs as soon as it is laid out (the parts after it learn their first page from it, :func:`facts`)."""
    from lectio.render import pdf

    document = pdf.layout(text, config, planned=planned, part=part)
    starts = laidout.first_column(pagemap.page_starts(document), document)
    lines = tuple(replace(line, box=None) for line in laidout.flow_lines(document))  # boxes stay in the worker
    result = PartResult(partview.page_facts(document), lines, tuple(starts), (), tuple(document.lectio_refused),
                        document.lectio_passes, document.lectio_stable, document.lectio_met)
    if early is not None:
        early.put(result)
    variants = (config.output.pdf_variant, *config.output.extra_variants)
    return replace(result, pdfs=tuple(pdf.pdf_bytes(document, config, variant) for variant in variants))


def facts(future, early) -> PartResult:
    """A part's result without its PDFs, from its ``early`` queue as soon as its worker puts it there;
    the worker's error if it fails first."""
    while True:
        try:
            return early.get(timeout=POLL)
        except queue.Empty:
            if future.done():
                future.result()  # raises the worker's error; else the result was put before it returned
                return early.get(timeout=POLL)


def in_book(result: PartResult, offset: int, index: int) -> PartResult:
    """``result`` with its pages numbered in the book (after ``offset`` pages) and its lines' owners
    told apart from other parts' (``(index, owner)``)."""
    lines = tuple(replace(line, page=line.page + offset, owner=(index, line.owner)) for line in result.lines)
    starts = tuple(replace(start, page=start.page + offset) for start in result.starts)
    return replace(result, lines=lines, starts=starts)


def cached(store, name: str) -> PartResult | None:
    data = store.get(name) if store is not None else None
    try:
        return pickle.loads(data) if data else None
    except Exception:  # an unreadable entry is a miss
        return None


def keep(store, name: str, result: PartResult) -> None:
    if store is not None:
        store.put(name, pickle.dumps(result, protocol=5))


def known_counts(store, texts) -> dict[int, int]:
    """The page count each part had when last laid out: by its HTML, else (an edited part) the count
    of the part at its place in the last build; where the cache has one."""
    found = {k: store.get(cache.key("pages", text)) or store.get(_place(k, texts)) for k, text in enumerate(texts)}
    return {k: int(data) for k, data in found.items() if data and data.isdigit()}


def keep_counts(store, texts, counts) -> None:
    for k, (text, count) in enumerate(zip(texts, counts)):
        store.put(cache.key("pages", text), str(count).encode())
        store.put(_place(k, texts), str(count).encode())


def _place(k: int, texts) -> str:
    return cache.key("pages-at", str(k), str(len(texts)))


def store_for(config):
    return cache.Store(config.output_dir, KIND)
