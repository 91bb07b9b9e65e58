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

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from lectio.errors import WARNING, Finding, Location
from lectio.model import location_of


def confined(path: Path, allowed: list[Path]) -> bool:
    """Whether ``path``, resolved, lies inside one of the ``allowed`` folders (resolved too)."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(Path(root).resolve()) for root in allowed)


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


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.I)


def refused_findings(refused: list[str], stylesheets: dict[str, str], base: Path,
                     allowed: list[Path]) -> list[Finding]:
    """One warning per URL that is not served: each ``url()`` and ``@import`` of the
    ``stylesheets`` (shown path → text) that points outside ``allowed`` (resolved against
    ``base``), at its file:line, whether or not WeasyPrint asked for it; then each URL
    refused while laying out that no stylesheet names (a source, a note or the commentary)."""
    findings, named = [], set()
    for shown, css in stylesheets.items():
        for match in CSS_URL.finditer(css):
            url = urljoin(base.as_uri() + "/", match.group(2) or match.group(4) or "")
            if not url.startswith("data:") and not _served(url, allowed):
                named.add(url)
                findings.append(_refused(url, f"the stylesheet {shown}", location_of(css, match.start(), shown)))
    for url in dict.fromkeys(refused):
        if url not in named:
            findings.append(_refused(url, "the book's text (a source, a note or the commentary)", Location("-")))
    return findings


def _served(url: str, allowed: list[Path]) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "file" and confined(Path(unquote(parsed.path)), allowed)


def _refused(url: str, asker: str, where: Location) -> Finding:
    return Finding("render.fetch-refused", f"not loaded: {url} (asked for by {asker}); only files inside the "
                   "project are loaded", where, WARNING,
                   fix="copy the file into the project and refer to it there, or remove the reference")


__all__ = ["ConfinedFetcher", "FatalURLFetchingError", "confined", "refused_findings"]
