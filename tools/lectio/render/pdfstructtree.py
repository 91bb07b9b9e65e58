"""A PDF's structure tree and marked content, read and edited with pikepdf's public API.

``StructTree`` holds the ParentTree (page → MCID → element, StructParent →
element) as Python mappings over the PDF's own arrays, walks the tree from the
StructTreeRoot, and offers the few edits :mod:`lectio.render.pdftags` needs: take
MCIDs out of the tree, find the element common to some MCIDs, merge a nested
``Link`` into the outer one. The content-stream helpers read where each MCID's text
is drawn and rewrite marked content as ``/Artifact``. :mod:`lectio.verify.pdfstructure`
reads PDFs with the same functions.
"""

from __future__ import annotations

import re

import pikepdf

from lectio.render.ids import unique

TEXT_MATRIX = "Tm"
MARKING_OPERATORS = "BDC BMC EMC Tm"
MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def kids(element) -> list:
    """An element's /K as a list (a single kid or none are allowed by the PDF format)."""
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def is_element(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Type", pikepdf.Name.StructElem) == "/StructElem" \
        and "/S" in obj


def walk(element, depth: int = 0):
    """(element, depth) for ``element`` and every element below it, in reading order."""
    yield element, depth
    for kid in kids(element):
        if is_element(kid):
            yield from walk(kid, depth + 1)


def mcid_of(kid) -> int | None:
    """The MCID a kid names: an integer, or a marked-content reference dictionary."""
    if isinstance(kid, int):
        return int(kid)
    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
        return int(kid.MCID)
    return None


class StructTree:
    """The structure tree of an open PDF, with its ParentTree as mappings."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.page_index = {page.objgen: number for number, page in enumerate(pdf.pages)}
        self.keys = [int(page.obj.get("/StructParents", -1)) for page in pdf.pages]
        self.entries = _parent_tree(self.root.get("/ParentTree"))
        self.used_ids: set[str] = set()
        self.reached = {element.objgen for top in kids(self.root) if is_element(top) for element, _ in walk(top)}
        self._counts: dict | None = None  # element → MCIDs below it, made by one walk when first asked

    def elements(self):
        for top in kids(self.root):
            if is_element(top):
                yield from walk(top)

    def page_array(self, number: int):
        found = self.entries.get(self.keys[number])
        return found if isinstance(found, pikepdf.Array) else None

    def element_of(self, number: int, mcid: int):
        array = self.page_array(number)
        if array is None or mcid >= len(array) or not is_element(array[mcid]):
            return None
        return array[mcid]

    def reachable(self, number: int, mcid: int) -> bool:
        element = self.element_of(number, mcid)
        return element is not None and element.objgen in self.reached

    def page_of(self, element) -> int | None:
        page = element.get("/Pg")
        return self.page_index.get(page.objgen) if page is not None else None

    def mcids_below(self, element) -> set[tuple[int, int]]:
        """(page number, MCID) of the marked content below ``element``."""
        found = set()
        for each, _ in walk(element):
            for kid in kids(each):
                mcid = mcid_of(kid)
                if mcid is not None:
                    page = kid.get("/Pg") if isinstance(kid, pikepdf.Dictionary) else None
                    found.add((self.page_index.get(page.objgen) if page is not None else self.page_of(each), mcid))
        return found

    def count_below(self, element) -> int:
        """How many marked-content sequences are below ``element``: the whole tree is counted once (a
        sequence belongs to one element, ISO 32000-1 14.7.4), then kept up to date by :meth:`remove_mcids`."""
        if self._counts is None:
            self._counts = {}
            for top in kids(self.root):
                if is_element(top):
                    _count(top, self._counts)
        return self._counts.get(element.objgen, 0)

    def remove_mcids(self, number: int, mcids: set[int]) -> None:
        """Take the MCIDs out of their elements and the ParentTree; drop elements left empty."""
        array = self.page_array(number)
        for mcid in sorted(mcids):
            element = self.element_of(number, mcid)
            if element is None:
                continue
            array[mcid] = None
            before = kids(element)
            element.K = pikepdf.Array([k for k in before if mcid_of(k) != mcid])
            removed = len(before) - len(element.K)
            for above in _ancestors(element) if self._counts is not None else ():
                self._counts[above.objgen] = self._counts.get(above.objgen, 0) - removed
            _prune(element)

    def common_element(self, number: int, mcids: list[int]):
        """The deepest element above all ``mcids`` of page ``number``: the first one's ancestors, each
        other one walked up only until it meets them (most share a paragraph: a step or two)."""
        elements = [e for e in (self.element_of(number, m) for m in mcids) if e is not None]
        if not elements:
            return None
        chain = _ancestors(elements[0])
        depth = {element.objgen: n for n, element in enumerate(chain)}
        lowest = 0
        for element in elements[1:]:
            while is_element(element) and element.objgen not in depth:
                element = element.get("/P")
            if not is_element(element):
                return None
            lowest = max(lowest, depth[element.objgen])
        return chain[lowest]

    def unique_id(self, base: str) -> str:
        return unique(base, self.used_ids)

    def annotation_element(self, annotation):
        key = annotation.get("/StructParent")
        found = self.entries.get(int(key)) if key is not None else None
        return found if is_element(found) else None

    def link_element(self, annotation):
        """The ``Link`` element of a link annotation: its own, the outermost Link above it, or it made one."""
        element = self.annotation_element(annotation)
        if element is None:
            return None
        links = [e for e in _ancestors(element) if e.get("/S") == "/Link"]
        if not links:
            element.S = pikepdf.Name.Link
            return element
        target = links[-1]
        for inner in links[:-1]:  # one link, nested boxes: the text inside is a span of the outer Link
            inner.S = pikepdf.Name.Span
        if target.objgen != element.objgen:
            reference = next(k for k in kids(element) if _names(k, annotation))
            element.K = pikepdf.Array([k for k in kids(element) if not _names(k, annotation)])
            target.K = pikepdf.Array(kids(target) + [reference])
            self.entries[int(annotation.StructParent)] = target
            _prune(element)
        return target

    def write(self) -> None:
        """The ParentTree written back as one flat number tree."""
        nums = []
        for key in sorted(self.entries):
            nums += [key, self.entries[key]]
        self.root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        self.root.ParentTreeNextKey = max(self.entries, default=-1) + 1


def _count(element, counts: dict) -> int:
    total = 0
    for kid in kids(element):
        total += _count(kid, counts) if is_element(kid) else mcid_of(kid) is not None
    counts[element.objgen] = total
    return total


def _parent_tree(node) -> dict:
    """The number tree flattened: key → page array or element."""
    if node is None:
        return {}
    found = {}
    nums = node.get("/Nums")
    if nums is not None:
        found.update({int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)})
    for kid in node.get("/Kids", []):
        found.update(_parent_tree(kid))
    return found


def _names(kid, annotation) -> bool:
    """Whether ``kid`` is the object reference of ``annotation``."""
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Obj") is not None and kid.Obj.objgen == annotation.objgen


def _ancestors(element) -> list:
    """``element`` and the elements above it, up to (not including) the StructTreeRoot."""
    chain = []
    while is_element(element):
        chain.append(element)
        element = element.get("/P")
    return chain


def _prune(element) -> None:
    """Remove ``element`` from its parent while it has no kids left, going up."""
    while is_element(element) and not kids(element):
        parent = element.get("/P")
        if not is_element(parent):
            return
        parent.K = pikepdf.Array([k for k in kids(parent) if not (is_element(k) and k.objgen == element.objgen)])
        element = parent


def mcid_positions(page) -> dict[int, tuple[float, float]]:
    """Each MCID of the page and where its first text is drawn (the text matrix's e, f)."""
    positions, stack = {}, []
    for operands, operator in pikepdf.parse_content_stream(page, MARKING_OPERATORS):
        name = str(operator)
        if name in ("BDC", "BMC"):
            stack.append(mcid_operand(operands) if name == "BDC" else None)
        elif name == "EMC" and stack:
            stack.pop()
        elif name == TEXT_MATRIX and stack and stack[-1] is not None and stack[-1] not in positions:
            positions[stack[-1]] = (float(operands[4]), float(operands[5]))
    return positions


def mcid_operand(operands) -> int | None:
    properties = operands[1] if len(operands) > 1 else None
    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


def mark_artifacts(pdf: pikepdf.Pdf, page, mcids: set[int], properties: bytes) -> None:
    """Rewrite the marked content of ``mcids`` as ``/Artifact`` with ``properties`` (a dictionary's source).

    The stream is edited as bytes: parsing and writing back every operator of a page costs
    seconds a book, and text in these streams is hex strings, which cannot hold the pattern."""
    def artifact(match: re.Match) -> bytes:
        return b"/Artifact " + properties + b" BDC" if int(match.group(1)) in mcids else match.group(0)

    data = b"".join(stream.read_bytes() for stream in _streams(page))
    page.obj.Contents = pdf.make_stream(MARKED.sub(artifact, data))


def _streams(page) -> list:
    contents = page.obj.get("/Contents")
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]
