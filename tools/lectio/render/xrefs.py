"""References into other parts of a book laid out in parts, written out for WeasyPrint.

WeasyPrint resolves ``target-counter()`` and internal links only inside the document it lays out.
In a part (``render.partview``), a reference to an id of another part (a table of contents row, a
passage's page in "Readings compared", a "see also") gets:

- its target's printed folio, from the other part's last layout, as ``data-lectio-<attribute>``
  (``data-lectio-href``, ``data-lectio-from``);
- for every rule of the print stylesheet whose ``content`` reads ``target-counter(attr(<attribute>
  url), page)``, a copy of the rule for elements with those attributes, that reads
  ``attr(data-lectio-<attribute>)`` instead: the same words, with the number written in;
- its link written as ``lectio-xref:#<id>``, which WeasyPrint keeps as a link annotation;
  ``pdfmerge`` turns it back into a link to the named destination ``<id>`` of the merged PDF.
"""

from __future__ import annotations

import functools
import re

SCHEME = "lectio-xref:"
REFERENCE = re.compile(r'(\s)(href|data-from)="#([^"]+)"')
ANCHORS = re.compile(r'data-anchors="([^"]*)"')
CSS_SPACE = re.compile(r"[ \t\r\n\f]+")  # CSS white space, not Unicode's (U+00A0 is text)
MARKER = re.compile(r"\[data-lectio-[\w-]+\]")
STYLE = re.compile(r"<style>(.*?)</style>", re.S)
COUNTER = re.compile(r"target-counter\(\s*attr\(\s*([\w-]+)\s+url\s*\)\s*,\s*page\s*(?:,\s*[\w-]+\s*)?\)")


def written_out(text: str, ids: frozenset[str], folios: dict[str, str]) -> str:
    """``text`` (a part's HTML) with its references to the ids of ``folios`` (other parts) written out."""
    if not folios:
        return text

    def out(match: re.Match) -> str:
        space, attribute, target = match.groups()
        if target in ids or target not in folios:
            return match.group(0)
        link = f'{space}href="{SCHEME}#{target}"' if attribute == "href" else match.group(0)
        return f'{link} data-lectio-{attribute}="{folios[target]}"' if folios[target] else link

    text = REFERENCE.sub(out, text)
    found = STYLE.search(text)
    rules = written_rules(found.group(1)) if found else ""
    return text.replace("</head>", f"<style>{rules}</style>\n</head>", 1) if rules else text


@functools.lru_cache(maxsize=8)
def written_rules(css: str) -> str:
    """For each rule of ``css`` whose ``content`` has a ``target-counter``: its copy for references
    written out (:func:`written_out`)."""
    import tinycss2

    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        content = next((tinycss2.serialize(d.value) for d in declarations
                        if d.type == "declaration" and d.lower_name == "content"), "")
        attributes = COUNTER.findall(content)
        if not attributes:
            continue
        marker = "".join(f"[data-lectio-{name}]" for name in dict.fromkeys(attributes))
        selectors = [_marked(selector.strip(), marker) for selector in tinycss2.serialize(rule.prelude).split(",")]
        written = CSS_SPACE.sub(" ", COUNTER.sub(r"attr(data-lectio-\1)", content)).strip()  # a no-break space stays
        out.append(f"{', '.join(selectors)} {{ content: {written}; }}")
    return "\n".join(out)


def _marked(selector: str, marker: str) -> str:
    """``selector`` for elements with ``marker`` too: before its pseudo-element, if it has one."""
    at = selector.find("::")
    return selector + marker if at < 0 else selector[:at] + marker + selector[at:]


def referenced(text: str) -> frozenset[str]:
    """The ids ``text`` refers to (``href="#…"``, ``data-from="#…"``, an index entry's ``data-anchors``)."""
    found = {m.group(3) for m in REFERENCE.finditer(text)}
    for anchors in ANCHORS.findall(text):
        found.update(anchors.split())
    return frozenset(found)


def counted(text: str) -> frozenset[str]:
    """The ids whose page ``text`` prints: the targets of the elements a ``target-counter`` rule of its
    stylesheet matches, and the ids of its index entries. A link alone (no page printed) does not count:
    the part that holds it need not be laid out again when its target moves."""
    import cssselect2
    import lxml.html

    found = STYLE.search(text)
    rules = written_rules(found.group(1)) if found else ""
    selectors = [MARKER.sub("", s.split("::")[0]) for rule in rules.splitlines() for s in rule.split(" { ")[0].split(", ")]
    ids = set()
    if selectors:
        root = cssselect2.ElementWrapper.from_html_root(lxml.html.document_fromstring(text))
        matcher = cssselect2.Matcher()
        for selector in selectors:
            for compiled in cssselect2.compile_selector_list(selector):
                matcher.add_selector(compiled, None)
        for element in root.iter_subtree():
            if matcher.match(element):
                ids.update(v[1:] for k in ("href", "data-from") if (v := element.etree_element.get(k) or "")[:1] == "#")
    for anchors in ANCHORS.findall(text):
        ids.update(anchors.split())
    return frozenset(ids)


def target(uri: str) -> str | None:
    """The id a written-out link (``lectio-xref:#id``) points to, or None."""
    return uri[len(SCHEME) + 1:] if uri.startswith(SCHEME + "#") else None
