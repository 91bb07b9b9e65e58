"""Fidelity: every word, note, citation and apparatus passage of each reading is in the outputs.

A book can pass EPUBCheck and the preflight and still have lost words; this check compares
the document model (what the editor's sources say, after normalization and the editor's
decisions) with the text a reader gets from the PDF and the EPUB (``extract.py``), word by
word on a folded form (``words.py``), as an in-order subsequence (``align.py``):

- the words of the reading's blocks, in order, in the output's running text;
- every note's text, among the notes (the EPUB's notes; the PDF's page text);
- every cited key's bibliography entry, in the bibliography;
- every apparatus passage's words, in its reading.

Any loss is an error naming the source file and line where the first lost run starts, the
words lost and what the output has in their place. ``check`` is the entry function.

Each reading is looked for in its own chapter of each output (``chapters.py``: in the PDF, the
pages from its first to the next chapter's first; in the EPUB, its content document), not in the
whole book. A long book repeats itself: the same sentence stands at the end of one reading and
in the next one, and "Readings compared" quotes the readings again; against the whole book, a
run of words that is unique there only because its true place is broken (a word hyphenated at
a line's end) anchors the alignment in the wrong chapter, and the words after it are reported
lost though they are printed where they belong. Within the chapter, the reading's own words
are the only ones in its order. A page may also hold the start of the next chapter: when words
are lost in the reading's pages, its region is tried again with the next chapter's first page.
Only when an output does not show where the reading's chapter is (no named destination, no
element with its id: an output not written by lectio) is the reading looked for in the whole
output, as before. The notes are looked for after the reading's first word (``_notes_start``),
the bibliography in the whole output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lectio.errors import ERROR, Finding, Location
from lectio.fsutil import display_path
from lectio.model import Book
from lectio.verify import extract
from lectio.verify.align import LOST, align, locate, lost_runs
from lectio.verify.expected import Expected, bibliography, expected

FIX = ("find what drops or hides this text in that output: a stylesheet rule (display: none), "
       "a change in pandoc or WeasyPrint, a bug in a writer; then rebuild")


@dataclass(frozen=True)
class ReadingFidelity:
    """One reading's figures; ``*_found`` count what every output checked has (words: per output)."""

    siglum: str
    words: int
    words_found: tuple[tuple[str, int], ...]  # (output, words found), e.g. ("PDF", 681)
    notes: int
    notes_found: int
    citations: int
    citations_found: int
    passages: int
    passages_found: int

    def line(self) -> str:
        return line(self.siglum, self.to_dict())

    def to_dict(self) -> dict:
        return {"words": {"total": self.words, **{name.lower(): n for name, n in self.words_found}},
                "notes": {"total": self.notes, "matched": self.notes_found},
                "citations": {"total": self.citations, "matched": self.citations_found},
                "apparatus": {"total": self.passages, "matched": self.passages_found}}


def line(siglum: str, figures: dict) -> str:
    """``fidelity M: 681/681 words in PDF, 681/681 in EPUB; notes 5/5; citations 12/12; apparatus 9/9``."""
    words = figures["words"]
    found = ", ".join(f"{n}/{words['total']} {'words in ' if i == 0 else 'in '}{name.upper()}"
                      for i, (name, n) in enumerate((k, v) for k, v in words.items() if k != "total"))
    rest = "; ".join(f"{part} {figures[part]['matched']}/{figures[part]['total']}"
                     for part in ("notes", "citations", "apparatus"))
    return f"fidelity {siglum}: {found}; {rest}"


def report_lines(report: dict) -> list[str]:
    return [line(siglum, figures) for siglum, figures in report.items()]


@dataclass(frozen=True)
class Fidelity:
    readings: tuple[ReadingFidelity, ...]
    findings: tuple[Finding, ...]

    def lines(self) -> list[str]:
        return [reading.line() for reading in self.readings]

    def report(self) -> dict:
        return {reading.siglum: reading.to_dict() for reading in self.readings}


