"""A build keeps each text's formatted notes (a citeproc job) in its cache: an edit that changed no note
runs no citeproc, one that changed a text's notes formats that text alone, and what comes back from
the cache is what pandoc gave."""

from __future__ import annotations

import pytest

from lectio import cache, citations
from lectio.model import Note
from tests.citations.test_citeproc_linear import runs, texts_of  # noqa: F401 (the fixture)
from tests.citations.test_formatting import ROOT, STYLES, bib  # noqa: F401 (the fixture)

KEYS = ["viola", "dizzy"]


def formatted(texts, bib, store):  # noqa: F811
    entries = citations.format_texts(texts, bib, citations.style_path(STYLES[0], ROOT), 30, KEYS, store)
    return [[n.html for n in t.notes] for t in texts], entries


def citeproc(runs) -> list:  # noqa: F811
    return [args for args in runs if "--lua-filter" in args]


@pytest.fixture
def store(tmp_path):
    return cache.Store(tmp_path / "build", "citeproc")


def test_the_same_notes_again_run_no_citeproc_and_read_the_same(bib, store, runs):  # noqa: F811
    first = formatted(texts_of(3), bib, store)
    assert len(citeproc(runs)) == 1
    runs.clear()
    assert formatted(texts_of(3), bib, store) == first
    assert citeproc(runs) == []
    assert formatted(texts_of(3), bib, None) == first  # as pandoc gives it


def test_a_changed_note_formats_its_text_alone(bib, store, runs, monkeypatch):  # noqa: F811
    formatted(texts_of(3), bib, store)
    changed = texts_of(3)
    changed[1].notes[0] = Note(1, "[@dizzy, 12].", changed[1].notes[0].location)
    documents = []
    from lectio import pandoc

    run = pandoc.run
    monkeypatch.setattr(pandoc, "run", lambda args, text="", **o: documents.append(text) or run(args, text, **o))
    notes, _ = formatted(changed, bib, store)
    assert len(documents) == 1 and documents[0].count("::: {.lectio-job") == 1 and "x[^t1-" in documents[0]
    assert notes == formatted([*texts_of(3)[:1], changed[1], *texts_of(3)[2:]], bib, None)[0]


def test_forced_builds_format_again(bib, store, runs):  # noqa: F811
    formatted(texts_of(2), bib, store)
    runs.clear()
    with cache.forcing():
        formatted(texts_of(2), bib, store)
    assert len(citeproc(runs)) == 1
