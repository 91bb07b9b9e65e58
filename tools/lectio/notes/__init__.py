"""Stage 3, notes: pair each note marker of a text with its note text.

Entry function: :func:`resolve_notes`; note texts come from the source itself or from
a notes file read by :func:`load_notes_file` (``notesfile``).
"""

from lectio.notes.notesfile import CitationEntry, Emendation, NotesFile, load_notes_file  # noqa: F401
from lectio.notes.resolve import *  # noqa: F401,F403 (the stage's API)
