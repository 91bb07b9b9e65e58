"""Stage 3, notes: pair each note marker of a text with its note text, and account for
everything read.

Entry functions: :func:`resolve_notes` (findings) and :func:`resolve_text` (findings and the
stage's accounts, a :class:`NotesLedger`); note texts come from the source itself, from
a notes file read by :func:`load_notes_file` (``notesfile``: TOML, or a plain-text
notes list, ``notelist``), or from the reader (pandoc).
"""

from lectio.notes.ledger import NotesLedger  # noqa: F401
from lectio.notes.notesfile import CitationEntry, Emendation, NotesFile, load_notes_file  # noqa: F401
from lectio.notes.resolve import *  # noqa: F401,F403 (the stage's API)
from lectio.notes.resolve import CITATION, MARKER, SUPERSCRIPTS, from_superscript  # noqa: F401
