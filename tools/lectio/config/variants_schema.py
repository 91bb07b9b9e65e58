"""The schema of a reading's variants file: the editor's corrections of the collation.

``[normalize]`` says which differences are orthographic and collation ignores (case,
punctuation, spelling pairs); each ``[[entry]]`` names one entry of the collated apparatus
by its lemma (and paragraph, when the lemma recurs) and merges it with the next, drops it,
chooses another witness's reading as its lemma, or adds a note. See docs/variants.md.
"""

from __future__ import annotations

from lectio.config.fields import Table, key


class Normalize(Table):
    """What collation leaves out of the comparison (orthographic variants)."""

    case: bool = key(False, help="Fold case: \"Liberty\" and \"liberty\" read alike.")
    punctuation: bool = key(False, help="Leave punctuation marks out of the comparison (they are still printed "
                            "inside a lemma or a reading).")
    marks: tuple[str, ...] = key((), help="Punctuation marks left out of the comparison, when not all of them "
                                 "are (punctuation = true).", example=["–", "-"], expected="a list of marks")
    spelling: tuple[tuple[str, ...], ...] = key(
        (), help="Groups of spellings that read alike: every form of a group counts as its first.",
        example=[["battle-field", "battlefield"]], expected="a list of lists of words")


class Entry(Table):
    """The editor's correction of one entry of the collated apparatus."""

    lemma: str = key(help="The entry's lemma as collated: the base text's words at the place, as the apparatus "
                     "criticus prints them.", example="upon")
    paragraph: int = key(0, help="The paragraph number of the lemma, needed when the lemma is that of more than "
                         "one entry.", form="a paragraph number", example=2, ge=0)
    merge: bool = key(False, help="Merge the entry with the next entry of its paragraph: one place of variation "
                      "from this lemma to the next one's.")
    drop: bool = key(False, help="Leave the entry out of the apparatus (an orthographic variant, a slip).")
    base: str = key("", help="The siglum of the witness whose reading is the lemma here (the editor's preferred "
                    "reading); the source's own reading is then listed as a variant. The text printed stays "
                    "the source's.", example="H")
    note: str = key("", help="The editor's comment on the entry, printed after its readings.",
                    example="Added in pencil.")


class VariantsFile(Table):
    """The variants file of a reading."""

    normalize: Normalize = key(Normalize(), help="What collation ignores.")
    entries: tuple[Entry, ...] = key((), alias="entry", help="The corrections, one [[entry]] table each, applied "
                                     "in the order written.")
