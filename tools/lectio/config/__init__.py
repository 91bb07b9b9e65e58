"""Stage 1: the typed schema of every TOML file an editor writes, and ``edition.toml`` loaded.

``load(project)`` reads ``edition.toml`` and returns a frozen ``Config``: ``config.edition.title``,
``config.readings[0].siglum``, ``config.output.trim`` … (attribute names are the TOML keys).
The schemas are pydantic v2 models: ``schema`` (edition.toml), ``notes_schema`` (a reading's
notes file), ``apparatus_schema`` (the apparatus file). ``docs/edition-toml.md`` is generated
from them (``python -m lectio.config.reference``).

Why pydantic v2 rather than msgspec: pydantic validates a whole document and reports
*every* error with its location path (``("readings", 1, "siglum")``), which the locator
turns into a line and column of the file, so that one run reports all the mistakes of a
file; msgspec stops at the first error. Pydantic's models are typed, frozen and strict;
its field metadata (description, examples, constraints, JSON schema) is what the
reference and the error messages are written from; custom error types carry our codes
(``path-outside``, ``file-not-found``); and it is widely used and well kept. msgspec is
faster, but a configuration is read once per run, and speed is not what it needs.
"""

from __future__ import annotations

from pathlib import Path

from lectio.config import tomlfile
from lectio.config.fields import valid_isbn13
from lectio.config.schema import (DEFAULT_STYLE, LAYOUTS, PDF_VARIANTS, TRIMS, Apparatus, Bibliography, Edition,
                                  EditionFile, Introduction, Output, Reading)
from lectio.errors import ConfigError, Location
from lectio.fsutil import display_path

CONFIG_NAME = "edition.toml"

__all__ = ["CONFIG_NAME", "DEFAULT_STYLE", "LAYOUTS", "PDF_VARIANTS", "TRIMS", "Apparatus", "Bibliography", "Config",
           "ConfigError", "Edition", "EditionFile", "Introduction", "Output", "Reading", "load",
           "valid_isbn13"]


class Config(EditionFile):
    """A project's validated ``edition.toml`` (its tables: ``edition``, ``readings``, ``output`` …),
    with where it is: ``root`` (the project folder) and ``path`` (the file)."""

    root: Path
    path: Path

    def resolve(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.output.directory)

    def output_file(self, suffix: str) -> Path:
        return self.output_dir / f"{self.edition.name}.{suffix}"


def load(project: Path | str = ".") -> Config:
    """Find, parse and validate the project's edition.toml; every error of the file is raised at once."""
    project = Path(project)
    path = project / CONFIG_NAME if project.is_dir() and not project.name.endswith(".toml") else project
    if not path.exists():
        raise ConfigError(f"no {CONFIG_NAME} found", Location(display_path(path)), code="config.file-not-found",
                          fix="run lectio in the project folder or pass --project")
    root = path.parent.resolve()
    file, _ = tomlfile.load(path, EditionFile, "config", ConfigError, context={"root": root})
    return Config.model_construct(root=root, path=path.resolve(), **dict(file))

