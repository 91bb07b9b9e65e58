"""`lectio check` on a broken bibliography: every problem with its file:line, exit status 1, no traceback."""

from tests.conftest import run_cli

BROKEN = """
@book{viola1987bestsons,
  author = {Viola, Lynne}, title = {Again}, year = {1987},
}

@book{broken1930,
  title  = {An entry whose brace never closes,
  year   = {1930},
}

@misc{crossed,
  crossref  = {stalin1955work12},
  publisher = flhp,
}
"""


def test_check_reports_every_bib_error_with_its_line(project):
    bib = project / "bib" / "edition.bib"
    first = bib.read_text(encoding="utf-8").count("\n")
    bib.write_text(bib.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    notes = project / "manuscript" / "S.notes.toml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("[@stalin1930dizzy].", "[@stalin1930dizy]."),
                     encoding="utf-8")
    result = run_cli("check", "--project", str(project))
    assert result.exit_code == 1 and "Traceback" not in result.output
    out = result.output
    assert f"bib/edition.bib:{first + 2}: error: key 'viola1987bestsons' defined again (first at line " in out
    assert f"bib/edition.bib:{first + 7}: error: a brace opened on this line is never closed: the entry that " \
        f"starts at line {first + 6} runs on into the next entry" in out
    assert f"bib/edition.bib:{first + 13}: error: @misc{{crossed}}: field 'publisher' uses 'flhp'" in out
    assert "fix: did you mean 'flph'?" in out and "fix: did you mean 'stalin1955works12'?" in out
    assert "S.notes.toml:" in out and "unknown citation key @stalin1930dizy" in out
    assert "fix: did you mean @stalin1930dizzy?" in out


def test_check_non_utf8_bib(project):
    bib = project / "bib" / "edition.bib"
    bib.write_bytes(bib.read_bytes() + b"\n@misc{latin, title = {Caf\xe9}}\n")
    result = run_cli("check", "--project", str(project))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "bib/edition.bib:" in result.output and "not valid UTF-8: byte 0xe9 at byte offset" in result.output
