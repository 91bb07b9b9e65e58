"""No silent loss: the notes stage's accounts balance for every marker convention and every
place a note text is read from, and a broken pairing is caught by them."""

from __future__ import annotations

import pytest

from lectio import notes, sources
from lectio.errors import ERROR
import importlib

resolve_module = importlib.import_module("lectio.notes.resolve")
TEXTS = ["First, see [@alpha, p. 7] and *this*.", "Second, **strong**, [see @beta]."]
MARKERS = {"paren": ("(1)", "(2)"), "bracket": ("[1]", "[2]"), "sup": ("\u00b9", "\u00b2"), "md": ("[^1]", "[^2]")}


def body(style: str) -> str:
    one, two = MARKERS[style]
    return f"A first claim of the text.{one} A second claim.{two}\n\nA paragraph without notes.\n"


def places(tmp_path, style: str, place: str) -> tuple[str, str | None]:
    """The source, and the notes file (or None), for note texts read from ``place``."""
    if place == "section":
        return body(style) + f"\nNotes\n\n1. {TEXTS[0]}\n\n2. {TEXTS[1]}\n", None
    if place == "definition":
        return body(style) + f"\n[^1]: {TEXTS[0]}\n\n[^2]: {TEXTS[1]}\n", None
    if place == "list":
        (tmp_path / "n.txt").write_text(f"1 {TEXTS[0]}\n2 {TEXTS[1]}\n", encoding="utf-8")
        return body(style), "n.txt"
    quoted = [t.replace('"', '\\"') for t in TEXTS]
    (tmp_path / "n.toml").write_text(f'[[note]]\nmarker = 1\ntext = "{quoted[0]}"\n\n'
                                     f'[[note]]\nmarker = 2\ntext = "{quoted[1]}"\n', encoding="utf-8")
    return body(style), "n.toml"


def run(tmp_path, source: str, notes_name: str | None, name: str = "t.txt"):
    (tmp_path / name).write_text(source, encoding="utf-8")
    text, found = sources.read_text("T", tmp_path / name)
    sidecar = notes.load_notes_file(tmp_path / notes_name if notes_name else None)
    return text, notes.resolve_text(text, sidecar, found)


@pytest.mark.parametrize("style", sorted(MARKERS))
@pytest.mark.parametrize("place", ["section", "definition", "list", "toml"])
def test_accounts_balance_for_every_marker_and_place(tmp_path, style, place):
    text, resolved = run(tmp_path, *places(tmp_path, style, place))
    assert [n.markdown for n in text.notes] == TEXTS
    assert [b.text for b in text.blocks] == ["A first claim of the text. A second claim.", "A paragraph without notes."]
    ledger = resolved.ledger
    assert ledger.balanced and not [f for f in resolved.findings if f.severity == ERROR]
    assert ledger.texts_read == ((place, 2),) and ledger.texts_attached == 2
    assert ledger.citations_read == ledger.citations_held == 2
    assert ledger.paragraphs_read == ledger.paragraphs_held + ledger.paragraphs_taken


@pytest.mark.parametrize("place", ["section", "definition", "list", "toml"])
def test_markdown_source_balances_for_every_place(tmp_path, place):
    text, resolved = run(tmp_path, *places(tmp_path, "md", place), name="t.md")
    assert [n.markdown for n in text.notes] == TEXTS and resolved.ledger.balanced


@pytest.mark.parametrize("style", ["paren", "bracket", "sup"])
def test_markdown_numbers_are_markers_only_with_a_numbered_text(tmp_path, style):
    text, resolved = run(tmp_path, *places(tmp_path, style, "section"), name="t.md")
    assert [n.markdown for n in text.notes] == TEXTS and resolved.ledger.balanced
    text, _ = run(tmp_path, body(style), None, name="t.md")
    assert not text.notes and MARKERS[style][0] in text.blocks[0].text  # prose: no text numbered so


def test_inline_notes_and_citations_in_the_running_text_balance(tmp_path):
    text, resolved = run(tmp_path, "A claim [@alpha, 3]. Another^[An inline note, [see @beta].] end.\n", None)
    assert [n.markdown for n in text.notes] == ["[@alpha, 3]", "An inline note, [see @beta]."]
    assert resolved.ledger.balanced and resolved.ledger.citations_held == 2


def test_a_pairing_that_drops_a_text_is_caught(tmp_path, monkeypatch):
    def careless(notes_, pairing):
        pairing.texts.clear()  # the texts are taken, and never given to a marker or reported
        return []
    monkeypatch.setattr(resolve_module, "pair_all", careless)
    _, resolved = run(tmp_path, *places(tmp_path, "paren", "section"))
    lost = [(f.code, f.severity, f.location.line) for f in resolved.findings if f.code.startswith("notes.lost")]
    assert lost == [("notes.lost-text", ERROR, 7), ("notes.lost-text", ERROR, 9),  # the lines of the two texts
                    ("notes.lost-citation", ERROR, 7), ("notes.lost-citation", ERROR, 9)]
    assert not resolved.ledger.balanced


def test_a_stage_that_deletes_citations_is_caught(tmp_path, monkeypatch):
    def deleting(text, blocks):
        for block in blocks:
            while "[@" in block.text:
                start = block.text.index("[@")
                block.delete(start, block.text.index("]", start) + 1)
    monkeypatch.setattr(resolve_module, "inline_notes", deleting)
    _, resolved = run(tmp_path, "A claim [@alpha, 3] and [@beta].\n", None)
    lost = sorted((f.code, f.location.line, f.location.column) for f in resolved.findings)
    assert lost == [("notes.lost-citation", 1, 10), ("notes.lost-citation", 1, 26)]


def test_a_stage_that_drops_a_paragraph_is_caught(tmp_path, monkeypatch):
    taking = resolve_module.take_texts

    def dropping(text, **options):
        taken = taking(text, **options)
        del text.blocks[-1]
        return taken
    monkeypatch.setattr(resolve_module, "take_texts", dropping)
    _, resolved = run(tmp_path, *places(tmp_path, "paren", "toml"))
    assert [(f.code, f.location.line) for f in resolved.findings] == [("notes.lost-paragraph", 3)]
