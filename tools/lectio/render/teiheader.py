"""The ``teiHeader`` of the TEI export, from ``edition.toml`` and the book.

``fileDesc``: the title statement (title, subtitle, editors), the edition statement, the
publication statement (publisher, date, identifier and ISBN, the rights as the licence),
the source description (each reading's source file as a ``bibl``, the witnesses as a
``listWit``). ``encodingDesc``: the application that wrote the file, the editorial declarations (what normalization changed in
each reading, how the editorial signs are encoded) and the variant encoding.
``profileDesc``: the languages used.
"""

from __future__ import annotations

from pathlib import Path

from lectio import __version__
from lectio.notetext import RULE_WORDS
from lectio.model import Book
from lectio.render.teiinline import Context
from lectio.render.teixml import block, element

SIGN_CONVENTIONS = (
    ("supplied", "< >", "text the editor supplies"),
    ("surplus", "[ ]", "text of the source the editor deletes as superfluous"),
    ("sic", "† †", "text the editor judges corrupt and prints as received"),
)


def header(root, book: Book, ctx: Context) -> None:
    made = block(root, "teiHeader")
    file_desc = block(made, "fileDesc")
    _title_stmt(file_desc, book)
    edition = book.config.edition
    if edition.edition_statement:
        element(block(file_desc, "editionStmt"), "edition", edition.edition_statement)
    _publication_stmt(file_desc, book)
    _source_desc(file_desc, book, ctx)
    _encoding_desc(made, book)
    languages = dict.fromkeys([edition.language] + [r.language for r in book.readings if r.language])
    usage = block(block(made, "profileDesc"), "langUsage")
    for language in languages:
        element(usage, "language", language, ident=language)


def _title_stmt(parent, book: Book) -> None:
    edition = book.config.edition
    stmt = block(parent, "titleStmt")
    element(stmt, "title", edition.title, type="main")
    if edition.subtitle:
        element(stmt, "title", edition.subtitle, type="sub")
    for name in edition.editors:
        element(stmt, "editor", name)


def _publication_stmt(parent, book: Book) -> None:
    edition = book.config.edition
    stmt = block(parent, "publicationStmt")
    if edition.publisher:
        element(stmt, "publisher", edition.publisher)
    else:  # TEI wants someone who makes the text available before its date
        element(stmt, "authority", ", ".join(edition.editors))
    element(stmt, "date", edition.date, when=edition.date)
    element(stmt, "idno", edition.identifier, type="URI" if ":" in edition.identifier else "")
    if edition.isbn:
        element(stmt, "idno", edition.isbn, type="ISBN")
    availability = element(stmt, "availability")
    element(element(availability, "licence"), "p", edition.rights)


def _source_desc(parent, book: Book, ctx: Context) -> None:
    desc = block(parent, "sourceDesc")
    sources = block(desc, "listBibl")
    for reading in book.readings:
        bibl = block(sources, "bibl", xml_id=ctx.ids.new(f"source-{reading.siglum}"), corresp=f"#{reading.anchor}",
                     n=reading.siglum)
        element(bibl, "title", reading.title)
        if reading.author:
            element(bibl, "author", reading.author)
        element(bibl, "idno", project_path(book, reading.text.path), type="file")
        if reading.description:
            element(bibl, "note", reading.description)
    if book.witnesses:
        witnesses = block(desc, "listWit")
        for witness in book.witnesses:
            made = block(witnesses, "witness", xml_id=ctx.witnesses[witness.siglum], n=witness.siglum,
                         corresp=f"#{book_reading_anchor(book, witness.reading)}")
            element(made, "abbr", witness.siglum, type="siglum")
            element(made, "title", witness.label)
            element(made, "idno", witness.source, type="file")
            if witness.base:
                element(made, "label", "base text")


def project_path(book: Book, path) -> str:
    """``path`` as edition.toml names it (relative to the project): the same wherever lectio runs."""
    path = Path(path)
    try:
        return path.resolve().relative_to(book.config.root).as_posix()
    except (ValueError, AttributeError):
        return path.name


def book_reading_anchor(book: Book, siglum: str) -> str:
    return next((r.anchor for r in book.readings if r.siglum == siglum), f"reading-{siglum}")


def _encoding_desc(parent, book: Book) -> None:
    desc = block(parent, "encodingDesc")
    application = element(block(desc, "appInfo"), "application", ident="lectio", version=__version__)
    element(application, "label", "lectio")
    decl = block(desc, "editorialDecl")
    normalization = block(decl, "normalization")
    for reading in book.readings:
        changes = [(RULE_WORDS[rule], count) for rule, count in sorted(reading.text.changes.items())
                   if rule in RULE_WORDS]
        para = block(normalization, "p", f"{reading.siglum}: ", corresp=f"#{reading.anchor}")
        items = element(para, "list")
        for words, count in changes:
            element(items, "item", words, n=str(count))
        if not changes:
            element(items, "item", "none")
    correction = block(decl, "correction")
    for name, signs, meaning in SIGN_CONVENTIONS:
        para = block(correction, "p")
        element(para, "gi", name)
        para[-1].tail = f": {meaning}, printed between {signs}."
    block(desc, "variantEncoding", method="parallel-segmentation", location="internal")
