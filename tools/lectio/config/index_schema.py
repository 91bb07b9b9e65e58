"""The schema of the names list an editor keeps for the index of names (``[index] names``).

One ``[[name]]`` table per person (or place, or body) indexed::

    [[name]]
    name = "Roe, Jane"          # the heading, as the index prints it
    forms = ["Jane Roe", "Roe"] # what is matched in the readings and their notes
    sort = "Roe, Jane"          # optional: the sort key (default: the heading, a leading article ignored)

Each entry knows its ``location`` (the line of its ``[[name]]``), set by ``lectio.index.names``.
"""

from __future__ import annotations

from pydantic import PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from lectio.config.fields import Table, key
from lectio.errors import Location


class NameEntry(Table):
    """One name of the index."""

    _location: Location = PrivateAttr(default=Location(""))

    @property
    def location(self) -> Location:
        return self._location

    name: str = key(help="The heading the index prints (\"Roe, Jane\").", example="Roe, Jane", min_length=1)
    forms: tuple[str, ...] = key((), help="The forms matched in the readings' text and notes, as written there "
                                 "(case counts; whole words only); default: the heading itself.",
                                 example=["Jane Roe", "Roe"])
    sort: str = key("", help="The sort key; default: the heading with a leading article (The, A, An) ignored.",
                    example="Roe, Jane")

    @model_validator(mode="after")
    def _forms_not_blank(self) -> "NameEntry":
        if any(not form.strip() for form in self.forms):
            raise PydanticCustomError("blank-form", "a form of '{name}' is empty",
                                      {"name": self.name, "fix": "remove the empty string from 'forms'"})
        return self


class NamesFile(Table):
    """The names list: ``[[name]]`` tables."""

    names: tuple[NameEntry, ...] = key((), alias="name", help="The names indexed, one [[name]] each.")
