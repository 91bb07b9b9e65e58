"""The tagged PDF finished: WeasyPrint's structure tree corrected with pikepdf.

WeasyPrint (``pdf_tags=True``) marks every text box with a marked-content id and
builds a structure tree from the boxes. Left as it is, the tree says less than the
book: running heads and folios (margin boxes) carry MCIDs that no element of the tree
reaches, paragraph numbers in the margin read as part of the paragraph, footnotes
are plain spans, a link whose text holds another element has its annotation under a
``Span``, and annotations describe themselves by their target's id. ``finish`` then:

- turns running heads, folios and paragraph numbers into ``/Artifact`` marked content
  (``/Type /Pagination``) and takes them out of the tree and of the ParentTree;
- makes each footnote's element a ``Note`` with an ``/ID`` (the note's id);
- puts every link annotation under a ``Link`` element (nested ``Link`` elements of
  one link become one), with a ``/Contents`` and an ``/Alt`` from the link's
  description (:mod:`lectio.render.pdfroles`);
- sets ``/Lang`` on the elements of text in another language than the book's,
  and writes the title and language into the XMP metadata when WeasyPrint did not.

The text boxes are matched with the content stream by where they are drawn
(:class:`lectio.render.pdfroles.PageRoles`). The file is saved with an /ID computed
from its content, so it stays reproducible under SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import io

import pikepdf

from lectio.render import pdfstructtree as tree
from lectio.render.pdfroles import Roles

ARTIFACT = b"<</Type /Pagination>>"


def finish(data: bytes, roles: Roles, title: str) -> bytes:
    """The PDF ``data`` (tagged by WeasyPrint) with artifacts, notes, links and languages set right."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        struct = tree.StructTree(pdf)
        for number, page in enumerate(pdf.pages):
            if number < len(roles.pages):
                _finish_page(struct, number, page, roles)
        _links(struct, pdf, roles)
        struct.write()
        _metadata(pdf, title, roles.lang)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _finish_page(struct, number: int, page, roles: Roles) -> None:
    """Artifacts out of the tree, then the notes and languages of what stays."""
    placed = tree.mcid_positions(page)
    page_roles = roles.pages[number]
    found = {mcid: page_roles.at(*xy) for mcid, xy in placed.items()}
    artifacts = {mcid for mcid, role in found.items() if (role and role.margin) or not struct.reachable(number, mcid)}
    if artifacts:
        tree.mark_artifacts(struct.pdf, page, artifacts, ARTIFACT)
        struct.remove_mcids(number, artifacts)
    kept = {mcid: role for mcid, role in found.items() if role is not None and mcid not in artifacts}
    _notes(struct, number, kept)
    _languages(struct, number, kept, roles.lang)


def _groups(kept: dict, key) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for mcid, role in sorted(kept.items()):
        value = key(role)
        if value:
            groups.setdefault(value, []).append(mcid)
    return groups


def _notes(struct, number: int, kept: dict) -> None:
    for note_id, mcids in _groups(kept, lambda role: role.note).items():
        element = struct.common_element(number, mcids)
        if element is not None:
            element.S = pikepdf.Name.Note
            element.ID = pikepdf.String(struct.unique_id(note_id))


def _languages(struct, number: int, kept: dict, book_lang: str) -> None:
    other = _groups(kept, lambda role: role.lang if role.lang.lower() != book_lang.lower() else "")
    for lang, mcids in other.items():
        element = struct.common_element(number, mcids)
        alone = element is not None and _only(struct, element, number, mcids)
        for target in [element] if alone else [struct.element_of(number, m) for m in mcids]:
            if target is not None:
                target.Lang = pikepdf.String(lang)


def _only(struct, element, number: int, mcids: list[int]) -> bool:
    """Whether ``element`` holds no marked content but ``mcids`` of page ``number``. The count kept by the
    tree answers at once for a large element (a chapter); only a small one is walked to confirm."""
    held = sum(1 for m in mcids if struct.element_of(number, m) is not None)
    return struct.count_below(element) == held and struct.mcids_below(element) <= {(number, m) for m in mcids}


def _links(struct, pdf, roles: Roles) -> None:
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            element = struct.link_element(annotation)
            described = _description(annotation, roles)
            if described:
                annotation.Contents = pikepdf.String(described)
                if element is not None and "/Alt" not in element:
                    element.Alt = pikepdf.String(described)


def _description(annotation, roles: Roles) -> str:
    action = annotation.get("/A")
    if action is not None and action.get("/URI") is not None:
        uri = str(action.URI)
        return roles.links.get(uri) or uri
    dest = annotation.get("/Dest") or (action.get("/D") if action is not None else None)
    if isinstance(dest, (pikepdf.String, pikepdf.Name)):
        return roles.links.get("#" + str(dest).lstrip("/"), "")
    return ""


def _metadata(pdf, title: str, lang: str) -> None:
    """Title and language in the XMP (PDF/UA asks for the title there), unless WeasyPrint wrote them."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if not meta.get("dc:title"):
            meta["dc:title"] = title
        if lang and not meta.get("dc:language"):
            meta["dc:language"] = [lang]
