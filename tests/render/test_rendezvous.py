"""A part laid out at a guessed first page learns its real one during its layout (render/rendezvous.py,
render/folioshift.py): the answers, the abort and the timeout, without a layout."""

from __future__ import annotations

import multiprocessing
import queue
import time

import pytest

from lectio.render import partview, rendezvous


def _part(first_folio: int, resolved=(), meeting=None) -> partview.Part:
    return partview.Part(partview.Elsewhere(), False, frozenset({"own"}), tuple(resolved), first_folio, meeting)


def _met(answer, timeout: float = 5.0) -> rendezvous.Met:
    answers: queue.Queue = queue.Queue()
    if answer is not None or timeout >= 1:
        answers.put(answer)
    return rendezvous.Met(_part(9, meeting=rendezvous.Meeting(answers, timeout)))


def test_the_real_part_gives_the_folio_shift_and_stands_for_the_guessed_one():
    real = _part(14)
    met = _met(real)
    assert met() == 5
    assert met.part is real and met.met


def test_keep_lays_the_part_out_as_guessed():
    met = _met(rendezvous.KEEP)
    guessed = met.part
    assert met() == 0
    assert met.part is guessed and not met.met


def test_abort_stops_the_layout():
    with pytest.raises(rendezvous.Aborted):
        _met(rendezvous.ABORT)()


def test_no_answer_in_time_goes_on_as_guessed():
    met = _met(None, timeout=0.2)
    started = time.monotonic()
    assert met() == 0 and not met.met
    assert time.monotonic() - started < 5


def test_a_managers_queue_reaches_another_process():
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        meeting = rendezvous.Meeting(manager.Queue(), 30)
        with context.Pool(1) as pool:
            waiting = pool.apply_async(rendezvous.Met(_part(3, meeting=meeting)))
            meeting.answers.put(_part(7))
            assert waiting.get(timeout=60) == 4


def test_the_answer_is_the_real_part_only_when_nothing_printed_but_the_folio_differs():
    guessed = _part(9, [("a", ""), ("b", "")])
    real = _part(14, [("a", "12"), ("b", "")])
    assert rendezvous.answer(guessed, real, frozenset({"b"}), own_pages=False) is real  # "a": a bare link
    assert rendezvous.answer(guessed, real, frozenset({"a"}), own_pages=False) is rendezvous.KEEP
    assert rendezvous.answer(guessed, _part(14), frozenset({"own"}), own_pages=True) is rendezvous.KEEP
    assert rendezvous.answer(_part(0), _part(0), frozenset({"own"}), own_pages=True) is not rendezvous.KEEP
    assert rendezvous.answer(_part(0), _part(3), frozenset(), own_pages=False) is rendezvous.KEEP


FOLIOS = """@page { size: 300px 300px; margin: 40px; @top-center { content: counter(page); } }
@page :first { counter-reset: page 5; }
@page restart { }
@page :nth(1 of restart) { counter-reset: page 1; }
.restart { page: restart; }
p { break-before: page; }"""


def _folios(meet) -> list[str]:
    from lectio.render import folioshift, pdf

    module = pdf.weasyprint()
    html = '<p>a</p><p>b</p><div class="restart"><p>c</p><p>d</p></div>'
    with folioshift.meeting(meet):
        document = module.HTML(string=html).render(stylesheets=[module.CSS(string=FOLIOS)])
    return ["".join(box.text for margin in page._page_box.children[1:] for box in margin.descendants()
                    if type(box).__name__ == "TextBox") for page in document.pages]


def test_the_folios_are_shifted_up_to_the_first_page_that_resets_the_counter():
    asked = []
    assert _folios(lambda: asked.append(1) or 3) == ["8", "9", "1", "2"]
    assert asked == [1]  # once, before the first margin box
    assert _folios(None) == ["5", "6", "1", "2"]
