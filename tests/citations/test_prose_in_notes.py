"""Citations inside a note's prose, as pandoc's citeproc formats them after lectio sent them
(``citations/prose.py``): never run into the words before them, cue words read in the text.

The formatted notes are compared with a golden file (LECTIO_UPDATE_GOLDEN=1 rewrites it);
the assertions below say what a reader checks in them.
"""

import re
from pathlib import Path

import pytest

from lectio import citations
from lectio.errors import Location
from lectio.model import Note, Text
from tests.citations.bib_1790s import BIB_1790S
from tests.citations.test_formatting import check_golden, plain

ROOT = Path(__file__).resolve().parents[2]
NOTES = [
    "He wrote against the dead Mary Wollstonecraft [@wollstonecraft1792].",   # 1 after a name: parentheses
    "[@burke1790, 12].",                                                      # 2 a citation note
    "Burke answers Price; see [@price1789, 3].",                              # 3 a cue word leads into it
    "See [@burke1790].",                                                      # 4 the cue word is the prefix
    "Quoted “the rights of men” [@wollstonecraft1792, 7]. More.",             # 5 after a quotation
    "Compare @price1789 [p. 9] with @burke1790.",                             # 6 author in text
    "[@rousseau1762]; cf. [@kant1781, 3].",                                   # 7 French, German titles
    "Text[@kant1781] and more.",                                              # 8 glued: parted, parentheses
]
NOTE_STYLE, AUTHOR_DATE = "chicago-notes-bibliography-17th-edition", "chicago-author-date-17th-edition"


@pytest.fixture(scope="module")
def formatted(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "t.bib"
    path.write_text(BIB_1790S, encoding="utf-8")
    bib = citations.load_bibliography([path])
    out = {}
    for style in (NOTE_STYLE, AUTHOR_DATE):
        text = Text("T", Path("t.txt"), "t.txt")
        text.notes = [Note(i, m, Location("t.txt", i)) for i, m in enumerate(NOTES, start=1)]
        citations.format_notes(text, bib, citations.style_path(style, ROOT), 30)
        out[style] = [plain(n.html) for n in text.notes]
    return out


def test_prose_citations_golden(formatted):
    lines = [f"{style} {i}. {n}" for style in (NOTE_STYLE, AUTHOR_DATE)
             for i, n in enumerate(formatted[style], start=1)]
    check_golden("notes-prose-citations.txt", lines)


def test_a_citation_after_words_is_never_run_into_them(formatted):
    notes = formatted[NOTE_STYLE]
    assert notes[0].startswith("He wrote against the dead Mary Wollstonecraft (Mary Wollstonecraft, "
                               "<em>A Vindication of the Rights of Woman</em>")
    assert not re.search(r"Wollstonecraft,? <em>", notes[0].split("(")[0])
    assert notes[4] == "Quoted “the rights of men” (Wollstonecraft, <em>A Vindication of the Rights of " \
                       "Woman</em>, 7). More."
    assert notes[7] == "Text (Kant, <em>Kritik der reinen Vernunft</em>) and more."


def test_cue_words_read_in_the_text(formatted):
    notes = formatted[NOTE_STYLE]
    assert notes[2] == "Burke answers Price; see Richard Price, <em>A Discourse on the Love of Our Country</em> " \
                       "(London: T. Cadell, 1789), 3."
    assert notes[3] == "See Burke, <em>Reflections on the Revolution in France</em>."
    assert notes[5].startswith("Compare Price, <em>A Discourse on the Love of Our Country</em>, 9 with Burke")
    assert "; cf. Immanuel Kant, <em>Kritik der reinen Vernunft</em> (Riga: Hartknoch, 1781), 3." in notes[6]


def test_author_date_takes_the_cue_word_inside_the_parentheses(formatted):
    notes = formatted[AUTHOR_DATE]
    assert notes[0] == "He wrote against the dead Mary Wollstonecraft (Wollstonecraft 1792)."
    assert notes[2] == "Burke answers Price; (see Price 1789, 3)."
    assert notes[3] == "(See Burke 1790)."
    assert notes[6] == "(Rousseau 1762); (cf. Kant 1781, 3)."
    assert notes[7] == "Text (Kant 1781) and more."


@pytest.mark.parametrize("written, sent", [
    ("see [@a, 7] and cf. [@b]; Compare [-@c].", "[see @a, 7] and [cf. @b]; [Compare -@c]."),
    ("Not a cue [@a]; [see @b] already.", "Not a cue [@a]; [see @b] already."),
    ("unseen [@a]", "unseen [@a]"),
    ("Text[@a] and more.", "Text [@a] and more."),
])
def test_cue_prefixes(written, sent):
    from lectio.citations.prose import cue_prefixes

    assert cue_prefixes(written) == sent
