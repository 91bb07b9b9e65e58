"""One citeproc run per build: every text's notes and the bibliography from one pandoc process,
each text formatted as if it had been formatted alone (first citations, short forms and
ibid. start afresh in each text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectio import citations, pandoc
from lectio.errors import Location
from lectio.model import Note, Text
from tests.citations.test_formatting import NOTES, ROOT, STYLES, bib  # noqa: F401 (the fixture)


def texts_of(count: int) -> list[Text]:
    out = []
    for number in range(count):
        text = Text(f"T{number}", Path("t.txt"), "t.txt")
        notes = NOTES[number % 3:] + NOTES[:number % 3]  # each text opens with another note
        text.notes = [Note(i, m, Location("t.txt", i)) for i, m in enumerate(notes, start=1)]
        out.append(text)
    return out


@pytest.fixture
def runs(monkeypatch):
    made, run = [], pandoc.run

    def counting(args, *rest, **options):
        made.append(args)
        return run(args, *rest, **options)

    monkeypatch.setattr(pandoc, "run", counting)
    return made


@pytest.mark.parametrize("style", STYLES)
def test_texts_formatted_together_read_as_each_formatted_alone(bib, style, runs):  # noqa: F811
    path = citations.style_path(style, ROOT)
    citations.format_notes(texts_of(1)[0], bib, path, 30)  # the style's ibid. probe, once
    alone = texts_of(3)
    for text in alone:
        citations.format_notes(text, bib, path, 30)
    together = texts_of(3)
    keys = ["viola", "dizzy", "reply", "cafe"]
    runs.clear()
    entries = citations.format_texts(together, bib, path, 30, keys)
    assert len(runs) == 1, "one pandoc run for three texts and the bibliography"
    assert [[n.html for n in t.notes] for t in together] == [[n.html for n in t.notes] for t in alone]
    assert entries == citations.bibliography_entries(keys, bib, path, 30)
    # texts 0 and 1 open with the same citation: in each it is a first, full citation (in one
    # document the second would have been a short form), longer than the repeat that follows it
    assert together[0].notes[0].html == together[1].notes[0].html
    assert len(together[0].notes[0].html) > len(together[0].notes[1].html)


def test_a_build_formats_with_one_citeproc_run(runs, tmp_path):
    from lectio import pipeline
    from lectio.citations import citeprocfix

    citeprocfix.ibid_term.cache_clear()
    checked = pipeline.check(ROOT)
    notes = [n.html for r in checked.book.readings for n in r.text.notes]
    citeproc = [args for args in runs if "--lua-filter" in args or "--citeproc" in args]
    assert len(citeproc) == 2, "the style's ibid. probe, and one run for every text and the bibliography"
    assert all(notes) and checked.book.bibliography_html


def test_when_pandoc_fails_on_one_text_the_error_names_that_text(bib, monkeypatch):  # noqa: F811
    from lectio.errors import RenderError

    texts = texts_of(3)
    for number, text in enumerate(texts):
        text.display_path = f"texts/reading-{number}.txt"
    run = pandoc.run

    def failing(args, markdown, **options):
        if "x[^t1-" in markdown:  # the second text's notes, alone or among the others
            raise RenderError(f"{options.get('what')}: pandoc failed: cannot parse", code="pandoc.failed")
        return run(args, markdown, **options)

    monkeypatch.setattr(pandoc, "run", failing)
    with pytest.raises(RenderError) as raised:
        citations.format_texts(texts, bib, citations.style_path(STYLES[0], ROOT), 30, ["viola"])
    assert raised.value.message == "texts/reading-1.txt: pandoc failed: cannot parse"
