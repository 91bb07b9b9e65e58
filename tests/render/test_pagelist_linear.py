"""The page-list's look-ups (the text node at an offset, the element of an id) are made from
tables built once per document; they give what a walk of the whole document gave."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from lectio.render.epub_xhtml import parse
from lectio.render.pagelist import FileText

WORDS = st.text("ab \u00ad-", min_size=0, max_size=12)


def document(paragraphs: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f'<div id="d{n}"><p id="p{n}">{a}<em>{b}</em>{c}</p></div>'
                   for n, (a, b, c) in enumerate(paragraphs))
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
            b'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head><body><section id="s">'
            + body.encode() + b"</section></body></html>")


def walked_point(text: FileText, offset: int) -> tuple:
    for segment in text.segments:
        if segment.start <= offset < segment.start + len(segment.text):
            return segment.owner, segment.tail, offset - segment.start
    last = text.segments[-1]
    return last.owner, last.tail, len(last.text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(WORDS, WORDS, WORDS), min_size=1, max_size=30).filter(
    lambda ps: any("".join(p) for p in ps)))
def test_points_and_elements_from_tables_equal_a_walk_of_the_document(paragraphs):
    text = FileText("ch.xhtml", parse(document(paragraphs)))
    for offset in range(len(text.flat) + 2):
        assert text.point_at(offset) == walked_point(text, offset)
    for identifier in text.ranges:
        assert text.element(identifier) is next(e for e in text.root.iter() if e.get("id") == identifier)
