"""Collation of hand-made witnesses against a base text (lectio.variants, docs/variants.md):
additions, omissions, substitutions, transpositions and punctuation, witnesses that agree
grouped, lemmata marked in the base text without changing it."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from lectio import pipeline
from lectio.model import Variant, WitnessReading
from lectio.render import criticus
from lectio.render.html import inline_html
from lectio.variants import anchors
from tests.apparatus.witness_project import entries, project

BASE = "The quick brown fox jumps over the lazy dog.\n\nA second paragraph ends here, quietly.\n"


def collated(tmp_path, witnesses, variants=None, base=BASE):
    checked = pipeline.check(project(tmp_path, base, witnesses, variants))
    assert not checked.errors, checked.errors
    return checked.book


def test_witness_identical_to_the_base_gives_no_entry(tmp_path):
    book = collated(tmp_path, {"A": BASE})
    assert book.variants == ()
    assert [(w.siglum, w.base) for w in book.witnesses] == [("O", True), ("A", False)]


def test_substitution_omission_and_addition(tmp_path):
    book = collated(tmp_path, {"A": "The quick red fox jumps over the dog.\n\nA second paragraph ends here, very quietly.\n"})
    assert entries(book) == ["brown ] red A", "lazy ] om. A", "here, ] here, very A"]
    assert [v.lemma_sigla for v in book.variants] == [("O",)] * 3
    assert [v.id for v in book.variants] == ["T-v1", "T-v2", "T-v3"]


def test_an_addition_at_the_very_start_joins_the_first_word(tmp_path):
    book = collated(tmp_path, {"A": "Lo, the quick brown fox jumps over the lazy dog.\n\nA second paragraph ends here, quietly.\n"})
    assert entries(book) == ["The ] Lo, the A"]


def test_transposition_is_one_entry(tmp_path):
    book = collated(tmp_path, {"A": "The brown quick fox jumps over the lazy dog.\n\nA second paragraph ends here, quietly.\n"})
    assert entries(book) == ["quick brown ] brown quick A"]


def test_punctuation_variants_are_entries_with_their_word(tmp_path):
    book = collated(tmp_path, {"A": "The quick brown fox jumps over the lazy dog!\n\nA second paragraph ends here quietly.\n"})
    assert entries(book) == ["dog. ] dog! A", "here, ] here A"]


def test_witnesses_that_agree_share_one_reading_and_the_others_join_the_lemma(tmp_path):
    red = "The quick red fox jumps over the lazy dog.\n\nA second paragraph ends here, quietly.\n"
    book = collated(tmp_path, {"A": red, "B": BASE, "C": red, "D": red.replace("red", "grey")})
    (variant,) = book.variants
    assert variant.lemma == "brown" and variant.lemma_sigla == ("O", "B")
    assert [(r.text, r.sigla) for r in variant.readings] == [("red", ("A", "C")), ("grey", ("D",))]


def test_lemma_is_a_span_of_the_base_block_and_the_text_is_unchanged(tmp_path):
    book = collated(tmp_path, {"A": "The quick red fox jumps over the lazy dog.\n\nA second paragraph ends here, quietly.\n"})
    block = book.readings[0].text.paragraphs()[0]
    assert block.text == "The quick brown fox jumps over the lazy dog."
    (span,) = [s for s in block.spans if s.kind == "lemma"]
    assert (block.text[span.start:span.end], span.target) == ("brown", "T-v1")
    assert '<span class="lemma" id="var-T-v1">brown</span>' in inline_html(block, "T", {})


def test_long_omission_is_its_own_entry_and_the_changes_inside_it_theirs(tmp_path):
    base = "one two three four five six seven eight nine ten eleven twelve.\n"
    book = collated(tmp_path, {"A": "one twelve.\n", "B": "one two three FOUR five six seven eight nine ten eleven twelve.\n"}, base=base)
    assert entries(book) == ["two three four five six seven eight nine ten eleven ] om. A", "four ] FOUR B"]
    assert book.variants[0].lemma_sigla == ("O",) and "B" not in str(book.variants[0].readings)


def test_entry_html_prints_lemma_readings_and_sigla():
    variant = Variant("T-v1", "T", "brown", ("O",), (
        WitnessReading("", ("A", "B")),), note="A slip.")
    html = criticus.entry_html(variant)
    assert html.startswith('<a class="lemma-ref" href="#var-T-v1">brown</a> ]')
    assert "<em>om.</em>" in html and '<span class="siglum">A</span>&#160;<span class="siglum">B</span>' in html
    assert html.endswith('<span class="variant-note">A slip.</span>')


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=40), st.lists(st.sampled_from("abcdefghij"), max_size=40))
def test_anchored_opcodes_rebuild_the_witness_from_the_base(a, b):
    rebuilt = []
    codes = anchors.opcodes(a, b)
    for tag, i1, i2, j1, j2 in codes:
        assert (tag == "equal") == (a[i1:i2] == b[j1:j2] and i2 > i1)
        rebuilt += a[i1:i2] if tag == "equal" else b[j1:j2]
    assert rebuilt == b
    assert [c[1] for c in codes] == sorted(c[1] for c in codes)


def test_unique_words_anchor_the_alignment_so_a_moved_sentence_is_an_omission_and_an_addition():
    base = "x a b c y the the the z".split()
    witness = "x the the the z a b c y".split()
    tags = [c[0] for c in anchors.opcodes(base, witness)]
    assert tags.count("equal") == 2 and "delete" in tags and "insert" in tags


def test_the_same_files_give_the_same_entries_and_ids(tmp_path):
    witnesses = {"A": "The quick red fox jumps over the dog.\n\nA second paragraph, very quietly.\n",
                 "B": "The brown quick fox jumps over the lazy dog!\n\nA second paragraph ends here.\n"}
    first, second = collated(tmp_path, witnesses), collated(tmp_path, witnesses)
    assert first.variants == second.variants and len(first.variants) == 4


def test_a_long_lemma_is_printed_by_its_first_and_last_words():
    variant = Variant("T-v2", "T", "one two three four five six seven eight nine", ("O",), (WitnessReading("", ("A",)),))
    assert criticus.entry_html(variant, backlink=False).startswith("one two … eight nine ]")
    assert criticus.shortened("one two three four five six seven eight") == "one two three four five six seven eight"
