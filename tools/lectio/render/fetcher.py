"""A WeasyPrint URL fetcher confined to the project folder and lectio's own data.

Sources and stylesheets are the editor's, but a stylesheet could still name
/etc/passwd or a URL; only files below the allowed folders are served, nothing
from the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class ConfinedFetcher(URLFetcher):
    def __init__(self, allowed: list[Path], **kwargs):
        super().__init__(**kwargs)
        self.allowed = [Path(p).resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
        if path is None or not any(path == root or root in path.parents for root in self.allowed):
            self.refused.append(url)
            raise ValueError(f"lectio does not load {url}: only files of the project are allowed")
        if not path.is_file():
            raise ValueError(f"file not found: {path}")
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


__all__ = ["ConfinedFetcher", "FatalURLFetchingError"]
