"""Line locators in "Readings compared": each passage's reference "B 7, p. 12" gets ", ll. 3–5".

The page comes from the stylesheet (``target-counter``, ``pageranges``); the lines only a layout
tells: the print line holding the passage's first words (``<siglum>-from-<entry>``) and the one
holding its marker (``<siglum>-app-<entry>``), numbered as the margin prints them (``lines``). A
passage over a page break keeps "pp. 14–15" alone. :func:`mark_passages` is a ``refine`` step.
"""

from __future__ import annotations

import re

from lectio.render import lines

REF = re.compile(r'(<a class="passage-ref( across)?" href="#([^"]+)" data-from="#([^"]+)">.*?</a>)', re.S)


def passage_lines(html_text: str, document) -> dict[str, str]:
    """For each passage marker's id: its lines, "l. 12" or "ll. 3–5", when on one page."""
    settings = lines.Settings.from_html(html_text)
    first: dict[str, lines.PrintLine] = {}
    last: dict[str, lines.PrintLine] = {}
    for line in lines.print_lines(document, settings.restart):
        for identifier in line.ids:
            first.setdefault(identifier, line)
            last[identifier] = line
    found = {}
    for _, _, marker, start in REF.findall(html_text):
        if start in first and marker in last and first[start].page == last[marker].page:
            a, b = first[start].number, last[marker].number
            found[marker] = f"l.&#160;{a}" if a == b else f"ll.&#160;{lines.line_range(a, b)}"
    return found


def mark_passages(html_text: str, document) -> str:
    """``html_text`` with each passage reference followed by its lines in the last layout."""
    found = passage_lines(html_text, document)

    def mark(match: re.Match) -> str:
        where = found.get(match.group(3))
        return match.group(1) + (f'<span class="passage-lines">, {where}</span>' if where else "")

    return REF.sub(mark, html_text) if found else html_text
