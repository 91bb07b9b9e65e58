"""A WeasyPrint URL fetcher confined to the project folder and lectio's own data.

Sources and stylesheets are the editor's, but a stylesheet could still name
/etc/passwd, a file beside the project or a URL. A ``file:`` URL is served only when
its path, once resolved (symbolic links followed), is inside one of the allowed
folders (``Path.is_relative_to``, not a string prefix: a sibling folder named like the
project is outside). ``data:`` URLs are served; nothing comes from the network.

Every refused URL is recorded (:attr:`ConfinedFetcher.refused`) so that the build
reports it as a warning naming the URL and what asked for it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from lectio.errors import WARNING, Finding, Location


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


def refused_findings(refused: list[str], stylesheets: dict[str, str]) -> list[Finding]:
    """One warning per refused URL, naming the stylesheet that asks for it, or else the text.

    ``stylesheets`` maps a stylesheet's shown path to its text; a URL is attributed to
    the first stylesheet that names it (its full form or its last path segment).
    """
    findings = []
    for url in dict.fromkeys(refused):
        asker = next((name for name, css in stylesheets.items() if _names(css, url)), "")
        where = Location(asker or "-")
        what = f"the stylesheet {asker}" if asker else "the book's text (a source, a note or the commentary)"
        findings.append(Finding("render.fetch-refused", f"not loaded: {url} (asked for by {what}); "
                                f"only files inside the project are loaded", where, WARNING,
                                fix="copy the file into the project and refer to it there, or remove the reference"))
    return findings


def _names(css: str, url: str) -> bool:
    last = unquote(urlparse(url).path).rstrip("/").rsplit("/", 1)[-1] or url
    return url in css or re.search(re.escape(last), css) is not None


__all__ = ["ConfinedFetcher", "FatalURLFetchingError", "confined", "refused_findings"]
