"""Any paragraph or verse with any spans (overlapping emphasis, signs, passages, lemmata, additions) and notes
gives well-formed TEI that tei_all accepts, with the paragraph's text kept character for character."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from lectio.model import PARA, VERSE, Note, NoteRef, Span, Variant, Witness, WitnessReading
from lectio.errors import Location
from lectio.render.tei import write_tei
from lectio.render.teixml import xml_text
from lectio.verify import tei as tei_check
from tests.render.teibooks import NS, block, book_with

KINDS = ("emph", "strong", "supplied", "deleted", "corrupt", "anchor", "link", "lemma", "smallcaps", "code")
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@st.composite
def paragraphs(draw):
    text = draw(TEXT)
    spans = []
    for index in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        kind = draw(st.sampled_from(KINDS))
        target = {"anchor": f"e{index % 2}", "link": "https://example.org/a?b=1&c=2", "lemma": f"v{index}"}.get(kind, "")
        spans.append(Span(start, end, kind, target))
    notes = [NoteRef(draw(st.integers(0, len(text))), Note(n, "x", Location("n.toml", n), html=draw(TEXT)))
             for n in range(1, draw(st.integers(0, 2)) + 1)]
    return draw(st.sampled_from((PARA, VERSE))), text, spans, notes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs())
def test_any_paragraph_is_valid_tei_with_its_text_kept(tmp_path, drawn):
    kind, text, spans, notes = drawn
    variants = [Variant(s.target, "A", text[s.start:s.end], ("A",), (WitnessReading("other", ("B",)),))
                for s in spans if s.kind == "lemma"]
    witnesses = [Witness("A", "A", "the base", "a.txt", base=True), Witness("B", "A", "a copy", "b.txt")]
    book = book_with(tmp_path / "fuzz", [block(kind, text, 1, spans, notes)], [r.note for r in notes],
                     witnesses=witnesses, variants=variants)
    document = etree.fromstring(write_tei(book))
    paragraph = document.xpath("//*[@n='A 1']", namespaces=NS)[0]
    assert tei_check.own_text(paragraph) == xml_text(text)
    assert tei_check.pointer_findings(document.getroottree(), "x") == []
    assert tei_check.paragraph_findings(document.getroottree(), book, "x") == []
    schema = tei_check.tei_all()
    assert schema.validate(document.getroottree()), [e.message for e in schema.error_log][:3]
