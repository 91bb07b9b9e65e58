"""A note of several paragraphs or with a list keeps its structure in both writers."""

from __future__ import annotations

from lectio.citations.prose import inline_first
from lectio.render.epub import note_blocks
from lectio.render.notemarkup import as_print_spans, split

CITEPROC = ('<p>Madison names <em>four</em> interests:</p>\n<ul>\n<li>the landed,</li>\n'
            '<li>the moneyed.</li>\n</ul>\n<p>First collected in 1788.</p>')


def test_the_first_paragraph_stands_inline_and_the_blocks_after_it_are_kept():
    html = inline_first(CITEPROC)
    assert html == ("Madison names <em>four</em> interests:<ul><li>the landed,</li><li>the moneyed.</li></ul>"
                    "<p>First collected in 1788.</p>")
    assert split(html) == ("Madison names <em>four</em> interests:",
                           "<ul><li>the landed,</li><li>the moneyed.</li></ul><p>First collected in 1788.</p>")


def test_a_note_of_one_paragraph_is_one_run_of_text():
    assert inline_first("<p>Ibid., 7.</p>") == "Ibid., 7."
    assert split("Ibid., 7.") == ("Ibid., 7.", "")


def test_print_sets_the_blocks_as_classed_spans_inside_the_floated_footnote():
    printed = as_print_spans(inline_first(CITEPROC))
    assert "<ul" not in printed and "<li" not in printed and "<p" not in printed
    assert printed.count('<span class="note-item">') == 2
    assert '<span class="note-list"><span class="note-item">the landed,</span>' in printed
    assert '<span class="note-p">First collected in 1788.</span>' in printed
    assert as_print_spans("<ol><li>one</li></ol>") == '<span class="note-list ordered"><span class="note-item">one</span></span>'


def test_the_epub_note_is_a_paragraph_then_the_lists_and_paragraphs_as_blocks():
    blocks = note_blocks(inline_first(CITEPROC))
    assert [b["t"] for b in blocks] == ["Para", "RawBlock"]
    assert blocks[1]["c"][1] == "<ul><li>the landed,</li><li>the moneyed.</li></ul><p>First collected in 1788.</p>"
    assert [b["t"] for b in note_blocks("Ibid., 7.")] == ["Para"]


def test_block_tags_are_allowed_only_where_asked_and_scripts_never():
    blocks = note_blocks('See.<ul><li onclick="x()">a<script>alert(1)</script></li></ul>')
    assert blocks[1]["c"][1] == "<ul><li>a</li></ul>"
