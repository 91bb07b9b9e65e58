"""Stage 2, sources: read each source as received into the document model.

Entry function: :func:`read_text` (a file → a :class:`lectio.model.Text` and its
findings). ``plain`` is the normalizing reader of plain texts (and, until the pandoc
reader takes them, Markdown sources).
"""

from lectio.sources.plain import *  # noqa: F401,F403 (the stage's API)
from lectio.sources.plain import LACUNA  # noqa: F401
