"""Constructors of pandoc's document AST (JSON), the nodes lectio writes for the EPUB and the index."""

from __future__ import annotations


def attr(identifier: str = "", classes: list[str] | None = None, pairs: list | None = None) -> list:
    return [identifier, classes or [], pairs or []]


def strs(text: str) -> list:
    """Plain text as pandoc inlines (Str, Space, and LineBreak for a "\\n")."""
    out = []
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append({"t": "LineBreak"})
        for index, word in enumerate(line.split(" ")):
            if index:
                out.append({"t": "Space"})
            if word:
                out.append({"t": "Str", "c": word})
    return out


def plain(inlines: list) -> str:
    """The text of inlines made by :func:`strs` (for a Code span)."""
    return "".join({"Str": i.get("c", ""), "Space": " ", "LineBreak": "\n"}.get(i["t"], "") for i in inlines)


def raw_block(markup: str) -> dict:
    return {"t": "RawBlock", "c": ["html", markup]}


def raw_inline(markup: str) -> dict:
    return {"t": "RawInline", "c": ["html", markup]}


def header(level: int, identifier: str, inlines: list, classes: list[str] | None = None, kind: str = "",
           lang: str = "") -> dict:
    """A heading; ``kind`` is the epub:type pandoc gives its section (and front/back matter), ``lang``
    the language of the section when it is not the book's (pandoc moves both to the section)."""
    pairs = ([["epub:type", kind]] if kind else []) + ([["lang", lang]] if lang else [])
    return {"t": "Header", "c": [level, attr(identifier, classes, pairs), inlines]}


def para(inlines: list) -> dict:
    return {"t": "Para", "c": inlines}


def div(identifier: str, classes: list[str], blocks: list) -> dict:
    return {"t": "Div", "c": [attr(identifier, classes), blocks]}


def span(identifier: str, classes: list[str], inlines: list) -> dict:
    return {"t": "Span", "c": [attr(identifier, classes), inlines]}


def link(target: str, inlines: list, classes: list[str] | None = None) -> dict:
    return {"t": "Link", "c": [attr("", classes), inlines, [target, ""]]}
