"""A WeasyPrint URL fetcher confined to the project folder and lectio's own data.

Sources and stylesheets are the editor's, but a stylesheet could still name
/etc/passwd, a file beside the project or a URL. A ``file:`` URL is served only when
its path, once resolved (symbolic links followed), is inside one of the allowed
folders (``Path.is_relative_to``, not a string prefix: a sibling folder named like the
project is outside). ``data:`` URLs are served; nothing comes from the network.

Every refused URL is recorded (:attr:`ConfinedFetcher.refused`) so that the build
reports it as a warning naming the URL and what asked for it: the stylesheet, at its
line (every ``url()`` and ``@import`` is checked, even one WeasyPrint ignores), or the
book's text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from lectio.errors import Finding, Location
from lectio.fsutil import confined
from lectio.render import sanitize


class ConfinedFetcher(URLFetcher):
    def __init__(self, allowed: list[Path], **kwargs):
        super().__init__(**kwargs)
        self.allowed = [Path(p).resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        path = Path(unquote(parsed.path)) if parsed.scheme == "file" else None
        if path is None or not confined(path, self.allowed):
            self.refused.append(url)
            raise ValueError(f"lectio does not load {url}: only files of the project are allowed")
        path = path.resolve()
        if not path.is_file():
            raise ValueError(f"file not found: {path}")
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


def refused_findings(refused: list[str], stylesheets: dict[str, str], base: Path,
                     allowed: list[Path]) -> list[Finding]:
    """The stylesheets' refusals (:func:`lectio.render.sanitize.stylesheet_refusals`), then
    one warning per URL refused during layout that no stylesheet names (the book's text)."""
    named = sanitize.stylesheet_refusals(stylesheets, base, allowed)
    findings = [finding for _, finding in named]
    for url in dict.fromkeys(refused):
        if url not in dict(named):
            findings.append(sanitize.refused(url, "the book's text (a source, a note or the commentary)",
                                             Location("-")))
    return findings


__all__ = ["ConfinedFetcher", "FatalURLFetchingError", "refused_findings"]
