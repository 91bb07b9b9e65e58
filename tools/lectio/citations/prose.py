"""Citations inside note prose: how lectio sends them to pandoc, and tidies what comes back.

pandoc (with a note style) treats a citation inside a footnote in one of three ways:
a citation that opens the note is formatted as the note itself; an in-text citation
(``@key``) elsewhere becomes the author's name, a comma and the rest of the note form;
a bracketed one elsewhere is put in parentheses ("Probably (Hale)."). So, for note
styles, lectio rewrites each note before formatting:

- when the note's first sentence ends with its first citation and has only prose
  before it, that prose becomes the citation's prefix: ``Probably @hale.`` is sent
  as ``[Probably @hale].`` and formatted, with its position (ibid., short form),
  as a citation note: "Probably Edwin Hale, *A History…* (…, 1850)";
- every other bracketed citation is sent in the in-text form
  (``[see @k, 3]`` → ``see @k [3]``).
"""

from __future__ import annotations

import re

KEY = r"[A-Za-z0-9_][\w:.#$%&+?<>~/-]*\w|[A-Za-z0-9_]"
CITE_KEY = re.compile(rf"(?<![\w@])@({KEY})")
GROUP = re.compile(rf"\[([^\[\]]*?(?<![\w@])-?@(?:{KEY})[^\[\]]*)\](?![(\[{{:])")
ITEM = re.compile(rf"(?P<prefix>[^@]*?)(?P<dash>-?)@(?P<key>{KEY})(?P<suffix>.*)", re.S)
FIRST = re.compile(rf"(?P<before>[^\[\]@;]*?)(?:\[(?P<group>[^\[\]]*?(?<![\w@])-?@(?:{KEY})[^\[\]]*)\]"
                   rf"|(?<![\w@])@(?P<key>{KEY})(?:\s?\[(?P<locator>[^\[\]]*)\])?)(?=\s*(?:\.|$))", re.S)


def prose_citations(markdown: str) -> str:
    """A note's Markdown as lectio sends it to pandoc with a note style (see above)."""
    first = FIRST.match(markdown)
    if first is None:
        return in_text(markdown)
    if first.group("group"):
        cited = first.group("group")
    else:
        locator = first.group("locator")
        cited = f"@{first.group('key')}" + (f", {locator}" if locator else "")
    return f"[{first.group('before')}{cited}]" + in_text(markdown[first.end():])


def in_text(markdown: str) -> str:
    """Bracketed citations in the in-text form; one with ``-@`` (no author) is left alone."""
    def replace(match: re.Match) -> str:
        items = [ITEM.fullmatch(item.strip()) for item in match.group(1).split(";")]
        if not all(items) or any(m.group("dash") for m in items):
            return match.group()
        space = " " if match.start() and markdown[match.start() - 1].isalnum() else ""
        return space + "; ".join(_in_text_item(m) for m in items)

    return GROUP.sub(replace, markdown)


def _in_text_item(item: re.Match) -> str:
    suffix = item.group("suffix").strip().removeprefix(",").strip()
    return f"{item.group('prefix')}@{item.group('key')}" + (f" [{suffix}]" if suffix else "")


def opens_with_capital(note_html: str, markdown: str) -> str:
    """A note that opens with a citation opens with a capital ("Ibid.", not "ibid.")."""
    if not re.match(r"\s*\[?-?@", markdown):
        return note_html
    return re.sub(r"^((?:<[^>]+>)*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), note_html)


def tidy_punctuation(note_html: str, inside_quotes: bool) -> str:
    """The punctuation that follows a citation in the note's prose, made to agree with it:
    no second period after one that ends the citation, and (American usage) a period
    or comma after a closing quotation mark moved inside it."""
    note_html = re.sub(r"([.?!](?:</span>)*[\u201d\u2019]?(?:</span>)+)\.", r"\1", note_html)
    if inside_quotes:
        note_html = re.sub(r"([^.?!>](?:</span>)*)\u201d((?:</span>)+)([.,])", "\\1\\3\u201d\\2", note_html)
    return note_html
