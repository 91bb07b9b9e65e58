"""Note calls and apparatus markers on small projects laid out in a narrow measure, and the
hyphenation patterns a language tag selects."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from lectio import pipeline
from lectio.build import layout_pdf
from lectio.render import laidout, printlang
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


def built_text(root) -> str:
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 0, result.output
    pages = PdfReader(root / "build" / "tiny.pdf").pages
    return "\n".join(p.extract_text() for p in pages)


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
