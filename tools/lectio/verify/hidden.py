"""The elements of an EPUB document that a reader does not see.

An element with the ``hidden`` attribute, or whose ``display`` is ``none`` after the
cascade of the document's linked stylesheets (``<link rel="stylesheet">`` to a file of the
EPUB; rules with a ``display`` declaration only, by importance, specificity and order, as
cssselect2 orders them), together with everything inside it. Other ways to hide text
(``visibility``, a zero font size, white on white) are not seen; docs/verify.md says so.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath


def hidden_elements(root, archive: zipfile.ZipFile, name: str) -> set:
    import cssselect2

    matcher = cssselect2.Matcher()
    for order, css in enumerate(_stylesheets(root, archive, name)):
        _add_rules(matcher, css, order)
    hide: set = set()
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        element = wrapper.etree_element
        if element.getparent() is not None and element.getparent() in hide:
            hide.add(element)
        elif element.get("hidden") is not None or _display(matcher.match(wrapper)) == "none":
            hide.add(element)
    return hide


def _display(matched: list) -> str:
    """The winning display value: the last important one, else the last one.

    cssselect2 gives (specificity, order, pseudo-element, payload), sorted by specificity and order.
    """
    payloads = [item[-1] for item in matched if item[2] is None]
    important = [value for is_important, value in payloads if is_important]
    values = important or [value for _, value in payloads]
    return values[-1] if values else ""


def _add_rules(matcher, css: str, order: int) -> None:
    import cssselect2
    import tinycss2

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type == "declaration" and declaration.lower_name == "display":
                value = tinycss2.serialize(declaration.value).strip().lower()
                try:
                    selectors = cssselect2.compile_selector_list(rule.prelude)
                except cssselect2.SelectorError:
                    continue
                for selector in selectors:
                    matcher.add_selector(selector, (declaration.important, value))


def _stylesheets(root, archive: zipfile.ZipFile, name: str) -> list[str]:
    folder = PurePosixPath(name).parent
    out = []
    for link in root.iter("{http://www.w3.org/1999/xhtml}link"):
        if "stylesheet" not in (link.get("rel") or "").split() or not link.get("href"):
            continue
        path = str(folder / link.get("href")).replace("\\", "/")
        parts: list[str] = []
        for part in path.split("/"):  # resolve ".." inside the archive only
            if part == "..":
                if parts:
                    parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        try:
            out.append(archive.read("/".join(parts)).decode("utf-8", "replace"))
        except KeyError:
            continue
    return out
