"""Citations inside note prose: how lectio sends them to pandoc, and tidies what comes back.

pandoc (with a note style) treats a citation inside a footnote in one of three ways:
a citation that opens the note is formatted as the note itself; an in-text citation
(``@key``) elsewhere becomes the author's name, a comma and the rest of the note form;
a bracketed one elsewhere is put in parentheses ("Probably (Hale)."). lectio sends
each note so that it reads as a scholar writes it (Chicago 14.34–14.35):

- a bracketed citation is *governed* when the words before it lead into it: nothing
  (the note opens with it), punctuation (``; [@key]``, ``; [see @key]``) or a word of
  :data:`GOVERNING` (``see``, ``cf.``, ``in``, ``probably``…). A prefix of its own does
  not govern it: after other words (``refutes [see @key]``) it is set in parentheses,
  "refutes (see Filmer, *Patriarcha*)", never run into them. A governed citation is read in the text: ``see [@k, 3]`` is sent
  as ``see @k [3]`` and reads "see Price, *Discourse*, 3";
- a citation that is not governed follows words it refers to, a name or a quotation
  (``Mary Wollstonecraft [@key]``, ``“…” [@key, 7]``): it is left to pandoc, which
  sets it in parentheses after them, never run into them;
- when the note's first sentence ends with its first citation and that citation is
  governed (or written ``@key``), the prose before it becomes the citation's prefix:
  ``Probably @hale.`` is sent as ``[Probably @hale].`` and formatted, with its
  position (ibid., short form), as a citation note.

With an author-date style nothing is read in the text: a cue word written before
the brackets (:data:`CUES`) is only taken into them, ``see [@k]`` → ``[see @k]``,
"(see Price 1789)". ``citations/body.py`` does the same for citations in running
text, which become notes.
"""

from __future__ import annotations

import re

KEY = r"[A-Za-z0-9_][\w:.#$%&+?<>~/-]*\w|[A-Za-z0-9_]"
CITE_KEY = re.compile(rf"(?<![\w@])@({KEY})")
GROUP = re.compile(rf"\[([^\[\]]*?(?<![\w@])-?@(?:{KEY})[^\[\]]*)\](?![(\[{{:])")
ITEM = re.compile(rf"(?P<prefix>[^@]*?)(?P<dash>-?)@(?P<key>{KEY})(?P<suffix>.*)", re.S)
# words that introduce a citation (taken into it as its prefix wherever it stands)
CUES = ("see", "see also", "cf.", "cf", "compare", "contrast", "e.g.", "vgl.", "siehe", "voir", "vide")
# words after which a citation is read in the sentence ("in Price, *Discourse*"), not set apart
GOVERNING = CUES + ("also", "and", "or", "in", "from", "by", "of", "to", "on", "after", "quoted", "cited",
                    "probably", "perhaps", "possibly", "likely", "esp.", "especially", "notably", "following",
                    "contra", "pace", "dans", "chez", "aus", "bei", "von", "nach", "en", "de")
LAST_WORDS = re.compile(r"(?:^|\s)((?:see also)|[^\s\[\]]+)\s*$", re.I)
CUED = re.compile(r"(?<![\w.])(?P<cue>" + "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True))
                  + rf")\s+\[(?P<group>(?<![\w@])-?@(?:{KEY})[^\[\]]*)\](?![(\[{{:])", re.I)
FIRST = re.compile(rf"(?P<before>[^\[\]@;]*?)(?:\[(?P<group>[^\[\]]*?(?<![\w@])-?@(?:{KEY})[^\[\]]*)\]"
                   rf"|(?<![\w@])@(?P<key>{KEY})(?:\s?\[(?P<locator>[^\[\]]*)\])?)(?=\s*(?:\.|$))", re.S)


def prose_citations(markdown: str) -> str:
    """A note's Markdown as lectio sends it to pandoc with a note style (see above)."""
    first = FIRST.match(markdown)
    if first is None or first.group("group") and not governed(first.group("before"), first.group("group")):
        return in_text(markdown)
    if first.group("group"):
        cited = first.group("group")
    else:
        locator = first.group("locator")
        cited = f"@{first.group('key')}" + (f", {locator}" if locator else "")
    return f"[{first.group('before')}{cited}]" + in_text(markdown[first.end():])


def governed(before: str, group: str) -> bool:
    """Whether the words before a bracketed citation lead into it (see above)."""
    before = before.rstrip()
    if not before or before[-1] in ".;:,!?(\u2014\u2013":
        return True
    last = LAST_WORDS.search(before)
    return last is not None and last.group(1).casefold() in GOVERNING


def in_text(markdown: str) -> str:
    """Governed bracketed citations in the in-text form; one with ``-@`` (no author) is left
    alone, and one that is not governed is parted from the word it follows by a space."""
    def replace(match: re.Match) -> str:
        items = [ITEM.fullmatch(item.strip()) for item in match.group(1).split(";")]
        space = " " if _glued(markdown, match.start()) else ""
        if not all(items) or any(m.group("dash") for m in items) or \
                not governed(markdown[:match.start()], match.group(1)):
            return space + match.group()
        return space + "; ".join(_in_text_item(m) for m in items)

    return GROUP.sub(replace, markdown)


def cue_prefixes(markdown: str) -> str:
    """A cue word written before the brackets taken into them: ``see [@k, 3]`` → ``[see @k, 3]``;
    a citation glued to the word before it parted from it by a space."""
    def replace(match: re.Match) -> str:
        return f"[{match.group('cue')} {match.group('group')}]"

    def part(match: re.Match) -> str:
        return (" " if _glued(markdown, match.start()) else "") + match.group()

    markdown = CUED.sub(replace, markdown)
    return GROUP.sub(part, markdown)


def _glued(markdown: str, start: int) -> bool:
    """A citation written against the character before it (``Text[@key]``, ``”[@key]``)."""
    return start > 0 and not markdown[start - 1].isspace() and markdown[start - 1] not in "([\u201c\u2018"


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


def inline_first(html: str) -> str:
    """citeproc's note HTML with its first paragraph unwrapped and the space between blocks removed."""
    html = re.sub(r">\s+(?=<(?:/?(?:p|ul|ol|li|blockquote))\b)", ">", html.strip())
    html = re.sub(r"(</(?:p|ul|ol|li|blockquote)>)\s+", r"\1", html)
    if html.startswith("<p>"):
        end = html.find("</p>")
        html = html[3:end] + html[end + 4:] if end >= 0 else html[3:]
    return html
