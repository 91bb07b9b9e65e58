"""No raw HTML and no dangerous link from an editor's text reaches the outputs.

Two layers:

- :func:`scan` (run by ``lectio check`` on every file an editor writes: sources,
  notes files, the introduction, the apparatus) reports raw HTML tags and comments as
  ``sources.raw-html``, Markdown images as ``sources.image``, and links that are not
  http, https, mailto or an internal ``#`` anchor (``javascript:``, ``file:``,
  ``data:``, a path) as ``sources.unsafe-link``, all errors at file:line:col. A Markdown autolink (``<https://…>``) is not raw HTML.
- :func:`long_words` (also run by ``check``) refuses words over 1,000 characters
  (``sources.long-word``): no line can hold them and WeasyPrint would cut them.
- :func:`clean` (used by the print HTML and EPUB writers on every HTML fragment that
  pandoc made from an editor's text: notes, bibliography, commentary) keeps only the
  tags and attributes lectio itself produces, drops ``script``, ``style``, ``svg``,
  ``math``, ``iframe``, ``object``, ``embed`` with their content, every ``on*`` and
  ``style`` attribute, every ``src`` (so no image or SVG can enter the EPUB's media),
  and every link that is not http, https, mailto or an internal ``#`` anchor, so such
  links are never clickable in the PDF or the EPUB. It uses nh3 (ammonia).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lectio.errors import ERROR, WARNING, Finding, Location
from lectio.fsutil import confined
from lectio.model import location_of

TAGS = {"a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "mark", "q", "s", "small", "span",
        "strong", "sub", "sup", "u"}
ATTRIBUTES = {"*": {"class", "id", "lang", "title", "dir"}, "a": {"href"}}
DROP_WITH_CONTENT = {"script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript",
                     "title", "textarea", "select"}
SCHEMES = ("http:", "https:", "mailto:")

_TAG = re.compile(r"<!--|<!\[CDATA\[|<[!?]?/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>\n]*)?/?>")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.I)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)|\b(?:javascript:|vbscript:|file:/|data:\w+/)", re.I)


def clean(fragment: str, blocks: tuple[str, ...] = ()) -> str:
    """``fragment`` (HTML) with only lectio's tags (and the block tags ``blocks``), attributes and
    safe links left."""
    import nh3

    cleaned = nh3.clean(fragment, tags=TAGS | set(blocks), attributes=ATTRIBUTES, clean_content_tags=DROP_WITH_CONTENT,
                        attribute_filter=_keep, link_rel=None, strip_comments=True)
    return cleaned.replace("&nbsp;", "\u00a0")  # XHTML knows no &nbsp;


def _keep(tag: str, attribute: str, value: str) -> str | None:
    if attribute != "href":
        return value
    return value if safe_url(value) else None


def safe_url(url: str) -> bool:
    """http, https, mailto or an internal anchor; anything else (javascript:, file:, data:, paths) is not."""
    url = url.strip()
    return url.startswith("#") or url.lower().startswith(SCHEMES)


def scan(raw: str, shown: str) -> list[Finding]:
    """Raw HTML and unsafe links in an editor's file, each an error at file:line:col."""
    findings, lines = [], set()
    for match in _TAG.finditer(raw):
        where = location_of(raw, match.start(), shown)
        if _AUTOLINK.match(raw, match.start()) or where.line in lines:
            continue
        lines.add(where.line)
        findings.append(Finding("sources.raw-html", f"raw HTML {_shorten(match.group())}: lectio does not "
                                "pass HTML from the editor's files to the outputs", where,
                                ERROR, fix="write Markdown instead (*emphasis*, [text](https://…)), or escape the "
                                           "angle bracket as \\< if it is text"))
    images = {m.end() for m in _IMAGE.finditer(raw)}
    for match in _IMAGE.finditer(raw):
        findings.append(Finding("sources.image", "an image in the editor's text: lectio does not put images from "
                                "the text into the outputs", location_of(raw, match.start(), shown), ERROR,
                                fix="remove it, or describe the image in words"))
    for match in _LINK.finditer(raw):
        url = match.group(1) if match.group(1) is not None else match.group()
        if url and not safe_url(url) and match.start() + 2 not in images:
            findings.append(Finding("sources.unsafe-link", f"link {_shorten(url)}: only http, https and mailto "
                                    "links and #anchors reach the outputs", location_of(raw, match.start(), shown), ERROR,
                                    fix="remove the link, or link to an http(s) address"))
    return findings


MAX_WORD = 1000


def long_words(raw: str, shown: str) -> list[Finding]:
    """Words (runs without a space) longer than ``MAX_WORD`` characters: no line of a page
    can hold them, and WeasyPrint would cut them. Refused at file:line:col."""
    findings = []
    for match in re.finditer(rf"\S{{{MAX_WORD + 1},}}", raw):
        findings.append(Finding("sources.long-word", f"a word of {len(match.group()):,} characters without a space "
                                f"(at most {MAX_WORD:,}): {match.group()[:30]!r}…", location_of(raw, match.start(), shown),
                                ERROR, fix="insert spaces, or remove the run of characters"))
    return findings


def stylesheet_refusals(stylesheets: dict[str, str], base: Path, allowed: list[Path]) -> list[tuple[str, Finding]]:
    """Each ``url()`` and ``@import`` of the ``stylesheets`` (shown path → text) that points
    outside ``allowed`` (resolved against ``base``, symbolic links followed): (URL, warning
    at its file:line). ``data:`` URLs are allowed; any other scheme is refused."""
    found = []
    for shown, css in stylesheets.items():
        for match in _CSS_URL.finditer(css):
            url = urljoin(base.as_uri() + "/", match.group(2) or match.group(4) or "")
            parsed = urlparse(url)
            if parsed.scheme != "data" and not (parsed.scheme == "file" and confined(unquote(parsed.path), allowed)):
                found.append((url, refused(url, f"the stylesheet {shown}", location_of(css, match.start(), shown))))
    return found


def refused(url: str, asker: str, where: Location) -> Finding:
    return Finding("render.fetch-refused", f"not loaded: {url} (asked for by {asker}); only files inside the "
                   "project are loaded", where, WARNING,
                   fix="copy the file into the project and refer to it there, or remove the reference")


def _shorten(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[:width - 1] + "…")
