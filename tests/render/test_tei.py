"""The TEI export of the document model (render/tei.py): the seed's structure, hand-made
witnesses, variants and editorial signs, verse, hostile text, determinism; every document
validated against TEI P5 tei_all (lectio/data/tei)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from lxml import etree

from lectio import __version__, pipeline
from lectio.render.tei import write_tei
from lectio.verify import tei as tei_check
from tests.conftest import TINY_BIB, TINY_EDITION, copy_project
from tests.sources.test_pandoc_reader import MARKDOWN
from tests.render.teibooks import HOSTILE, NS, XML_ID, collated_book, hostile_book, verse_book


def parse(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False))


def assert_valid(document) -> None:
    schema = tei_check.tei_all()
    assert schema.validate(document.getroottree()), [e.message for e in schema.error_log][:5]


def text_of(node) -> str:
    return "".join(node.itertext())


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory):
    return pipeline.check(copy_project(tmp_path_factory.mktemp("tei-seed"))).book


@pytest.fixture(scope="module")
def seed_tei(seed_book):
    return parse(write_tei(seed_book))


def test_the_seed_is_valid_tei_all(seed_tei):
    assert_valid(seed_tei)
    assert tei_check.pointer_findings(seed_tei.getroottree(), "seed.tei.xml") == []


def test_every_paragraph_of_the_seed_is_numbered_as_in_the_book(seed_book, seed_tei):
    expected = [f"{r.siglum} {b.number}" for r in seed_book.readings for b in r.text.paragraphs()]
    found = seed_tei.xpath("//t:body//*[self::t:p or self::t:lg][@n]/@n", namespaces=NS)
    assert found == expected and len(expected) == 39
    for reading in seed_book.readings:
        for paragraph in reading.text.paragraphs():
            node = seed_tei.xpath(f"//*[@xml:id='{reading.siglum}-{paragraph.number}']")[0]
            assert tei_check.own_text(node) == paragraph.text  # every character, the notes apart
            assert node.xpath("ancestor::t:div[@type='reading']/@n", namespaces=NS) == [reading.siglum]


def test_every_note_is_at_its_call_with_its_text(seed_book, seed_tei):
    for reading in seed_book.readings:
        div = seed_tei.xpath(f"//t:div[@xml:id='{reading.anchor}']", namespaces=NS)[0]
        notes = div.xpath(".//t:note[@place='foot']", namespaces=NS)
        assert [n.get("n") for n in notes] == [str(n.number) for n in reading.text.notes]
        for node, note in zip(notes, reading.text.notes):
            plain = etree.fromstring(f"<x>{note.html}</x>", etree.HTMLParser()).xpath("string()")
            assert " ".join(text_of(node).split()) == " ".join(plain.split())


def test_commentary_notes_point_to_both_passages(seed_book, seed_tei):
    entries = seed_tei.xpath("//t:back/t:div[@type='commentary']/t:note[@type='commentary']", namespaces=NS)
    assert [e.get(XML_ID) for e in entries] == [entry.anchor for entry in seed_book.apparatus]
    for node, entry in zip(entries, seed_book.apparatus):
        starts, ends = node.get("target").split(), node.get("targetEnd").split()
        assert len(starts) == len(ends) == len(entry.passages) >= 2
        for start, end, passage in zip(starts, ends, entry.passages):
            first, last = (seed_tei.xpath(f"//t:anchor[@xml:id='{p[1:]}']", namespaces=NS)[0] for p in (start, end))
            assert first.xpath("count(preceding::*)") < last.xpath("count(preceding::*)")
            paragraph = first.xpath("ancestor::*[@n][1]/@n")[0]
            assert paragraph == passage.reference
        assert node.xpath("t:label", namespaces=NS)[0].text == entry.theme


def test_the_bibliography_is_a_list_of_bibl_keyed_by_citation_key(seed_book, seed_tei):
    entries = seed_tei.xpath("//t:back//t:listBibl/t:bibl", namespaces=NS)
    assert len(entries) == len(seed_book.bibliography_html) == 15
    assert [e.get(XML_ID) for e in entries] == seed_book.bibliography_keys
    cited = set(seed_tei.xpath("//t:ref[@type='citation']/@target", namespaces=NS))
    assert cited and all(key[1:] in seed_book.bibliography_keys for target in cited for key in target.split())


def test_the_header_comes_from_edition_toml(seed_book, seed_tei):
    edition = seed_book.config.edition
    header = seed_tei.find("t:teiHeader", NS)
    assert header.findtext(".//t:title[@type='main']", namespaces=NS) == edition.title
    assert [e.text for e in header.iterfind(".//t:titleStmt/t:editor", NS)] == list(edition.editors)
    assert header.findtext(".//t:publicationStmt/t:idno", namespaces=NS) == edition.identifier
    assert header.find(".//t:publicationStmt/t:date", NS).get("when") == edition.date
    assert text_of(header.find(".//t:availability", NS)) == edition.rights
    sources = [e.text for e in header.iterfind(".//t:sourceDesc//t:idno[@type='file']", NS)]
    assert sources == [r.source for r in seed_book.config.readings]
    assert header.find(".//t:listWit", NS) is None  # the seed's readings declare no witnesses
    assert header.find(".//t:appInfo/t:application", NS).attrib == {"ident": "lectio", "version": __version__}


def test_the_output_is_the_same_bytes_every_time(seed_book, tmp_path):
    again = pipeline.check(copy_project(tmp_path)).book
    assert write_tei(seed_book) == write_tei(seed_book) == write_tei(again)


def test_variants_are_app_lem_rdg_with_the_witnesses_listed(tmp_path):
    book = collated_book(tmp_path)
    document = parse(write_tei(book))
    assert_valid(document)
    assert tei_check.paragraph_findings(document.getroottree(), book, "x.tei.xml") == []
    witnesses = document.xpath("//t:sourceDesc/t:listWit/t:witness", namespaces=NS)
    assert [(w.get(XML_ID), w.findtext("t:title", namespaces=NS)) for w in witnesses] == [
        ("A1", "First edition, 1850"), ("B", "Second edition, 1852"), ("C", "Manuscript copy")]
    assert [w.findtext("t:label", namespaces=NS) for w in witnesses] == ["base text", None, None]
    apps = document.xpath("//t:p[@n='A 1']//t:app", namespaces=NS)
    assert [a.get(XML_ID) for a in apps] == ["var-A-v1", "var-A-v2", "var-A-v3"]
    substitution, omission, addition = ([(x.get("wit"), text_of(x)) for x in a if etree.QName(x).localname != "note"]
                                        for a in apps)
    assert substitution == [("#A1 #C", "house"), ("#B", "home")]
    assert omission == [("#A1 #B", "on the hill"), ("#C", "")]
    assert addition == [("#A1 #B", ""), ("#C", " at dawn")]
    assert apps[1].findtext("t:note", namespaces=NS) == "C omits."


def test_editorial_signs_are_supplied_surplus_and_sic(tmp_path):
    document = parse(write_tei(collated_book(tmp_path)))
    paragraph = document.xpath("//t:p[@n='A 1']", namespaces=NS)[0]
    assert [text_of(e) for e in paragraph.iterfind(".//t:supplied", NS)] == ["stood"]
    assert [text_of(e) for e in paragraph.iterfind(".//t:surplus", NS)] == ["by"]
    assert [text_of(e) for e in paragraph.iterfind(".//t:sic", NS)] == ["the river"]
    assert tei_check.own_text(paragraph) == "The house stood on the hill by the river."
    conventions = document.xpath("//t:editorialDecl/t:correction/t:p/t:gi/text()", namespaces=NS)
    assert conventions == ["supplied", "surplus", "sic"]


def test_verse_is_lg_with_a_line_each_and_spans_across_lines(tmp_path):
    document = parse(write_tei(verse_book(tmp_path)))
    assert_valid(document)
    group = document.xpath("//t:lg[@n='A 1']", namespaces=NS)[0]
    lines = group.findall("t:l", NS)
    assert [text_of(l) for l in lines] == ["Shall I compare thee", "to a summer day?A note.", "Thou art more lovely"]
    assert [text_of(h) for h in group.iterfind(".//t:hi[@rend='italic']", NS)] == [
        "thee", "to a", "note"]
    assert lines[1].find("t:note", NS).get("place") == "foot"


def test_hostile_text_is_escaped_and_unsafe_links_are_not_kept(tmp_path):
    data = write_tei(hostile_book(tmp_path))
    document = parse(data)
    assert_valid(document)
    paragraph = document.xpath("//t:p[@n='A 1']", namespaces=NS)[0]
    words = "".join(paragraph.xpath("text()|*[not(self::t:note)]//text()", namespaces=NS))
    assert words == HOSTILE.replace("\x0b", "")  # XML cannot hold a vertical tab: only it is dropped
    assert not document.xpath("//*[local-name()='script' or local-name()='b']")
    assert [r.get("target") for r in document.iter("{*}ref")] == ["https://e.org/?a=1&b=<2>"]
    assert document.xpath("//t:back//t:listBibl/t:bibl/@xml:id", namespaces=NS) == ["key_with_odd_chars"]
    assert b"javascript" not in data and b"alert(1)" not in data
    assert document.findtext(".//t:div[@type='reading']/t:head", namespaces=NS) == 'A "title" & <more>'
    assert text_of(document.xpath("//t:back//t:listBibl/t:bibl", namespaces=NS)[0]) == html.unescape("Book &lt;one&gt; &amp; two")


def test_every_markdown_construct_is_valid_tei(tmp_path):
    (tmp_path / "edition.toml").write_text(TINY_EDITION.split("[[readings]]")[0] + '[[readings]]\nsiglum = "A"\n'
                                           'title = "Markdown reading"\nsource = "a.md"\n\n[bibliography]\n'
                                           'files = ["t.bib"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "t.bib").write_text(TINY_BIB, encoding="utf-8")
    book = pipeline.check(tmp_path).book
    document = parse(write_tei(book))
    assert_valid(document)
    assert tei_check.paragraph_findings(document.getroottree(), book, "a.tei.xml") == []
    reading = document.xpath("//t:div[@type='reading']", namespaces=NS)[0]
    found = {etree.QName(e).localname: e for e in reading.iter(etree.Element)}
    assert {"list", "item", "quote", "table", "row", "cell", "eg", "milestone", "lg", "l", "label", "ref", "note",
            "hi"} <= set(found)
    assert [text_of(l) for l in reading.iterfind(".//t:lg/t:l", NS)] == ["Verse line one", "verse line two"]
    assert [l.get("rend") for l in reading.iterfind(".//t:list", NS)] == ["bulleted", "numbered", None]
    assert reading.find(".//t:list[@type='gloss']/t:label", NS).text == "Term word"
    assert [text_of(c) for c in reading.iterfind(".//t:cell[@role='label']", NS)] == ["Name", "Year"]
    assert reading.find(".//t:quote//t:quote", NS) is not None  # quoted twice: nested
    assert reading.findtext(".//t:eg", namespaces=NS) == "verbatim 'code' **kept**"
    assert {h.get("rend") for h in reading.iterfind(".//t:hi", NS)} >= {"bold", "italic", "code", "subscript",
                                                                         "superscript", "small-caps", "strikethrough"}