@dataclass(frozen=True)
class Output:
    """One output's text: its running text and where its notes are read."""

    name: str
    body: extract.Stream
    notes: extract.Stream


def verify(source, pdf: Path | None, epub: Path | None) -> tuple[list[Finding], dict]:
    """For ``lectio verify``: ``source`` is the Book, or the project (checked again to get it)."""
    from lectio import pipeline

    if not isinstance(source, Book):
        checked = pipeline.check(source)
        if checked.errors:
            return [Finding("verify.fidelity-unchecked", "the project has errors, so the outputs cannot be "
                            "compared with it", Location(display_path(checked.book.config.path)), ERROR,
                            fix="run lectio check and fix what it reports, then lectio build")], {}
        source = checked.book
    result = check(source, pdf, epub)
    return list(result.findings), result.report()


def check(book: Book, pdf: Path | None = None, epub: Path | None = None) -> Fidelity:
    """Compare the book with the PDF and the EPUB given (either may be None: not checked)."""
    outputs, findings = [], []
    anchors = tuple(reading.anchor for reading in book.readings)
    for name, path, read in (("PDF", pdf, lambda p: (extract.pdf_stream(p, anchors),) * 2),
                             ("EPUB", epub, lambda p: extract.epub_streams(p, anchors))):
        if path is None:
            continue
        try:
            outputs.append(Output(name, *read(path)))
        except Exception as error:  # noqa: BLE001 - any unreadable file is a finding, whatever the reader raises
            findings.append(Finding("verify.fidelity-unreadable", f"the {name}'s text cannot be read ({error!r}), "
                                    "so it was not compared with the sources", Location(display_path(path)), ERROR,
                                    fix="rebuild; the other checks above say what is wrong with the file"))
    return compare(book, outputs, findings)


def compare(book: Book, outputs: list[Output], findings: list[Finding] | None = None) -> Fidelity:
    """Compare the book with the outputs' text; ``findings``: those found before (an output unreadable)."""
    findings = list(findings or [])
    entries = bibliography(book)
    in_bibliography = {o.name: [place != LOST for place in locate(entries.parts(), o.body.found.words)]
                       for o in outputs}
    results = []
    for reading in expected(book):
        result, found = _compare(reading, outputs, book.bibliography_keys, in_bibliography)
        results.append(result)
        findings += found
    return Fidelity(tuple(results), tuple(findings))


def _compare(reading: Expected, outputs: list[Output], keys: list[str], in_bibliography: dict):
    words_found, notes_ok, cites_ok, passages_ok, findings = [], None, None, None, []
    for output in outputs:
        body, within = _body(reading, output)
        notes = _notes(reading, output, body, within)
        cites = [key in keys and in_bibliography[output.name][keys.index(key)] for key, _ in reading.cited]
        passages = [all(body[w] != LOST for w in span) for _, span in reading.passages]
        words_found.append((output.name, sum(m != LOST for m in body)))
        findings += _body_loss(reading, output, body)
        findings += _note_loss(reading, output, notes)
        findings += _citation_loss(reading, output, cites, keys)
        findings += _passage_loss(reading, output, passages)
        notes_ok = _both(notes_ok, notes)
        cites_ok = _both(cites_ok, cites)
        passages_ok = _both(passages_ok, passages)
    result = ReadingFidelity(reading.siglum, len(reading.body.found), tuple(words_found),
                             len(reading.notes.part_starts), sum(notes_ok or []),
                             len(reading.cited), sum(cites_ok or []),
                             len(reading.passages), sum(passages_ok or []))
    return result, findings


