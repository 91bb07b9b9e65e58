"""Accessibility claims only when the editor makes them, and the one-title rule, on small configurations."""

from __future__ import annotations

from lectio.config import Edition
from lectio.render.epub_opf import accessibility, full_title, page_break_source
from tests.conftest import make_tiny_project, run_cli

BASE = {"name": "t", "title": "A Book", "editors": ("A. Editor",), "identifier": "urn:uuid:1", "date": "2026"}


def edition(**extra) -> Edition:
    return Edition(**BASE, **extra)


def test_no_conformance_claim_nor_certifier_unless_configured():
    props = dict(accessibility(edition(), paged=False))
    assert "dcterms:conformsTo" not in props and "a11y:certifiedBy" not in props
    features = [v for k, v in accessibility(edition(), paged=False) if k == "schema:accessibilityFeature"]
    assert "pageNavigation" not in features and "tableOfContents" in features


def test_a_configured_claim_and_certifier_are_written():
    claim = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    props = dict(accessibility(edition(accessibility_conformance=claim, accessibility_certifier="Checker Ltd"), True))
    assert props["dcterms:conformsTo"] == claim and props["a11y:certifiedBy"] == "Checker Ltd"


def test_a_certifier_without_a_claim_is_refused_with_its_line(tmp_path):
    root = make_tiny_project(tmp_path / "tiny")
    toml = (root / "edition.toml").read_text().replace('date = "2026-01-01"\n',
                                                        'date = "2026-01-01"\naccessibility_certifier = "Me"\n')
    (root / "edition.toml").write_text(toml)
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    assert "edition.toml:7:" in result.output and "[config.needs-claim]" in result.output
    assert "accessibility_conformance" in result.output


def test_subtitle_is_folded_into_the_title():
    assert full_title(edition(subtitle="A Study")) == "A Book: A Study"
    assert full_title(Edition(**{**BASE, "title": "Why?"}, subtitle="An Answer")) == "Why? An Answer"
    assert full_title(edition()) == "A Book"


def test_page_break_source_names_the_print_isbn_or_the_edition():
    assert page_break_source(edition(isbn="978-0-306-40615-7")) == "urn:isbn:9780306406157"
    assert page_break_source(edition()).startswith("urn:uuid:1 ")
