"""What makes a build run again: a changed input, option, output or lectio; --force; a cache that
cannot be read. A build that fails records nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lectio import cache, fingerprint, manifest
from tests.conftest import run_cli
from tests.cache.test_noop import UP_TO_DATE

EDITS = {
    "a.txt": ("A second paragraph", "A second, edited paragraph"),
    "a.notes.toml": ("[@viola1987]", "[@viola1987, 12]"),
    "t.bib": ("year = {1987}", "year = {1988}"),
    "print.css": ("*/", "*/\np { color: black; }"),
    "epub.css": ("*/", "*/\np { color: black; }"),
    "edition.toml": ('title = "A Tiny Edition"', 'title = "A Tiny Edition, Edited"'),
}


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edited_input_rebuilds(copy, spy, name):
    _edit(copy, name, *EDITS[name])
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert "up to date" not in result.output
    assert spy.calls == [(("pdf", "epub", "tei"), True, False)]


@pytest.mark.parametrize("change", ["deleted", "altered"])
def test_a_missing_or_altered_output_rebuilds(copy, spy, change):
    epub = copy / "build" / "tiny.epub"
    if change == "deleted":
        epub.unlink()
    else:
        data = bytearray(epub.read_bytes())
        data[-1] ^= 1
        epub.write_bytes(bytes(data))
    assert "up to date" not in run_cli("build").output
    assert run_cli("build", "--to", "pdf").output.startswith("up to date: build/tiny.pdf ")
    assert spy.calls == [(("pdf", "epub", "tei"), True, False)]


def test_a_target_not_built_before_is_built(copy, spy):
    run_cli("build", "--to", "cover")
    assert spy.calls == [(("cover",), True, False)]


def test_another_source_date_or_lectio_rebuilds(copy, spy, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    run_cli("build")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setattr(manifest, "__version__", "99.0")
    run_cli("build")
    assert len(spy.calls) == 2


def test_an_edited_lectio_file_rebuilds(copy, spy, monkeypatch, tmp_path):
    """In a development checkout the version does not move: the hash of lectio's own files does."""
    extra = tmp_path / "lectio-extra.py"
    extra.write_text("# an edit\n", encoding="utf-8")
    files = fingerprint.package_files()
    monkeypatch.setattr(manifest, "package_files", lambda: files + [str(extra)])
    assert "up to date" not in run_cli("build").output
    assert len(spy.calls) == 1


def test_force_rebuilds_and_the_cache_misses_while_it_runs(copy, monkeypatch):
    store = cache.Store(copy / "build", "parts")
    store.put("ab" * 32, b"kept")
    seen = []

    def build(project, targets, check_outputs=True, echo=print):
        from lectio.build import BuildResult

        seen.append((cache.forced(), store.get("ab" * 32)))
        return BuildResult()

    monkeypatch.setattr("lectio.build.build", build)
    result = run_cli("build", "--force")
    assert result.exit_code == 0, result.output
    assert seen == [(True, None)]
    assert not cache.forced() and store.get("ab" * 32) == b"kept"


@pytest.mark.parametrize("damage", ["{not json", '{"format": 1, "inputs": [], "outputs": 3}', "", "\x00\xff", "[]",
                                    '{"format": 1, "state": "", "written_ns": 0, "inputs": {"a.txt": 5}, '
                                    '"code": {}, "outputs": {}, "folders": {}}'])
def test_a_corrupt_manifest_means_a_full_build_never_an_error(copy, spy, damage):
    (copy / "build" / ".cache" / "manifest.json").write_bytes(damage.encode("latin-1"))
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert spy.calls == [(("pdf", "epub", "tei"), True, False)]


def test_a_real_rebuild_records_the_new_inputs_and_keeps_the_cache(copy):
    """--to tei needs no layout: a real build, cheap enough to run here."""
    verified = sorted((copy / "build" / ".cache" / "verified").rglob("*"))
    _edit(copy, "a.txt", "A second paragraph", "A paragraph written again")
    result = run_cli("build", "--to", "tei", "--no-verify")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "up to date" not in result.output
    assert "A paragraph written again" in (copy / "build" / "tiny.tei.xml").read_text(encoding="utf-8")
    assert "\nup to date, verified now: build/tiny.tei.xml" in run_cli("build", "--to", "tei").output
    assert run_cli("build", "--to", "tei").output == \
        "up to date: build/tiny.tei.xml (lectio build --force rebuilds)\n"
    assert set(verified) <= set((copy / "build" / ".cache" / "verified").rglob("*"))  # the commit kept .cache
    data = json.loads((copy / "build" / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    assert list(data["outputs"]) == ["tei"]  # the PDF and EPUB are those of the text before the edit
    assert not any(name.startswith("build") for name in data["inputs"])


def test_a_deleted_cache_is_a_full_build(copy):
    import shutil

    shutil.rmtree(copy / "build" / ".cache")
    result = run_cli("build", "--to", "tei", "--no-verify")
    assert result.exit_code == 0 and "wrote" in result.output, result.output
    assert run_cli("build", "--to", "tei", "--no-verify").output.startswith("up to date: build/tiny.tei.xml")


def test_a_failed_build_records_nothing(copy):
    record = (copy / "build" / ".cache" / "manifest.json").read_bytes()
    source = (copy / "a.txt").read_bytes()
    (copy / "a.txt").write_bytes(source + b"\x01 a control character\n")
    result = run_cli("build", "--to", "tei", "--no-verify")
    assert result.exit_code == 1 and "[sources.control-character]" in result.output
    assert (copy / "build" / ".cache" / "manifest.json").read_bytes() == record
    (copy / "a.txt").write_bytes(source)  # the outputs are still those of this text
    assert run_cli("build").output == UP_TO_DATE


def test_a_real_build_over_a_damaged_manifest_writes_a_good_one(copy):
    path = copy / "build" / ".cache" / "manifest.json"
    path.write_text('{"format": 1, "state": "", "written_ns": 0, "inputs": {"a.txt": 5}}', encoding="utf-8")
    result = run_cli("build", "--to", "tei", "--no-verify")
    assert result.exit_code == 0 and "wrote" in result.output, result.output
    assert manifest.status(copy, ("tei",), False).fresh
