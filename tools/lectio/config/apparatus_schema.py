"""The schema of the apparatus file: ``[[entry]]`` tables, each with one passage of every
reading in a sub-table named by the reading's siglum (``[entry.M]``).

The sigla come from ``edition.toml``, so the model of an entry is made for them
(``entry_model``): a passage missing, or a table of an unknown siglum, is then an
error of the schema like any other.
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any

from pydantic import AfterValidator, create_model
from pydantic_core import PydanticCustomError

from lectio.config.fields import Table, key

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
RESERVED_ID = re.compile(r"n\d+\Z")  # app-n3 is the anchor of the commentary's third note


class Selector(Table):
    """One passage of a reading, quoted like a W3C text-quote selector."""

    exact: str = key(help="The passage, quoted.", example="the words of the passage")
    prefix: str = key("", help="Text just before the passage, to make it unique.")
    suffix: str = key("", help="Text just after the passage, to make it unique.")


def _entry_id(value: str) -> str:
    if not ID_PATTERN.match(value) or RESERVED_ID.match(value):
        raise PydanticCustomError("bad-id", "entry id '{value}' is not lowercase letters, digits and hyphens, or "
                                  "is reserved (n1, n2, … name notes)",
                                  {"value": value, "fix": 'ids are stable names like "who-decided"'})
    return value


class Entry(Table):
    """One entry of the apparatus; the passages are the fields named by the sigla."""

    id: Annotated[str, AfterValidator(_entry_id)] = key(
        help="Stable name of the entry, its anchor (app-<id>) in both outputs.",
        form="lowercase letters, digits and hyphens", example="who-decided")
    theme: str = key(help="Heading of the entry in \"Readings compared\".", example="Who decided")
    commentary: str = key(help="Markdown with pandoc citations [@key].", example="The readings differ on …")
    see: tuple[str, ...] = key((), help="\"See also\" links: ids of other entries.", example=["other-entry"],
                               expected="a list of entry ids")

    def passage(self, siglum: str) -> Selector:
        return getattr(self, siglum)


@functools.lru_cache(maxsize=16)
def entry_model(sigla: tuple[str, ...]) -> type[Entry]:
    """The model of an entry of an edition with these sigla: one required passage each."""
    fields: dict[str, Any] = {
        siglum: (Selector, key(help=f"The passage of reading {siglum}.", missing=("missing-passage", f"has no passage of {siglum}"),
                               fix=f'add an [entry.{siglum}] table with exact = "…"'))
        for siglum in sigla}
    return create_model("Entry", __base__=Entry, **fields)


class ApparatusFile(Table):
    """The apparatus file: its entries, each checked on its own (an entry with an error is left out)."""

    entries: tuple[dict[str, Any], ...] = key((), alias="entry", help="The entries, one [[entry]] table each.")
