"""Which faces of the book face the EPUB's text really uses, so that only those are shipped.

A small cascade over the finished XHTML: for every element, the weight and style
its text gets from the browser's defaults (``em`` italic, ``strong`` and headings
bold, ``code`` in the reader's monospace) and from the EPUB stylesheet's rules
(matched with cssselect2, later and more specific rules winning, inherited by
children), then the face a reading system would pick for it among
``fonts.FACES`` (CSS Fonts 4 font matching: the nearest weight, heavier first
above 500). A face no text asks for is not shipped, and its ``@font-face`` rule
is not written.
"""

from __future__ import annotations

from dataclasses import dataclass

import cssselect2
import tinycss2

from lectio.render import fonts

ITALIC_TAGS = {"em", "i", "cite", "var", "dfn", "address"}
BOLD_TAGS = {"th", "h1", "h2", "h3", "h4", "h5", "h6"}  # font-weight: bold
BOLDER_TAGS = {"strong", "b"}  # font-weight: bolder
MONOSPACE_TAGS = {"code", "pre", "kbd", "samp", "tt"}
SKIPPED_TAGS = {"head", "script", "style"}


@dataclass(frozen=True)
class Font:
    weight: int = 400
    italic: bool = False
    book: bool = True  # set in the book face (not the reader's monospace or another family)


def used_faces(roots, css: str) -> set[tuple[int, str]]:
    """The (weight, style) of ``fonts.FACES`` that the text of ``roots`` (XHTML documents) is set in."""
    matcher = _matcher(css)
    wanted: set[Font] = set()
    for root in roots:
        _walk(cssselect2.ElementWrapper.from_xml_root(root), Font(), matcher, wanted)
    return {face(font) for font in wanted if font.book}


def face(font: Font) -> tuple[int, str]:
    """The face a reading system picks for ``font`` among the book face's."""
    style = "italic" if font.italic and any(s == "italic" for _, _, s in fonts.FACES) else "normal"
    weights = sorted({w for _, w, s in fonts.FACES if s == style})
    if font.weight in weights:
        return font.weight, style
    below = [w for w in reversed(weights) if w < font.weight]
    above = [w for w in weights if w > font.weight]
    if 400 <= font.weight <= 500:
        order = [w for w in above if w <= 500] + below + [w for w in above if w > 500]
    else:
        order = above + below if font.weight > 500 else below + above
    return order[0], style


def _matcher(css: str):
    matcher = cssselect2.Matcher()
    namespaces: dict[str, str] = {}
    for order, rule in enumerate(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)):
        if rule.type == "at-rule" and rule.lower_at_keyword == "namespace":
            tokens = [t for t in rule.prelude if t.type in ("ident", "string", "url")]
            if len(tokens) == 2:
                namespaces[tokens[0].value] = tokens[1].value
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
            _add_rules(matcher, tinycss2.parse_rule_list(rule.content, True, True), namespaces)
        elif rule.type == "qualified-rule":
            _add_rules(matcher, [rule], namespaces)
    return matcher


def _add_rules(matcher, rules, namespaces: dict[str, str]) -> None:
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        declarations = [d for d in tinycss2.parse_declaration_list(rule.content, True, True)
                        if d.type == "declaration" and d.lower_name in ("font-weight", "font-style", "font",
                                                                         "font-family")]
        if not declarations:
            continue
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude, namespaces)
        except cssselect2.SelectorError:
            continue
        for selector in selectors:
            matcher.add_selector(selector, declarations)


def _walk(element, parent: Font, matcher, wanted: set[Font]) -> None:
    tag = element.local_name
    if tag in SKIPPED_TAGS:
        return
    font = _own_font(element, tag, parent, matcher)
    etree_element = element.etree_element
    if (etree_element.text or "").strip() or any((child.tail or "").strip() for child in etree_element):
        wanted.add(font)
    for child in element.iter_children():
        _walk(child, font, matcher, wanted)


def _own_font(element, tag: str, parent: Font, matcher) -> Font:
    weight, italic, book = parent.weight, parent.italic, parent.book
    italic = italic or tag in ITALIC_TAGS
    weight = 700 if tag in BOLD_TAGS else _weight("bolder", weight) if tag in BOLDER_TAGS else weight
    book = book and tag not in MONOSPACE_TAGS
    matches = sorted((m for m in matcher.match(element) if m[2] is None), key=lambda m: (m[0], m[1]))
    for _, _, _, declarations in matches:
        for declaration in declarations:
            words = [t.lower_value if t.type == "ident" else t.representation if t.type == "number" else t.value
                     for t in declaration.value if t.type in ("ident", "number", "string")]
            if declaration.lower_name == "font-family":
                book = fonts.FAMILY.lower() in tinycss2.serialize(declaration.value).lower()
                continue
            if declaration.lower_name in ("font-style", "font"):
                italic = any(w in ("italic", "oblique") for w in words) or (
                    italic if declaration.lower_name == "font-style" and "normal" not in words else False)
            if declaration.lower_name in ("font-weight", "font"):
                weight = next((_weight(w, parent.weight) for w in words if _weight(w, -1) != -1),
                              weight if declaration.lower_name == "font-weight" else 400)
    return Font(weight, italic, book)


def _weight(word: str, inherited: int) -> int:
    """A font-weight value against the inherited weight; -1 (``inherited`` given as -1) when it is not one."""
    if word in ("normal", "bold"):
        return 400 if word == "normal" else 700
    if word == "bolder" and inherited >= 0:
        return 400 if inherited < 350 else 700 if inherited < 550 else 900
    if word == "lighter" and inherited >= 0:
        return 100 if inherited < 550 else 400 if inherited < 750 else 700
    if word.isdigit() and 1 <= int(word) <= 1000:
        return int(word)
    return -1
