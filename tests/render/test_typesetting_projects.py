"""Small projects laid out in a narrow measure: note calls and apparatus markers, hyphenation
patterns by language tag, running heads shortened."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from lectio import pipeline
from lectio.build import layout_pdf
from lectio.render import folios, laidout, printlang, runningheads
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli

CALLS = 12
SENTENCES = " ".join(f"In the spring of {1920 + i} they met again.({i + 1}) Then" for i in range(CALLS))
NOTES = "".join(f'[[note]]\nmarker = {i + 1}\ntext = "Note {i + 1}."\n' for i in range(CALLS))
APPARATUS = ('[[entry]]\nid = "x"\ntheme = "A theme"\ncommentary = "Words."\n[entry.A]\n'
             'exact = "The passage the editor marks ends here."\n')


def laid_out(root, width_pt: int):
    (root / "print.css").write_text(f".reading p.para {{ width: {width_pt}pt; }}\n", encoding="utf-8")
    return layout_pdf(pipeline.check(root).book)


@pytest.mark.parametrize("width", [72, 99])  # measures where a call after "1929." began a line
def test_a_note_call_never_begins_a_line(tmp_path, width):
    root = make_tiny_project(tmp_path / "calls", text=f"OPENING\n{SENTENCES}\n", notes=NOTES)
    document = laid_out(root, width)
    assert len(laidout.note_placements(document)) == CALLS
    assert laidout.stranded_calls(document) == []


def built_pages(root) -> list[str]:
    """Build the project; the text of each page of its PDF."""
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 0, result.output
    return [page.extract_text() for page in PdfReader(root / "build" / "tiny.pdf").pages]


def built_text(root) -> str:
    return "\n".join(built_pages(root))


def test_a_call_where_a_passage_ends_stands_before_the_marker_and_apart_from_it(tmp_path):
    text = "OPENING\nThey met in April 1929.(1) The passage the editor marks ends here.(2) After it.\n"
    notes = '[[note]]\nmarker = 1\ntext = "First."\n[[note]]\nmarker = 2\ntext = "Second."\n'
    edition = TINY_EDITION + '\n[apparatus]\nfile = "app.toml"\n'
    root = make_tiny_project(tmp_path / "app", text=text, notes=notes, edition=edition)
    (root / "app.toml").write_text(APPARATUS, encoding="utf-8")
    extracted = built_text(root)
    assert re.search(r"ends\s+here\.\s2\sA1\sAfter", extracted), extracted  # not "here.A12" nor "A1 2"
    assert re.search(r"April 1929\.\s1\s", extracted), extracted  # not "1929.1"
    document = layout_pdf(pipeline.check(root).book)
    gap = laidout.call_marker_gaps(document)
    assert list(gap) == ["A-n2"] and gap["A-n2"] >= 2, gap  # px (1/96 in): a visible space between call and marker


WORDS = "Their democracy, knowledge and capitals were defended by progress and recorded. " * 6


@pytest.mark.parametrize("tag, kept, refused", [
    ("en", ["democ-racy", "knowl-edge"], ["demo-cracy", "know-ledge"]),
    ("en-GB", ["demo-cracy", "know-ledge"], ["democ-racy", "knowl-edge"]),
])
def test_the_language_tag_selects_the_hyphenation_patterns(tmp_path, tag, kept, refused):
    edition = TINY_EDITION.replace('date = "2026-01-01"', f'date = "2026-01-01"\nlanguage = "{tag}"')
    root = make_tiny_project(tmp_path / tag, text=f"OPENING\n{WORDS}(1)\n", edition=edition)
    (root / "print.css").write_text(".reading p.para { width: 6.5em; }\n", encoding="utf-8")
    broken = {f"{a}-{b}" for a, b in re.findall(r"([A-Za-z]+)-\n\s*([a-z]+)", built_text(root))}
    assert set(kept) <= broken and not set(refused) & broken, broken


def test_a_bare_en_means_american_english_and_a_region_is_kept():
    assert printlang.hyphenation_dictionary("en") == "en_US"
    assert printlang.hyphenation_dictionary("en-GB") == "en_GB"
    assert printlang.hyphenation_tag("fr") == "fr"


LONG_TITLE = ("An Inquiry into the Nature and Causes of the Wealth of Nations, with a Long Account of the "
              "Many Things the Author Found")
LONG_BOOK = "Leviathan: or the Matter, Forme and Power of a Common-Wealth Ecclesiasticall and Civil"


def test_a_running_head_too_long_for_its_line_is_shortened(tmp_path):
    edition = TINY_EDITION.replace('title = "First text"', f'title = "{LONG_TITLE}"').replace(
        'title = "A Tiny Edition"', f'title = "{LONG_BOOK}"')
    paragraphs = "".join(f"Paragraph {n} says what it says at some length, and says it again.\n" for n in range(90))
    root = make_tiny_project(tmp_path / "heads", text=f"OPENING\n{paragraphs}(1)\n", edition=edition)
    # margin boxes are drawn after the text: a page's head is its last line
    heads = [text.strip().splitlines()[-1] for text in built_pages(root) if text.strip()]
    assert [h for h in heads if re.fullmatch(r"An Inquiry into the Nature and Causes of the Wealth of Nations… \d+", h)]
    assert [h for h in heads if re.fullmatch(r"\d+ LEVIATHAN", h)], heads  # the main title, cut at its colon
    assert not [h for h in heads if "Author Found" in h or "Forme" in h]


def test_a_title_is_cut_at_its_colon_or_to_whole_words_with_an_ellipsis():
    room = runningheads.width_pt("An Inquiry into the Nature", runningheads.CHAPTER_HEAD) + 1
    assert runningheads.shortened("Short", room) == "Short"
    assert runningheads.shortened("Leviathan: or the Matter, Forme and Power", room) == "Leviathan"
    assert runningheads.shortened("An Inquiry into the Nature and Causes of the Wealth", room) == \
        "An Inquiry into the…"  # the ellipsis takes the room of a word
    assert runningheads.shortened("The Great Transformation – the political origins", room) == \
        "The Great Transformation"


def test_roman_numerals():
    assert [folios.roman(n) for n in (1, 4, 9, 14, 40, 1999)] == ["i", "iv", "ix", "xiv", "xl", "mcmxcix"]
