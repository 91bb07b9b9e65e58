"""A part laid out at a guessed first page learns its real one before writing its PDF
(render/rendezvous.py) and has its folios drawn again (render/folioshift.py)."""

from __future__ import annotations

import multiprocessing
import queue
import time

import pytest

from lectio.render import partview, rendezvous


def _part(first_folio: int, resolved=(), meeting=None) -> partview.Part:
    return partview.Part(partview.Elsewhere(), False, frozenset({"own"}), tuple(resolved), first_folio, meeting)


def _meeting(*answers, timeout: float = 5.0) -> rendezvous.Meeting:
    found: queue.Queue = queue.Queue()
    for answer in answers:
        found.put(answer)
    return rendezvous.Meeting(found, timeout)


def test_the_answer_gives_the_real_part_and_the_folio_shift():
    answer = rendezvous.wait(_meeting(rendezvous.Answer(_part(14), True)))
    assert answer.part.first_folio == 14 and answer.shiftable
    assert answer.shift(_part(9)) == 5


def test_abort_stops_the_layout():
    with pytest.raises(rendezvous.Aborted):
        rendezvous.wait(_meeting(rendezvous.ABORT))


def test_no_answer_in_time_keeps_the_guessed_layout():
    started = time.monotonic()
    assert rendezvous.wait(_meeting(timeout=0.2)) is None
    assert time.monotonic() - started < 5


def test_a_managers_queue_reaches_another_process():
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        meeting = rendezvous.Meeting(manager.Queue(), 30)
        with context.Pool(1) as pool:
            waiting = pool.apply_async(rendezvous.wait, (meeting,))
            meeting.answers.put(rendezvous.Answer(_part(7), True))
            assert waiting.get(timeout=60).shift(_part(3)) == 4


def test_the_guessed_layout_stands_only_when_nothing_printed_but_the_folio_differs():
    guessed = _part(9, [("a", ""), ("b", "")])
    real = _part(14, [("a", "12"), ("b", "")])
    assert rendezvous.shiftable(guessed, real, frozenset({"b"}), own_pages=False)  # "a": a bare link
    assert not rendezvous.shiftable(guessed, real, frozenset({"a"}), own_pages=False)
    assert not rendezvous.shiftable(guessed, _part(14), frozenset({"own"}), own_pages=True)
    assert rendezvous.shiftable(_part(0), _part(0), frozenset({"own"}), own_pages=True)
    assert not rendezvous.shiftable(_part(0), _part(3), frozenset(), own_pages=False)


FOLIOS = """@page { size: 300px 300px; margin: 40px; @top-center { content: counter(page); } }
@page :first { counter-reset: page 5; }
@page restart { }
@page :nth(1 of restart) { counter-reset: page 1; }
.restart { page: restart; }
p { break-before: page; }"""


def _folios(shift: int | None) -> list[str]:
    from lectio.render import folioshift, pdf

    module = pdf.weasyprint()
    html = '<p>a</p><p>b</p><div class="restart"><p>c</p><p>d</p></div>'
    with folioshift.recording(shift is not None):
        document = module.HTML(string=html).render(stylesheets=[module.CSS(string=FOLIOS)])
    if shift is not None:
        folioshift.redraw(document, shift)
    return ["".join(box.text for margin in page._page_box.children[1:] for box in margin.descendants()
                    if type(box).__name__ == "TextBox") for page in document.pages]


def test_the_folios_are_drawn_again_up_to_the_first_page_that_resets_the_counter():
    assert _folios(None) == ["5", "6", "1", "2"]
    assert _folios(3) == ["8", "9", "1", "2"]
    assert _folios(-4) == ["1", "2", "1", "2"]


def test_a_parts_facts_come_before_its_pdfs_or_its_error_instead(monkeypatch):
    from concurrent.futures import Future

    from lectio.errors import RenderError
    from lectio.render import partwork

    monkeypatch.setattr(partwork, "POLL", 0.05)
    told = partwork.PartResult((), (), (), ())
    running: Future = Future()
    assert partwork.facts(running, _meeting(told).answers) is told and not running.done()
    failed: Future = Future()
    failed.set_exception(RenderError("the part failed"))
    with pytest.raises(RenderError, match="the part failed"):
        partwork.facts(failed, _meeting().answers)
