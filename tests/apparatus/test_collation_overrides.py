"""The editor's variants file (docs/variants.md): normalization rules, merged, dropped, annotated
entries and a chosen lemma; and its errors, each at its file and line with a code and a fix, the
build refused with exit status 1."""

from __future__ import annotations

from lectio import pipeline
from lectio.errors import ERROR, WARNING
from tests.apparatus.witness_project import entries, project
from tests.conftest import run_cli

BASE = "The quick brown fox jumps over the lazy Dog.\n\nA second paragraph ends here, quietly.\n"
COPY = "The quick red fox jumps over lazy dog!\n\nA second paragraph ends here quietly.\n"


def checked(tmp_path, variants, witnesses=None):
    return pipeline.check(project(tmp_path, BASE, witnesses or {"A": COPY}, variants))


def test_without_rules_case_and_punctuation_are_variants(tmp_path):
    book = checked(tmp_path, "").book
    assert entries(book) == ["brown ] red A", "the ] om. A", "Dog. ] dog! A", "here, ] here A"]


def test_case_and_punctuation_normalized_away(tmp_path):
    book = checked(tmp_path, "[normalize]\ncase = true\npunctuation = true\n").book
    assert entries(book) == ["brown ] red A", "the ] om. A"]


def test_only_the_marks_named_are_left_out(tmp_path):
    book = checked(tmp_path, '[normalize]\nmarks = [",", ".", "!"]\n').book
    assert entries(book) == ["brown ] red A", "the ] om. A", "Dog ] dog A"]


def test_spelling_groups_read_alike(tmp_path):
    book = checked(tmp_path, '[normalize]\npunctuation = true\nspelling = [["brown", "red", "russet"], ["Dog", "dog"]]\n').book
    assert entries(book) == ["the ] om. A"]


def test_merge_drop_note_and_chosen_lemma(tmp_path):
    variants = """[[entry]]
lemma = "brown"
merge = true
note = "Two slips of the copyist."

[[entry]]
lemma = "here,"
drop = true

[[entry]]
lemma = "Dog."
base = "A"
"""
    result = checked(tmp_path, variants)
    assert not result.errors, result.errors
    book = result.book
    assert entries(book) == ["brown fox jumps over the ] red fox jumps over A", "dog! ] Dog. O"]
    merged, chosen = book.variants
    assert merged.note == "Two slips of the copyist." and merged.location.line == 1
    assert chosen.lemma_sigla == ("A",) and chosen.location.line == 10
    block = book.readings[0].text.paragraphs()[0]
    assert [block.text[s.start:s.end] for s in block.spans if s.kind == "lemma"] == ["brown fox jumps over the", "Dog."]


def test_an_entry_that_names_no_collated_place_is_an_error_at_its_line(tmp_path):
    result = checked(tmp_path, '\n[[entry]]\nlemma = "browne"\nnote = "x"\n')
    (finding,) = result.errors
    assert finding.code == "variants.no-such-entry"
    assert (finding.location.file.endswith("variants.toml"), finding.location.line) == (True, 2)
    assert "'brown'" in finding.fix


def test_a_lemma_found_twice_needs_its_paragraph(tmp_path):
    base = "It was the end.\n\nIt was the end, again.\n"
    root = project(tmp_path, base, {"A": "It was an end.\n\nIt was an end, again.\n"}, '[[entry]]\nlemma = "the"\ndrop = true\n')
    (finding,) = pipeline.check(root).errors
    assert finding.code == "variants.ambiguous-entry" and finding.location.line == 1
    assert "paragraph = " in finding.fix and "paragraphs 1, 2" in finding.message
    (root / "variants.toml").write_text('[[entry]]\nlemma = "the"\nparagraph = 2\ndrop = true\n', encoding="utf-8")
    assert entries(pipeline.check(root).book) == ["the ] an A"]


def test_merging_the_last_entry_of_a_paragraph_and_an_unknown_witness_are_errors(tmp_path):
    result = checked(tmp_path, '[[entry]]\nlemma = "Dog."\nmerge = true\n\n[[entry]]\nlemma = "brown"\nbase = "Z"\n')
    assert [(f.code, f.location.line) for f in result.errors] == [("variants.nothing-to-merge", 1),
                                                                  ("variants.unknown-witness", 5)]
    assert "A" in result.errors[1].fix


def test_choosing_a_witness_that_reads_like_the_base_is_a_warning(tmp_path):
    result = checked(tmp_path, '[[entry]]\nlemma = "brown"\nbase = "B"\n', {"A": COPY, "B": BASE})
    assert [(f.code, f.severity) for f in result.findings if f.code.startswith("variants.")] == [
        ("variants.base-agrees", WARNING)]


def test_schema_errors_of_the_variants_file_have_codes_and_lines(tmp_path):
    result = checked(tmp_path, '[normalize]\ncase = "yes"\n\n[[entry]]\nlemma = "brown"\ndrops = true\n')
    assert sorted((f.code, f.location.line) for f in result.errors if f.severity == ERROR) == [
        ("variants.type", 2), ("variants.unknown-key", 6)]


def test_bad_variants_file_refuses_the_build_with_exit_1_and_writes_nothing(tmp_path):
    root = project(tmp_path, BASE, {"A": COPY}, '[[entry]]\nlemma = "browne"\n')
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 1
    assert "variants.toml:1:1" in result.output and "variants.no-such-entry" in result.output
    assert not (root / "build").exists() or not any((root / "build").iterdir())
    (root / "variants.toml").write_text("[[entry]\n", encoding="utf-8")
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1 and "variants.toml:1" in result.output and "variants.syntax" in result.output


def test_edition_toml_errors_of_witnesses(tmp_path):
    root = project(tmp_path, BASE, {"A": COPY})
    toml = (root / "edition.toml").read_text(encoding="utf-8")
    (root / "edition.toml").write_text(toml.replace('source = "base.txt"\n\n[[readings.witnesses]]', 'source = "base.txt"\nvariants = "A.txt"\n\n[[readings.witnesses]]', 1).replace('siglum = "A"', 'siglum = "O"'), encoding="utf-8")
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1 and "config.duplicate-witness" in result.output, result.output
    (root / "edition.toml").write_text(toml.replace('label = "The original, in a label of its own"\nsource = "base.txt"',
                                                    'label = "x"\nsource = "A.txt"'), encoding="utf-8")
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1 and "config.no-base-witness" in result.output and "edition.toml:" in result.output


def test_the_note_on_the_text_says_what_was_collated_and_normalized(tmp_path):
    variants = '[normalize]\ncase = true\nspelling = [["brown", "red"]]\n\n[[entry]]\nlemma = "the"\ndrop = true\n'
    book = checked(tmp_path, variants, {"A": COPY, "B": BASE}).book
    paragraph = book.note_on_text[-1]
    assert paragraph.startswith('<span class="siglum">T</span> is collated word by word with <span class="siglum">A</span>'
                                ' and <span class="siglum">B</span> against its base text, <span class="siglum">O</span>')
    assert f"{len(book.variants)} entries in the apparatus criticus" in paragraph and len(book.variants) == 2
    assert "Not counted as variants: differences of case; brown = red." in paragraph
    assert "corrected the collation at 1 place (variants.toml)." in paragraph
