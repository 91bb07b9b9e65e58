"""What each kind of the document model prints as, described once for both writers.

:data:`INLINE` maps a span kind to its print-HTML element and its pandoc inline;
:data:`FRAMES` maps a container (``Block.frames``) to its HTML element and pandoc block;
:func:`tree` turns a text's flat blocks back into nested containers, which ``html`` and
``epub`` then write each in its own form. A kind missing here is written as a plain
paragraph (blocks) or as its bare text (spans), never dropped.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from lectio.model import SIGNS, Block, Frame  # noqa: F401 - SIGNS: what each editorial sign prints

# span kind → (HTML element, its class, pandoc inline); "link" and "code" take their content differently
INLINE = {
    "emph": ("em", "", "Emph"),
    "strong": ("strong", "", "Strong"),
    "sup": ("sup", "", "Superscript"),
    "sub": ("sub", "", "Subscript"),
    "strike": ("s", "", "Strikeout"),
    "smallcaps": ("span", "smallcaps", "SmallCaps"),
    "code": ("code", "", "Code"),
    "link": ("a", "", "Link"),
}

def sign_class(kind: str) -> str:
    return f"sign-{kind}"


# frame kind → (HTML element, pandoc block)
FRAMES = {
    "quote": ("blockquote", "BlockQuote"),
    "bullet": ("ul", "BulletList"),
    "ordered": ("ol", "OrderedList"),
    "item": ("li", ""),
    "deflist": ("dl", "DefinitionList"),
    "definition": ("dd", ""),
}


@dataclass
class Node:
    """A container and what stands in it (blocks and containers, in order)."""

    frame: Frame
    children: list


def tree(blocks: list[Block], depth: int = 0) -> list:
    """Consecutive blocks that share a container are gathered under one :class:`Node`."""
    out: list = []
    for frame, group in itertools.groupby(blocks, key=lambda b: b.frames[depth] if len(b.frames) > depth else None):
        group = list(group)
        if frame is None:
            out.extend(group)
        else:
            out.append(Node(frame, tree(group, depth + 1)))
    return out


def rows(block: Block) -> list[list[tuple[str, Block]]]:
    """A table block's rows: each a list of (``th`` or ``td``, the cell as a block of its own)."""
    table: dict[int, list[tuple[str, Block]]] = {}
    for cell in block.cells:
        row, tag = cell.target.split(":")
        table.setdefault(int(row), []).append((tag, block.excerpt(cell.start, cell.end)))
    return [table[row] for row in sorted(table)]
