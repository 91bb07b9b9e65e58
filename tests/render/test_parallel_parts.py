"""The cut of the print HTML into parts and the references written out between them (no layout)."""

from __future__ import annotations

from lectio.render import parts, xrefs

CSS = """.toc a::after { content: leader(" . ") target-counter(attr(href url), page); }
.passage-ref.across::after { content: ", pp. " target-counter(attr(data-from url), page) "-"
  target-counter(attr(href url), page); }
p { margin: 0; }"""


def _book(readings: list[str]) -> str:
    main = ' data-matter="main"'
    chapters = "\n".join(
        f'<section class="chapter reading" id="r{n}" data-siglum="{n}"{"" if n else main}>'
        f'<h1>{n}</h1><p><span class="lemma" id="var-v{n}">{text}</span></p></section>'
        for n, text in enumerate(readings))
    entries = "".join(f'<span class="app-entry" data-var="v{n}">entry {n}</span><!--/app-entry-->'
                      for n in range(len(readings)))
    return (f"<!DOCTYPE html>\n<html><head><style>\n{CSS}</style>\n</head>\n<body>\n"
            '<nav class="toc"><a href="#r0">0</a><a href="#back">back</a></nav>\n'
            '<section class="chapter prelims" id="intro"><h1>Intro</h1></section>\n'
            f"{chapters}\n"
            '<section class="chapter" id="back"><a class="passage-ref" href="#r3" data-from="#r2">x</a></section>\n'
            f'<div class="app-crit-entries" hidden="hidden">{entries}</div>\n</body>\n</html>\n')


def test_front_matter_readings_in_groups_and_back_matter_are_parts():
    book = _book(["a" * 100, "b" * 100, "c" * 100, "d" * 100])
    cut = parts.parts(book, 2)
    assert len(cut) == 4
    assert 'class="toc"' in cut[0] and 'id="intro"' in cut[0] and 'id="r0"' not in cut[0]
    assert ['id="r0"' in cut[1], 'id="r1"' in cut[1], 'id="r2"' in cut[2], 'id="r3"' in cut[2]] == [True] * 4
    assert 'id="back"' in cut[3] and 'data-siglum' not in cut[3].split("<body>")[1]
    for part in cut:  # every part is a whole document with the book's head
        assert part.startswith("<!DOCTYPE html>") and part.endswith("</html>\n") and CSS in part
    assert 'data-var="v2"' in cut[2] and 'data-var="v0"' not in cut[2]  # the entries of its own lemmata
    assert "".join(part.split("<body>", 1)[1].split('<div class="app-crit-entries"')[0] for part in cut) == \
        book.split("<body>", 1)[1].split('<div class="app-crit-entries"')[0]


def test_a_book_without_readings_is_one_part():
    book = _book([])
    assert parts.parts(book, 4) == (book,)


def test_groups_are_consecutive_and_about_equal():
    assert parts.grouped([10, 5, 5, 5, 5, 5, 5], 3) == [range(0, 2), range(2, 5), range(5, 7)]
    assert parts.grouped([3, 3], 4) == [range(0, 1), range(1, 2)]
    assert parts.grouped([50, 1, 1, 1, 1], 2) == [range(0, 1), range(1, 5)]


def test_references_into_other_parts_are_written_out():
    book = _book(["a", "b", "c", "d"])
    back = parts.parts(book, 2)[3]
    written = xrefs.written_out(back, parts.ids(back), {"r3": "14", "r2": "13"})
    assert f'href="{xrefs.SCHEME}#r3" data-lectio-href="14" data-from="#r2" data-lectio-data-from="13"' in written
    assert ('.passage-ref.across[data-lectio-data-from][data-lectio-href]::after { content: ", pp. " '
            'attr(data-lectio-data-from) "-" attr(data-lectio-href); }') in written
    assert xrefs.written_out(back, parts.ids(back), {}) == back
    assert xrefs.target(f"{xrefs.SCHEME}#r3") == "r3" and xrefs.target("https://example.org/#r3") is None


def test_only_references_whose_page_is_printed_count():
    front = parts.parts(_book(["a", "b"]), 2)[0]
    assert xrefs.counted(front) == {"r0", "back"}
    linked = front.replace('<nav class="toc">', '<nav class="links">')
    assert xrefs.counted(linked) == frozenset()


def test_a_written_out_rule_keeps_its_no_break_spaces_and_folds_only_css_white_space():
    css = '.see a::after { content: " (p.\\00a0"\n   target-counter(attr(href url), page) ")"; }'
    assert xrefs.written_rules(css) == '.see a[data-lectio-href]::after { content: " (p.\xa0" attr(data-lectio-href) ")"; }'
