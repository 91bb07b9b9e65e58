"""The schema of a reading's notes file: ``[[note]]``, ``[[citation]]`` and ``[[emendation]]``.

Each entry knows its ``location``, the line of its ``[[…]]`` header, set by the loader
(``lectio.notes.notesfile``) from the file's positions; it is not a key of the file.
"""

from __future__ import annotations

from pydantic import PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from lectio.config.fields import NumberOrText, Table, key
from lectio.errors import Location


class Entry(Table):
    _location: Location = PrivateAttr(default=Location(""))

    @property
    def location(self) -> Location:
        return self._location


class NoteEntry(Entry):
    """The text of one note marker occurrence."""

    marker: NumberOrText = key(help="The marker's number (or label) as printed in the source.", example=12,
                               expected="a number or a string")
    text: str = key("", help="The note, in Markdown with pandoc citations (@key); may be left out when a "
                    "'decision' says why the marker has no text, or why a text has no marker.",
                    example="[@author2020, 12]")
    occurrence: int = key(1, help="Which occurrence of that marker.", form="a whole number, at least 1",
                          example=2, ge=1)
    renumber: int = key(0, help="The editor's number for a misnumbered marker, checked against reading order.",
                        form="a whole number, at least 0", example=13, ge=0)
    reconstructed: bool = key(False, help="The note is the editor's: printed in [square brackets].")
    decision: str = key("", help="Why; listed in the Note on the text.")

    @model_validator(mode="after")
    def _text_or_decision(self) -> "NoteEntry":
        if not self.text and not self.decision:
            raise PydanticCustomError("needs-one-of", "a [[note]] needs a 'text', or a 'decision' that says why "
                                      "there is none", {"fix": 'write text = "the note" (or decision = "why the '
                                                               'marker has no text, or the text no marker")'})
        return self


class CitationEntry(Entry):
    """A citation the editor restores where the source lost one."""

    text: str = key(help="The citation, in Markdown (@key).", example="Probably @author2020.")
    after: str = key("", help="The text just before the place.")
    before: str = key("", help="The text just after the place.")
    occurrence: int = key(1, help="Which occurrence of that text.", form="a whole number, at least 1",
                          example=1, ge=1)
    reconstructed: bool = key(True, help="The citation is the editor's.")
    decision: str = key("", help="Why; listed in the Note on the text.")

    @model_validator(mode="after")
    def _one_place(self) -> "CitationEntry":
        if bool(self.after) == bool(self.before):
            raise PydanticCustomError("needs-one-of", "a [[citation]] needs exactly one of 'after' or 'before'",
                                      {"fix": 'write after = "the text just before the place" '
                                              '(or before = "the text just after it")'})
        return self


SIGNS = ("supplied", "deleted", "corrupt")  # the editorial signs an emendation may print (docs/signs.md)


class Emendation(Entry):
    """A change to the text, applied after normalization; with a ``sign``, printed with its editorial
    sign: ``supplied`` <text the editor adds>, ``deleted`` [text of the source the editor rejects],
    ``corrupt`` †text the editor cannot mend†."""

    exact: str = key(help="The text to change, quoted from the normalized text.", example="the the text")
    replace: str | None = key(None, help="What replaces it. With sign = \"supplied\": 'exact' with the editor's "
                       "addition in it; with \"deleted\": 'exact' without the words rejected (they stay "
                       "printed, in [square brackets]); left out with \"corrupt\".", example="the text")
    reason: str = key(help="Why; listed in the Note on the text.", example="a word printed twice")
    sign: str = key("", help="The editorial sign printed around the change: \"supplied\" < >, "
                    "\"deleted\" [ ] or \"corrupt\" † † (the whole of 'exact'); \"\" for a silent "
                    "correction.", form="one of \"\", \"supplied\", \"deleted\", \"corrupt\"",
                    example="supplied", pattern=r"^(supplied|deleted|corrupt)?$")

    @model_validator(mode="after")
    def _replace_or_corrupt(self) -> "Emendation":
        if self.sign == "corrupt" and self.replace not in (None, self.exact):
            raise PydanticCustomError("sign-replace", "a corrupt passage is printed as received: leave "
                                      "'replace' out", {"fix": "remove the 'replace' line of this [[emendation]]"})
        if self.sign != "corrupt" and self.replace is None:
            raise PydanticCustomError("needs-one-of", "an [[emendation]] needs a 'replace' (or sign = "
                                      "\"corrupt\")", {"fix": 'write replace = "the corrected text"'})
        return self


class NotesFile(Table):
    """A reading's notes file. When the reading's notes are a plain-text list
    (``lectio.notes.notelist``), ``texts`` holds the list's note texts and ``findings``
    what is wrong with it; the TOML file beside the list gives the tables."""

    _texts: tuple = PrivateAttr(default=())
    _findings: tuple = PrivateAttr(default=())

    @property
    def texts(self) -> tuple:
        return self._texts

    @property
    def findings(self) -> tuple:
        return self._findings

    notes: tuple[NoteEntry, ...] = key((), alias="note", help="The note texts, one [[note]] each.")
    citations: tuple[CitationEntry, ...] = key((), alias="citation",
                                               help="Restored citations, one [[citation]] each.")
    emendations: tuple[Emendation, ...] = key((), alias="emendation", help="Emendations, one [[emendation]] each.")
