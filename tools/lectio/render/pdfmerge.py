"""The PDFs of a book's parts (``render.parallel``) merged into one, as one layout would have written it.

The first part's file is the base: its catalog keeps the metadata (XMP, document info), the output
intents, ``/Lang``, ``/MarkInfo`` and the viewer preferences, which every part has alike. The pages
of the next parts follow in order, and with them:

- their structure elements, under the base's ``Document`` element, and their ParentTree entries with
  the keys moved past the base's (the pages' ``/StructParents`` and the annotations' ``/StructParent``
  moved with them);
- their bookmarks, after the base's, at the same level;
- their named destinations, in one sorted name tree;
- the links into another part (``xrefs``: written as ``lectio-xref:#id``) turned into links to the
  named destination ``id``;
- the page labels written for the whole book (``folios.label_ranges``), and blank pages at the end
  when the book's ``pad_to`` asks for more than the last part could add.

Objects are copied with ``Pdf.copy_foreign`` after the pages, so that a reference to a page (an
element's ``/Pg``, a destination) is to the page copied. The file is saved with an /ID computed from
its content, so that it stays reproducible under SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import io
import warnings
from contextlib import ExitStack

import pikepdf

from lectio.render import pdfstructtree, xrefs


def padding(pages: int, pad_to: int) -> int:
    """The blank pages that bring ``pages`` up to a multiple of ``pad_to``."""
    return -pages % max(1, pad_to)


def merge(datas: list[bytes], ranges: list[tuple[int, str, int]], extra: int = 0) -> bytes:
    """One PDF from the parts' ``datas``, with the page labels ``ranges`` and ``extra`` blank pages."""
    with ExitStack() as stack:
        base = stack.enter_context(pikepdf.open(io.BytesIO(datas[0])))
        tree = _Tree(base)
        names = [(name, dest) for name, dest in _dests(base)]
        for data in datas[1:]:
            tree.drop_blank(base.pages[-1])  # the part before padded to an even count: its blank verso
            part = stack.enter_context(pikepdf.open(io.BytesIO(data)))
            first = len(base.pages)
            with warnings.catch_warnings():  # named destinations: merged below, not by pikepdf
                warnings.simplefilter("ignore", pikepdf.exceptions.PageCopyWarning if hasattr(
                    pikepdf.exceptions, "PageCopyWarning") else Warning)
                base.pages.extend(part.pages)
            tree.append(part, base.pages[first:])
            names += [(name, _copied(base, dest)) for name, dest in _dests(part)]
            _outlines(base, part)
        _blank_pages(base, extra)
        _links(base)
        tree.write()
        _write_dests(base, names)
        _page_labels(base, ranges)
        out = io.BytesIO()
        base.save(out, deterministic_id=True)
    return out.getvalue()


class _Tree:
    """The base's structure tree, growing by the parts'."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.get("/StructTreeRoot")
        self.entries = pdfstructtree._parent_tree(self.root.get("/ParentTree")) if self.root is not None else {}
        self.document = pdfstructtree.kids(self.root)[0] if self.root is not None else None

    def append(self, part: pikepdf.Pdf, pages) -> None:
        root = part.Root.get("/StructTreeRoot")
        if root is None or self.root is None:
            return
        shift = max(self.entries, default=-1) + 1
        for document in pdfstructtree.kids(root):
            for kid in pdfstructtree.kids(document):
                copied = self.pdf.copy_foreign(kid)
                copied.P = self.document
                self.document.K.append(copied)
        for key, value in pdfstructtree._parent_tree(root.get("/ParentTree")).items():
            self.entries[key + shift] = _copied(self.pdf, value)
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + shift
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + shift

    def drop_blank(self, page) -> None:
        """The empty elements of ``page`` when nothing on it is marked (a blank page made by padding: one
        layout of the whole book has no element there)."""
        key = page.obj.get("/StructParents")
        if self.document is None or (key is not None and len(self.entries.get(int(key), ())) > 0):
            return
        self.document.K = pikepdf.Array([kid for kid in pdfstructtree.kids(self.document) if not (
            pdfstructtree.is_element(kid) and kid.get("/Pg") is not None and kid.Pg.objgen == page.obj.objgen
            and not pdfstructtree.kids(kid))])

    def write(self) -> None:
        if self.root is None:
            return
        nums = []
        for key in sorted(self.entries):
            nums += [key, self.entries[key]]
        self.root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        self.root.ParentTreeNextKey = max(self.entries, default=-1) + 1


def _copied(pdf: pikepdf.Pdf, value):
    """``value`` of another PDF in ``pdf``: an indirect object copied, a direct array item by item."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copied(pdf, item) for key, item in value.items()})
    return value


def _dests(pdf: pikepdf.Pdf) -> list[tuple[bytes, object]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return []
    tree = pikepdf.NameTree(names.Dests)
    return [(bytes(str(name), "utf-8") if not isinstance(name, bytes) else name, tree[name]) for name in tree.keys()]


def _write_dests(pdf: pikepdf.Pdf, names) -> None:
    if not names:
        return
    flat = []
    for name, dest in sorted(names, key=lambda item: item[0]):
        flat += [pikepdf.String(name), dest]
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    pdf.Root.Names.Dests = pikepdf.Dictionary(Names=pikepdf.Array(flat))


def _outlines(pdf: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    """The part's top-level bookmarks after the base's."""
    theirs = part.Root.get("/Outlines")
    if theirs is None or "/First" not in theirs:
        return
    if "/Outlines" not in pdf.Root:
        pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=0))
    ours = pdf.Root.Outlines
    item = pdf.copy_foreign(theirs.First)  # its /Next chain comes with it
    last = ours.get("/Last")
    if last is not None:
        last.Next, item.Prev = item, last
    else:
        ours.First = item
    while item is not None:
        item.Parent = ours
        ours.Last = item
        item = item.get("/Next")
    ours.Count = int(ours.get("/Count", 0)) + int(theirs.get("/Count", 0))


def _links(pdf: pikepdf.Pdf) -> None:
    """Links into another part (``lectio-xref:#id``) as links to the named destination ``id``."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            target = xrefs.target(uri)
            if target is not None:
                del annotation["/A"]
                annotation.Dest = pikepdf.String(target)


def _blank_pages(pdf: pikepdf.Pdf, count: int) -> None:
    """``count`` blank pages at the end, each with the boxes of the page two before it (same side)."""
    for _ in range(count):
        model = pdf.pages[-2].obj
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, Resources=pikepdf.Dictionary(),
                                  Contents=pdf.make_stream(b""))
        for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if box in model:
                page[box] = pikepdf.Array(list(model[box]))
        pdf.pages.append(pikepdf.Page(page))


def _page_labels(pdf: pikepdf.Pdf, ranges) -> None:
    numbers = []
    for index, style, first in ranges:
        numbers += [index, pikepdf.Dictionary(S=pikepdf.Name("/" + style), St=first)]
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(numbers))
