"""``lectio new``: a project that checks clean and builds; ``--from`` received files; never overwrite."""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

from pypdf import PdfReader

from lectio.scaffold.detect import propose, siglum_for
from tests.conftest import run_cli

SAMPLE_FILES = ("edition.toml", "README.md", "manuscript/sample.txt", "manuscript/sample.notes.toml",
                "manuscript/apparatus.toml", "bib/edition.bib")


def test_new_writes_every_file_and_checks_clean(new_built: Path):
    for name in SAMPLE_FILES:
        assert (new_built / name).is_file(), name
    config = tomllib.loads((new_built / "edition.toml").read_text(encoding="utf-8"))
    assert config["edition"]["name"] == "sample-edition" and config["edition"]["title"] == "Sample Edition"
    assert "# trim = \"6x9in\"" in (new_built / "edition.toml").read_text(encoding="utf-8")
    result = run_cli("check", "-p", str(new_built))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "0 errors, 0 warnings, 0 resolved by the editor"


def test_new_project_builds_with_notes_bibliography_and_apparatus(new_built: Path):
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(new_built / "build/sample-edition.pdf").pages]
    text = " ".join(pages)
    assert "On Keeping a Commonplace Book" in text
    assert "A New Method of Making Common-Place-Books" in text  # note 1, formatted from the .bib
    assert "An index of the headings" in text  # note 2
    assert "Choosing what to keep" in text  # the apparatus entry
    with zipfile.ZipFile(new_built / "build/sample-edition.epub") as epub:
        xhtml = " ".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    assert "An index of the headings" in xhtml and "Choosing what to keep" in xhtml


def test_new_refuses_to_overwrite(tmp_path: Path):
    target = tmp_path / "ed"
    (target / "manuscript").mkdir(parents=True)
    (target / "manuscript" / "apparatus.toml").write_text("# mine\n", encoding="utf-8")
    result = run_cli("new", str(target))
    assert result.exit_code == 1
    assert f"{target / 'manuscript' / 'apparatus.toml'} exists; lectio new never overwrites a file" in result.stderr
    assert (target / "manuscript" / "apparatus.toml").read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.name for p in target.rglob("*")) == ["apparatus.toml", "manuscript"]  # nothing else written


PAREN = """THE MILL AT THE FORD

The mill stood where the road crossed the river, and every cart that came to it stopped twice.(1)

The miller kept no books, but he remembered every debt for twenty years.(2) His son wrote them down.(3)
"""
NOTES_SECTION = """# A Winter Crossing

The ferry ran until the ice was thick enough to walk on, and a week longer.[^1]

[^1]: The ferryman's own account, told to his granddaughter.
"""


def test_new_from_received_files(tmp_path: Path, monkeypatch):
    (tmp_path / "mill.txt").write_text(PAREN, encoding="utf-8")
    (tmp_path / "crossing.md").write_text(NOTES_SECTION, encoding="utf-8")
    before = (tmp_path / "mill.txt").read_bytes()
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "ed", "--from", "mill.txt", "crossing.md")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert 'reading M: mill.txt, "The Mill at the Ford"; 3 note marker(s), (N), 0 with a text in the file, 3 without' in out
    assert 'reading W: crossing.md, "A Winter Crossing"; 1 note marker(s), [^N], their texts in the file' in out
    assert "ed/manuscript/mill.txt:3:" in out and "[notes.no-text]" in out
    assert "3 errors, 0 warnings" in out and "exit status 0" in out  # markers without texts are errors
    assert (tmp_path / "ed/manuscript/mill.txt").read_bytes() == before == (tmp_path / "mill.txt").read_bytes()
    stubs = (tmp_path / "ed/manuscript/M.notes.toml").read_text(encoding="utf-8")
    assert re.findall(r"^# marker = (\d+)$", stubs, re.M) == ["1", "2", "3"]
    assert not (tmp_path / "ed/manuscript/W.notes.toml").exists()
    readings = tomllib.loads((tmp_path / "ed/edition.toml").read_text(encoding="utf-8"))["readings"]
    assert [(r["siglum"], r["source"], r.get("notes")) for r in readings] == [
        ("M", "manuscript/mill.txt", "manuscript/M.notes.toml"), ("W", "manuscript/crossing.md", None)]


def test_stubs_once_filled_check_clean(tmp_path: Path, monkeypatch):
    (tmp_path / "mill.txt").write_text(PAREN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "ed", "--from", "mill.txt").exit_code == 0
    stubs = tmp_path / "ed/manuscript/M.notes.toml"
    filled = re.sub(r"^# (\[\[note\]\]|marker = \d+)", r"\1", stubs.read_text(encoding="utf-8"), flags=re.M)
    stubs.write_text(filled.replace('# text = ""', 'text = "Told by the miller."'), encoding="utf-8")
    result = run_cli("check", "-p", "ed")
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output


def test_titles_proposed(tmp_path: Path):
    cases = {"upper.txt": "THE MILL AT THE FORD\n\nText.\n", "heading.md": "Intro line.\n\n## A Heading\n\nText.\n",
             "long_file-name.txt": "A first paragraph that runs on " * 10 + "\n"}
    titles = {}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        titles[name] = propose(tmp_path / name, set()).title
    assert titles == {"upper.txt": "The Mill at the Ford", "heading.md": "A Heading", "long_file-name.txt": "long file name"}


def test_sigla_proposed_are_unique_and_valid():
    taken: set[str] = set()
    proposed = []
    for title in ("The Mill at the Ford", "Mill Songs", "Mill Songs", "Mill Songs", "Éloge de l’ombre", "1848"):
        siglum = siglum_for(title, taken)
        taken.add(siglum)
        proposed.append(siglum)
    assert proposed == ["M", "MS", "Mi", "Mil", "E", "A"]
    assert all(re.fullmatch(r"[A-Z][A-Za-z]{0,2}", s) for s in proposed)


def test_from_needs_existing_files_and_distinct_names(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "ed", "--from", "missing.txt").exit_code == 2
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = run_cli("new", "ed", "--from", "x/a.txt", "y/a.txt")
    assert result.exit_code == 1 and "two received files are named a.txt" in result.stderr
    assert not (tmp_path / "ed").exists()
