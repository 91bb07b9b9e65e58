"""``lectio build`` writes build/<name>.tei.xml by default and alone with ``--to tei``; the file is
verified (pointers; tei_all with ``lectio verify --tei-schema``) and replaced only with the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectio.build import verify_outputs
from lectio.render import tei as tei_writer
from lectio.verify import tei as tei_check
from tests.conftest import EXAMPLES, make_tiny_project, run_cli


def test_the_seed_build_writes_a_valid_tei_file(built):
    path = built / "build" / "collectivization-reader.tei.xml"
    findings, figures = tei_check.check(path, schema=True)
    assert findings == []
    assert figures["schema"] == "valid" and figures["paragraphs"] == 39 and figures["bytes"] > 50_000


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/edition.toml")))
def test_each_example_gets_a_valid_tei_file_and_verify_reports_it(example_build, name):
    example = example_build(name)
    findings, figures = tei_check.check(example.output("tei.xml"), schema=True)
    assert findings == [] and figures["schema"] == "valid" and figures["paragraphs"] > 0
    assert f"TEI: {figures['bytes']:,} bytes, numbered paragraphs {figures['paragraphs']}" in example.verify.output


def test_to_tei_writes_only_the_tei_file_and_the_same_bytes_twice(tmp_path):
    root = make_tiny_project(tmp_path / "tiny")
    first = run_cli("build", "--project", str(root), "--to", "tei")
    assert first.exit_code == 0, first.output
    assert "TEI: " in first.output and "tei_all schema not checked" in first.output
    assert sorted(p.name for p in (root / "build").iterdir() if not p.name.startswith(".")) == ["tiny.tei.xml"]
    data = (root / "build" / "tiny.tei.xml").read_bytes()
    assert run_cli("build", "--project", str(root), "--to", "tei").exit_code == 0
    assert (root / "build" / "tiny.tei.xml").read_bytes() == data


def test_verify_tei_schema_reports_the_verdict(tmp_path):
    root = make_tiny_project(tmp_path / "tiny")
    assert run_cli("build", "--project", str(root), "--to", "tei").exit_code == 0
    findings, report = verify_outputs(root, targets=("tei",), tei_schema=True)
    assert findings == [] and report["tei"]["schema"] == "valid"


def test_a_broken_tei_file_fails_the_build_and_keeps_the_previous_one(tmp_path, monkeypatch):
    root = make_tiny_project(tmp_path / "tiny")
    assert run_cli("build", "--project", str(root), "--to", "tei").exit_code == 0
    previous = (root / "build" / "tiny.tei.xml").read_bytes()
    (root / "a.txt").write_text("OPENING\nA changed paragraph.(1)\n", encoding="utf-8")
    monkeypatch.setattr(tei_writer, "write_tei", lambda book: b"<TEI><p>half a file")
    result = run_cli("build", "--project", str(root), "--to", "tei")
    assert result.exit_code == 1
    assert "build/tiny.tei.xml:1:" in result.output and "[verify.tei-malformed]" in result.output
    assert (root / "build" / "tiny.tei.xml").read_bytes() == previous
    assert sorted(p.name for p in (root / "build").iterdir() if not p.name.startswith(".")) == ["tiny.tei.xml"]


def test_a_pointer_to_nothing_is_reported_with_its_line(tmp_path: Path):
    path = tmp_path / "x.tei.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p xml:id="a"/>\n<note target="#a #gone"/>\n</TEI>\n',
                    encoding="utf-8")
    findings, _ = tei_check.check(path)
    assert [(f.code, f.location.line) for f in findings] == [("verify.tei-pointer", 3)]
    assert 'target="#gone" on <note> names no element' in findings[0].message


def test_a_paragraph_written_wrong_fails_the_build(tmp_path, monkeypatch):
    root = make_tiny_project(tmp_path / "tiny")
    original = tei_writer.write_tei
    monkeypatch.setattr(tei_writer, "write_tei", lambda book: original(book).replace(b"A first", b"A"))
    result = run_cli("build", "--project", str(root), "--to", "tei")
    assert result.exit_code == 1
    assert "error: paragraph A 1 is not the text of the book in the TEI file [verify.tei-fidelity]" in result.output
    assert not (root / "build" / "tiny.tei.xml").exists()


def test_the_shipped_schema_is_tei_p5_tei_all_as_its_readme_says():
    import gzip
    import hashlib
    from importlib import resources

    folder = resources.files("lectio").joinpath("data", "tei")
    schema = gzip.decompress(folder.joinpath(tei_check.SCHEMA).read_bytes())
    assert hashlib.sha256(schema).hexdigest() in folder.joinpath("README.md").read_text(encoding="utf-8")
    assert "TEI Edition: Version\u00a03.0.0" in schema.decode("utf-8") and schema.count(b"<element name=") > 500


def test_the_witness_example_has_every_variant_as_app_lem_rdg(example_build):
    from lxml import etree

    from lectio import pipeline

    example = example_build("gettysburg")
    book = pipeline.check(example.root).book
    document = etree.parse(str(example.output("tei.xml")))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert document.xpath("//t:listWit/t:witness/@xml:id", namespaces=ns) == [w.siglum for w in book.witnesses]
    apps = document.xpath("//t:body//t:app", namespaces=ns)
    assert len(book.variants) > 20 and [a.get("{http://www.w3.org/XML/1998/namespace}id") for a in apps] == [
        v.anchor for v in book.variants]
    for app, variant in zip(apps, book.variants):
        lem, *readings = app.xpath("t:lem|t:rdg", namespaces=ns)
        assert (lem.get("wit"), tei_check.own_text(lem)) == (" ".join(f"#{s}" for s in variant.lemma_sigla),
                                                              variant.lemma)
        assert [(r.get("wit"), r.text or "") for r in readings] == [
            (" ".join(f"#{s}" for s in reading.sigla), reading.text) for reading in variant.readings]