def _body(reading: Expected, output: Output) -> tuple[list[int], tuple[int, int] | None]:
    """The reading's words matched in its own chapter (the narrowest region that loses nothing, else
    the one that loses least), and that region; in the whole output (None) only when the chapter is
    not found."""
    best: tuple[list[int], tuple[int, int] | None] | None = None
    for within in output.body.regions(reading.reading.anchor) or [None]:  # None: the whole output
        match = align(reading.body.found.words, output.body.found.words, within)
        if best is None or match.count(LOST) < best[0].count(LOST):
            best = match, within
        if LOST not in best[0]:
            break
    return best or ([], None)


def _notes(reading: Expected, output: Output, body: list[int], within: tuple[int, int] | None) -> list[bool]:
    """Each note found whole after the reading's first word, up to the end of its chapter's last page
    or document (where its notes are printed); any not found there is looked for to the end."""
    parts, notes = reading.note_parts(), output.notes
    start = _notes_start(output, body)
    end = notes.end_of(output.body.place(within[1] - 1)) if within and within[1] > within[0] else len(notes.found)
    found = [place != LOST for place in locate(parts, notes.found.words, start, end)]
    if not all(found) and end < len(notes.found):
        found = [place != LOST for place in locate(parts, notes.found.words, start)]
    return found


def _notes_start(output: Output, body: list[int]) -> int:
    """A reading's notes come after its first words: from the page or document where they stand."""
    first = next((place for place in body if place != LOST), None)
    return 0 if first is None else output.notes.first_word_of(output.body.place(first))


def _both(so_far: list[bool] | None, found: list[bool]) -> list[bool]:
    return list(found) if so_far is None else [a and b for a, b in zip(so_far, found)]


def _body_loss(reading: Expected, output: Output, match: list[int]) -> list[Finding]:
    runs = lost_runs(match)
    if not runs:
        return []
    start, end = runs[0]
    lost = sum(e - s for s, e in runs)
    place = match[start - 1] + 1 if start > 0 else (match[end] if end < len(match) else 0)
    stream = output.body
    has = stream.excerpt(place)
    return [Finding("verify.fidelity-lost",
                    f"{lost} of {len(match)} words of {reading.siglum} are not in the {output.name}; the first "
                    f"lost run, {end - start} words, starts here: “{reading.body.excerpt(start)}”; "
                    f"the {output.name} has there ({stream.place(place)}): “{has}”",
                    reading.body_location(start), ERROR, fix=FIX)]


def _note_loss(reading: Expected, output: Output, found: list[bool]) -> list[Finding]:
    missing = [n for n, ok in enumerate(found) if not ok]
    if not missing:
        return []
    first = missing[0]
    note = reading.reading.text.notes[first]
    words = reading.notes.words_of(first)
    return [Finding("verify.fidelity-note",
                    f"{len(missing)} of {len(found)} notes of {reading.siglum} are not whole in the {output.name}; "
                    f"the first is note {note.number}: “{reading.notes.excerpt(words.start) if words else ''}”",
                    reading.note_location(words.start) if words else note.location, ERROR, fix=FIX)]


def _citation_loss(reading: Expected, output: Output, found: list[bool], keys: list[str]) -> list[Finding]:
    findings = []
    for (key, where), ok in zip(reading.cited, found):
        if not ok:
            why = "is not in its bibliography" if key in keys else "has no entry in the bibliography lectio formatted"
            findings.append(Finding("verify.fidelity-citation", f"{key}, cited in {reading.siglum}, {why} "
                                    f"({output.name})", where, ERROR, fix=FIX))
    return findings[:1]


def _passage_loss(reading: Expected, output: Output, found: list[bool]) -> list[Finding]:
    for (entry, span), ok in zip(reading.passages, found):
        if not ok:
            return [Finding("verify.fidelity-passage", f"the passage of apparatus entry {entry} in "
                            f"{reading.siglum} is not whole in the {output.name}: “{reading.body.excerpt(span.start)}”",
                            reading.body_location(span.start) if span else Location(reading.reading.text.display_path),
                            ERROR, fix=FIX)]
    return []
