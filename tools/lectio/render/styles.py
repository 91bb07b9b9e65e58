"""The one place that says which stylesheets a book is laid out with.

lectio's default ``print.css`` and ``epub.css`` are package data (``lectio/data``),
so an installed lectio builds a project that has no stylesheet of its own. A
project stylesheet (``output.print_css`` / ``output.epub_css``, relative to
``edition.toml``) is loaded after the default and so overrides it rule by rule;
when its first line is ``/* lectio: replace */`` it replaces the default instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPLACE = "/* lectio: replace */"
KINDS = {"print": "print_css", "epub": "epub_css"}


@dataclass(frozen=True)
class Stylesheet:
    """The CSS text for one format and where it came from (for messages and tests)."""

    css: str
    sources: tuple[str, ...]


def data_dir() -> Path:
    """lectio's own data folder (default stylesheets, ``lectio new`` templates)."""
    return Path(str(resources.files("lectio") / "data"))


def default_css(kind: str) -> str:
    return (data_dir() / f"{kind}.css").read_text(encoding="utf-8")


def stylesheet(config, kind: str) -> Stylesheet:
    """The default for ``kind`` (print or epub), then the project's own, or the project's alone."""
    relative = getattr(config.output, KINDS[kind])
    default = Stylesheet(default_css(kind), (f"lectio/data/{kind}.css",))
    if not relative:
        return default
    own = config.resolve(relative).read_text(encoding="utf-8")
    if own.lstrip("\ufeff").splitlines()[:1] == [REPLACE]:
        return Stylesheet(own, (relative,))
    return Stylesheet(f"{default.css}\n/* ---- {relative} ---- */\n{own}", default.sources + (relative,))
