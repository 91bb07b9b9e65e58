"""What the preview watches and what one of its builds holds, without a server."""

from __future__ import annotations

from lectio import config as config_stage
from lectio.preview import inputs, site


def test_the_inputs_are_the_files_edition_toml_names_and_never_the_output_folder(example):
    watched = inputs.of_config(config_stage.load(example))
    names = {str(p.relative_to(example)) for p in watched.files if p.exists()}
    assert names == {"edition.toml", "apparatus.toml", "introduction.md", "bib/contract.bib",
                     "texts/hobbes-leviathan-13.txt", "texts/locke-second-treatise-2.md",
                     "texts/rousseau-contrat-1.txt", "texts/rousseau-contrat-1.notes.toml"}
    assert set(watched.folders) == {example, example / "texts", example / "bib"}
    assert watched.wants(example / "texts" / "locke-second-treatise-2.md")
    assert not watched.wants(example / "texts" / ".locke-second-treatise-2.md.swp")
    assert not watched.wants(example / "texts" / "locke-second-treatise-2.md~")
    assert not watched.wants(example / "build" / "state-of-nature.epub")


def test_a_file_named_out_of_the_project_is_not_watched(example):
    config_file = example / "edition.toml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        'edition_statement = "Example edition"', 'edition_statement = "../../../etc/passwd"'), encoding="utf-8")
    watched = inputs.of_config(config_stage.load(example))
    assert all(p.is_relative_to(example) for p in watched.files)


def test_a_build_holds_the_epub_pages_in_reading_order(example):
    built = site.build(example)
    assert built.version == 1 and not built.errors and not built.stale
    assert built.spine[:3] == ("EPUB/text/cover.xhtml", "EPUB/text/title_page.xhtml", "EPUB/text/contents.xhtml")
    assert all(name in built.members for name in built.spine)
    assert b"TO understand political power right" in b"".join(built.members[n] for n in built.spine)
    assert not (example / "build").exists()


def test_a_broken_edition_toml_keeps_the_last_good_pages_and_watches_its_folders(example):
    good = site.build(example)
    config_file = example / "edition.toml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("[edition]", "[edition]\ncolour = 1"),
                           encoding="utf-8")
    broken = site.build(example, good)
    assert broken.version == 2 and broken.stale and broken.members is good.members
    assert [f.code for f in broken.errors] == ["config.unknown-key"]
    assert str(broken.errors[0].location).endswith("edition.toml:7:1")
    assert broken.inputs.wants(example / "texts" / "a-new-source.txt")  # the file edition.toml may name next


def test_a_first_build_with_errors_has_no_pages(example):
    (example / "apparatus.toml").write_text("[[entry]\n", encoding="utf-8")
    broken = site.build(example)
    assert broken.errors and not broken.members and not broken.stale
    assert broken.errors[0].code == "apparatus.syntax"
