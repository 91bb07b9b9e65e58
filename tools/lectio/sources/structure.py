"""Block rules that work on any reader's blocks (plain text, Markdown, Word, HTML).

A reader turns a file into blocks; these rules then look at the blocks alone
(``block.kind``, ``block.text``, ``block.notes``), never at the raw file, so they
hold for every reader:

- **front lines**: at the head of a reading, lines that repeat its title (or a part
  of it: ``Title: Subtitle`` may come as two lines) or its author (``Jane Roe``,
  ``by Jane Roe``) or both (``Title, by Jane Roe``), in any case and with any
  punctuation, are dropped: the chapter heading and its byline print them. Another short byline (``by …``, ``par …``,
  ``von …``) or a subtitle line right after the title stays, printed once, unnumbered
  (kind ``front``). A front line that holds a note is never dropped (kind ``front``).
- **elision lines**: a block that is only an elision mark (``[…]``, ``[...]``,
  ``(…)``, ``…``, ``. . .``, ``* * *``, ``***``, ``⁂``) stays, centred, unnumbered
  (kind ``elision``).
- **paragraph numbers**: every block is numbered 1, 2, 3… in reading order except
  headings, front lines and elisions; the numbers are given once all the rules have
  run, so they do not depend on the reader.
- **quotations over several paragraphs**: the convention of an opening mark at the
  start of each paragraph and a closing mark only at the end of the last
  (``continued_quotations``) is accepted, not reported as an unclosed quotation.

Each rule that changes a block is counted in ``text.changes`` (``title-line`` for a
line dropped, ``front-line``, ``elision``), so the Note on the text says what was done.
"""

from __future__ import annotations

import re
import unicodedata

from lectio.model import ELISION, FRONT, HEADING, UNNUMBERED, Block, Text

FRONT_LINES = 4  # at most this many blocks at the head of a reading are examined
BYLINE_WORDS = ("by", "par", "von")  # "by Jane Roe", "par Jean Roe", "von Hans Roe"
BYLINE_NAME_WORDS = 6
SUBTITLE_WORDS = 25
ELISION_LINE = re.compile(r"\[\s?(?:…|\.{3})\s?\]|\(\s?(?:…|\.{3})\s?\)|…|(?:\.\s?){3,4}|(?:\*\s?){3,}|⁂|(?:·\s?){3,}")
QUOTE_PAIRS = {"\u201c": "\u201d"}  # the marks ``sources.quote_findings`` checks


def apply(text: Text, title: str = "", author: str = "") -> None:
    """All the rules, then the paragraph numbers; ``title`` and ``author`` are the reading's
    (empty for an introduction, which has no front lines)."""
    if title or author:
        _front_lines(text, title, author)
    for block in text.blocks:
        if block.kind not in UNNUMBERED and is_elision(block.text):
            block.kind = ELISION
            _count(text, "elision", block)
    number_paragraphs(text)


def number_paragraphs(text: Text) -> None:
    """Stable paragraph numbers (1, 2, 3…) for every block but headings, front lines and elisions."""
    count = 0
    for block in text.blocks:
        block.number = None
        if block.kind not in UNNUMBERED:
            count += 1
            block.number = count


def is_elision(line: str) -> bool:
    return bool(ELISION_LINE.fullmatch(line.strip()))


def fold(line: str) -> tuple[str, ...]:
    """The words of a line, compared without case, accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", line.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(re.findall(r"\w+", plain))


def _front_lines(text: Text, title: str, author: str) -> None:
    wanted = _title_forms(title)
    names = fold(author)
    seen_title = False
    for block in list(text.blocks[:FRONT_LINES]):
        words = fold(block.text)
        role = _role(block, words, wanted, names, seen_title)
        if role is None:
            break
        seen_title = seen_title or role == "title"
        if role in ("title", "author") and not block.notes:
            text.blocks.remove(block)
            _count(text, "title-line")
        else:
            block.kind = FRONT
            _count(text, "front-line", block)


def _role(block: Block, words: tuple[str, ...], titles: set, names: tuple[str, ...], seen_title: bool):
    """What a block at the head of a reading is: ``title``, ``author``, ``byline``, ``subtitle`` or None."""
    if not words:
        return None
    if words in titles or _title_by_author(words, titles, names):
        return "title"
    if _is_author(words, names):
        return "author"
    if _byline(block.text, words):
        return "byline"
    if seen_title and block.kind != HEADING and _subtitle(block.text, words):
        return "subtitle"
    return None


def _is_author(words: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """The author's name, with or without ``by``; or its last two words or more (``Jane Roe`` for
    an author given as ``Attributed to Jane Roe``)."""
    named = words[1:] if words[:1] == ("by",) else words
    return bool(names) and (named == names or (len(named) >= 2 and names[-len(named):] == named))


def _title_by_author(words: tuple[str, ...], titles: set, names: tuple[str, ...]) -> bool:
    """``Title, by Author`` on one line."""
    byline = ("by",) + names
    return bool(names) and words[-len(byline):] == byline and words[:-len(byline)] in titles


def _title_forms(title: str) -> set[tuple[str, ...]]:
    """The title and its parts (``Main: Sub`` → the whole, ``Main`` and ``Sub``)."""
    parts = [title, *re.split(r"\s*[:;–—]\s+|\.\s+|\s+-\s+", title)]
    return {fold(part) for part in parts if fold(part)}


def _byline(line: str, words: tuple[str, ...]) -> bool:
    """``by Jane Roe``: a byline word, then a few words that are names (capitalized)."""
    names = line.strip().split()[1:]
    return (words[0] in BYLINE_WORDS and 0 < len(names) <= BYLINE_NAME_WORDS
            and all(n[:1].isupper() or not n[:1].isalpha() for n in names))


def _subtitle(line: str, words: tuple[str, ...]) -> bool:
    """A short line right after the title that does not end as a sentence does."""
    return len(words) <= SUBTITLE_WORDS and not line.rstrip().endswith((".", "!", "?", "…", "”", "\""))


def _count(text: Text, rule: str, block: Block | None = None) -> None:
    """Count a rule applied; ``block``, the block it changed (kept), is listed in ``text.places``."""
    text.changes[rule] = text.changes.get(rule, 0) + 1
    if block is not None:
        text.places.setdefault(rule, []).append(block)


def leading_open(line: str) -> int | None:
    """The position of the opening mark that starts ``line``, when the line never closes it."""
    start = len(line) - len(line.lstrip())
    mark = line[start:start + 1]
    if mark not in QUOTE_PAIRS:
        return None
    depth = 0
    for char in line[start:]:
        depth += (char == mark) - (char == QUOTE_PAIRS[mark])
        if depth == 0:
            return None
    return start


def continued_quotations(blocks: list[Block]) -> set[int]:
    """The blocks (by ``id``) whose opening mark runs on into the next block, which opens with the
    same mark again: a quotation over several paragraphs, closed only at the end of the last."""
    out = set()
    for block, following in zip(blocks, blocks[1:]):
        if HEADING in (block.kind, following.kind):
            continue
        start = leading_open(block.text)
        if start is not None and following.text.lstrip()[:1] == block.text[start]:
            out.add(id(block))
    return out
