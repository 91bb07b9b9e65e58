"""How EPUBCheck's report becomes findings: a warning fails verification like an error."""

import pytest

from lectio.verify import epubcheck as verify
from lectio.errors import ERROR, INFO, WARNING

REPORT = {"messages": [
    {"ID": "RSC-005", "severity": "ERROR", "message": "Error while parsing file", "suggestion": "close the tag",
     "locations": [{"path": "EPUB/text/ch1.xhtml", "line": 12, "column": 4}]},
    {"ID": "OPF-085", "severity": "WARNING", "message": "dc:identifier is not a valid UUID", "locations": []},
    {"ID": "ACC-009", "severity": "USAGE", "message": "usage note", "locations": [{"path": "x", "line": -1}]},
]}


@pytest.fixture
def report(monkeypatch, tmp_path):
    def fake(epub, timeout=300):
        return fake.report

    monkeypatch.setattr(verify, "run_epubcheck", fake)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.epub").write_bytes(b"PK")
    return fake


def test_messages_keep_their_place_and_severity(report, tmp_path):
    report.report = REPORT
    findings = verify.check_epub(tmp_path / "b.epub")
    assert [(f.code, f.severity) for f in findings] == [("epubcheck.RSC-005", ERROR), ("epubcheck.OPF-085", WARNING),
                                                        ("epubcheck.ACC-009", INFO)]
    first = findings[0]
    assert (str(first.location), first.fix) == ("b.epub!EPUB/text/ch1.xhtml:12:4", "close the tag")
    assert (findings[2].location.line, findings[2].location.column) == (0, 0)


def test_a_warning_alone_fails_verification(report, tmp_path):
    report.report = {"messages": [REPORT["messages"][1]]}
    findings, counts = verify.verify_epub(tmp_path / "b.epub")
    assert counts == {"errors": 0, "warnings": 1}
    failed = [f for f in findings if f.severity == ERROR]
    assert [(f.code, f.message) for f in failed] == [
        ("epubcheck.warnings", "EPUBCheck reported 1 warnings; the EPUB must pass with none")]


def test_a_clean_report_passes(report, tmp_path):
    report.report = {"messages": [REPORT["messages"][2]]}
    findings, counts = verify.verify_epub(tmp_path / "b.epub")
    assert counts == {"errors": 0, "warnings": 0}
    assert [f.severity for f in findings] == [INFO]


def test_no_file_is_an_error_not_an_empty_report(report, tmp_path):
    """EPUBCheck 5.3 writes a report without a message for a path that names no file."""
    report.report = {"messages": []}
    findings, counts = verify.verify_epub(tmp_path / "nothing.epub")
    assert [(f.code, f.severity) for f in findings] == [("epubcheck.no-file", ERROR)] and counts["errors"] == 1


@pytest.mark.slow
def test_a_relative_path_is_checked_from_where_it_was_given(tmp_path, monkeypatch):
    """EPUBCheck runs in a temporary folder: a path relative to the caller's folder must still name the file."""
    import zipfile

    with zipfile.ZipFile(tmp_path / "broken.epub", "w") as package:
        package.writestr("mimetype", "application/epub+zip")
    monkeypatch.chdir(tmp_path)
    findings, counts = verify.verify_epub(verify.Path("broken.epub"))
    assert counts["errors"] >= 1 and any(f.code.startswith("epubcheck.RSC") or f.code.startswith("epubcheck.PKG")
                                         for f in findings), findings
