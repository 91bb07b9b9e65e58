"""Footnotes in an HTML source, made into pandoc notes before the AST is converted.

pandoc's HTML reader keeps footnotes as what they are in HTML: a link to an element
elsewhere. A link to ``#id`` is a note call when it is (or holds, or stands in) a
superscript, or its class says so (``footnote-ref``, ``noteref``), or its text is a number
(``1``, ``[1]``: Word's HTML), and ``id`` is a block
(``<div>``, ``<li>``, ``<aside>``) or an anchor inside one. The block's content, without
its links back to the call, becomes the note; the block leaves the text.
"""

from __future__ import annotations

import re

NUMBER = re.compile(r"^[\[(]?\d{1,3}[\])]?$")  # a call's or a back link's text: 1, [1], (1)
BACK = re.compile(r"^(\u21a9\ufe0e?|\^|[\[(]?\d{1,3}[\])]?)$")


def attach_html_notes(blocks: list) -> list:
    """``blocks`` with every footnote call made a Note and every used footnote block removed."""
    targets = _targets(blocks)
    used: set[int] = set()
    blocks = _calls(blocks, targets, used, {id(t) for t in targets.values()})
    return _without(blocks, used)


def _targets(blocks: list) -> dict[str, dict]:
    """id → the Div that holds it (its own id, or an anchor's inside it)."""
    found: dict[str, dict] = {}

    def visit(node, holder):
        if isinstance(node, dict):
            if node.get("t") == "Div":
                holder = node
                found.setdefault(node["c"][0][0], node)
            elif node.get("t") in ("Span", "Link") and holder is not None and node["c"][0][0]:
                found.setdefault(node["c"][0][0], holder)
            visit(node.get("c"), holder)
        elif isinstance(node, list):
            for child in node:
                visit(child, holder)

    visit(blocks, None)
    found.pop("", None)
    return found


def _call_target(node: dict, targets: dict) -> dict | None:
    """The footnote block a call points to, or None when ``node`` is no call."""
    link = node
    if node["t"] == "Superscript" and len(node["c"]) == 1:
        link = node["c"][0]
    if link.get("t") != "Link":
        return None
    href = link["c"][2][0]
    classes = link["c"][0][1]
    text = "".join(s.get("c", "") for s in _strs(link)).strip()
    noted = link is not node or any("ref" in c for c in classes) or bool(NUMBER.match(text)) or \
        any(child.get("t") == "Superscript" for child in link["c"][1])
    return targets.get(href[1:]) if href.startswith("#") and noted else None


def _calls(node, targets: dict, used: set[int], kept: set[int]):
    """Calls made Notes; footnote blocks (``kept``) stay the same objects, to be removed after."""
    if isinstance(node, list):
        return [_calls(child, targets, used, kept) for child in node]
    if not isinstance(node, dict) or id(node) in kept:
        return node
    target = _call_target(node, targets) if node.get("t") in ("Superscript", "Link") else None
    if target is not None and id(target) not in used:
        used.add(id(target))
        return {"t": "Note", "c": _unlinked(target["c"][1])}
    if "c" in node:
        return {**node, "c": _calls(node["c"], targets, used, kept)}
    return node


def _unlinked(node):
    """A note's content without its back links (↩, [1], 1 linking to the call)."""
    if isinstance(node, list):
        return [_unlinked(c) for c in node if not _is_back_link(c)]
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": _unlinked(node["c"])}
    return node


def _is_back_link(node) -> bool:
    if not isinstance(node, dict) or node.get("t") not in ("Link", "Superscript"):
        return False
    text = "".join(c.get("c", "") for c in _strs(node))
    link = node if node["t"] == "Link" else next((c for c in node["c"] if c.get("t") == "Link"), None)
    return link is not None and link["c"][2][0].startswith("#") and bool(BACK.match(text.strip()))


def _strs(node) -> list:
    if isinstance(node, list):
        return [s for child in node for s in _strs(child)]
    if isinstance(node, dict):
        return [node] if node.get("t") == "Str" else _strs(node.get("c"))
    return []


def _without(node, used: set[int]):
    """Remove the used footnote blocks, and footnote sections left with nothing but a rule."""
    if isinstance(node, list):
        kept = [_without(child, used) for child in node if id(child) not in used]
        return [k for k in kept if not _empty_section(k)]
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": _without(node["c"], used)}
    return node


def _blank(node) -> bool:
    """A paragraph of nothing but line breaks and spaces (Word's footnote separator)."""
    return node.get("t") in ("Plain", "Para") and all(i.get("t") in ("LineBreak", "Space", "SoftBreak")
                                                      for i in node["c"])


def _empty_section(node) -> bool:
    if not isinstance(node, dict) or node.get("t") not in ("Div", "OrderedList", "BulletList"):
        return False
    if node["t"] == "Div":
        return all(c.get("t") == "HorizontalRule" or _blank(c) or _empty_section(c) for c in node["c"][1])
    return all(not item for item in node["c"][-1]) or all(
        all(_empty_section(b) for b in item) for item in node["c"][-1])
