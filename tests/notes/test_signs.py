"""Editorial signs from the notes file: ``[[emendation]]`` with ``sign`` = supplied, deleted, corrupt;
the spans they make, the findings when a sign does not fit its change, and how both writers print them."""

from pathlib import Path

import pytest

from lectio import notes, sources
from lectio.errors import ERROR
from lectio.model import Block, PARA, Span
from lectio.render import epub, html

ROOT = Path(__file__).resolve().parents[2]


def emended(tmp_path, raw: str, entry: str):
    path = tmp_path / "a.txt"
    path.write_text(raw, encoding="utf-8")
    text, found = sources.read_text("A", path)
    notes_path = tmp_path / "a.notes.toml"
    notes_path.write_text("[[emendation]]\n" + entry + 'reason = "Why."\n', encoding="utf-8")
    findings = notes.resolve_notes(text, notes.load_notes_file(notes_path), found)
    block = text.paragraphs()[0]
    return block, [(s.kind, block.text[s.start:s.end]) for s in block.spans], findings


@pytest.mark.parametrize("entry, printed, spans", [
    ('exact = "a word lost"\nreplace = "a word not lost"\nsign = "supplied"\n', "Here a word not lost today.",
     [("supplied", "not")]),
    ('exact = "Here a a word"\nreplace = "Here a word"\nsign = "deleted"\n', "Here a a word lost today.",
     [("deleted", "a")]),
    ('exact = "word lost"\nsign = "corrupt"\n', "Here a a word lost today.", [("corrupt", "word lost")]),
    ('exact = "a a word"\nreplace = "a word"\n', "Here a word lost today.", []),  # silent: no sign
])
def test_sign_spans(tmp_path, entry, printed, spans):
    raw = "Here a a word lost today.\n" if "a a" in entry or "corrupt" in entry else "Here a word lost today.\n"
    block, found, findings = emended(tmp_path, raw, entry)
    assert block.text == printed and found == spans
    assert not [f for f in findings if f.severity == ERROR]


@pytest.mark.parametrize("entry, code", [
    ('exact = "word lost"\nreplace = "word"\nsign = "supplied"\n', "notes.emendation-sign"),
    ('exact = "word"\nreplace = "word lost"\nsign = "deleted"\n', "notes.emendation-sign"),
])
def test_sign_that_does_not_fit_is_an_error_at_its_line(tmp_path, entry, code):
    _, _, findings = emended(tmp_path, "Here a word lost today.\n", entry)
    [finding] = [f for f in findings if f.severity == ERROR]
    assert finding.code == code and finding.location.line == 1 and finding.fix


@pytest.mark.parametrize("entry, message", [
    ('exact = "word"\nreplace = "x"\nsign = "corrupt"\n', "leave 'replace' out"),
    ('exact = "word"\nsign = "added"\n', "sign"),
    ('exact = "word"\n', "needs a 'replace'"),
])
def test_bad_emendation_entries_are_reported(tmp_path, entry, message):
    path = tmp_path / "a.notes.toml"
    path.write_text("[[emendation]]\n" + entry + 'reason = "Why."\n', encoding="utf-8")
    with pytest.raises(Exception) as error:
        notes.load_notes_file(path)
    assert message in str(error.value) and "a.notes.toml:" in str(error.value)


def signed_block() -> Block:
    block = Block(PARA, "one two three four", list(range(18)), 1, number=1)
    block.spans = [Span(0, 3, "supplied"), Span(4, 7, "deleted"), Span(8, 13, "corrupt")]
    return block


def test_print_html_brackets_each_sign_with_its_description():
    out = html.inline_html(signed_block(), "A", {})
    assert ('<span class="sign-supplied" title="supplied by the editor"><span class="sign">&lt;</span>one'
            '<span class="sign">&gt;</span></span>') in out
    assert '<span class="sign">[</span>two<span class="sign">]</span>' in out
    assert 'title="corrupt in the source"><span class="sign">†</span>three<span class="sign">†</span>' in out


def test_epub_brackets_each_sign_with_its_description():
    inlines = epub.inlines_of(signed_block(), "A", {})
    first = inlines[0]
    assert first["t"] == "Span" and first["c"][0] == ["", ["sign-supplied"], [["title", "supplied by the editor"]]]
    assert flat(inlines) == "<one> [two] †three† four"


def flat(inlines: list) -> str:
    """The text of pandoc inlines, through Spans."""
    out = ""
    for item in inlines:
        if item["t"] == "Span":
            out += flat(item["c"][1])
        else:
            out += epub.plain([item])
    return out


def test_seed_supplied_closing_mark_is_bracketed_in_both_books(built):
    """S 19: the quotation the received text never closes is closed by the editor, and marked so."""
    import re
    import zipfile

    from pypdf import PdfReader

    name = "collectivization-reader"
    pdf = " ".join(page.extract_text() for page in PdfReader(built / "build" / f"{name}.pdf").pages)
    assert re.search(r"hire labour, etc\)\.<”>\s?28", pdf)
    with zipfile.ZipFile(built / "build" / f"{name}.epub") as epub:
        xhtml = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    assert ('etc).<span class="sign-supplied" title="supplied by the editor"><span class="sign">&lt;</span>”'
            '<span class="sign">&gt;</span></span>') in xhtml
    assert re.findall(r'id="(S-\d+)"', xhtml.split("sign-supplied")[0])[-1] == "S-19"  # in paragraph S 19
