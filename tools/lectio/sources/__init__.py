"""Stage 2, sources: read each source as received into the document model.

Entry function: :func:`read_text` (a file → a :class:`lectio.model.Text` and its
findings), which picks the reader (``read``): ``plain`` is the normalizing reader of
plain texts; ``markdown`` and ``office`` read Markdown, Word and HTML through pandoc
(``pandoc_ast``). See docs/sources.md.
"""

from lectio.sources.plain import *  # noqa: F401,F403 (the stage's API)
from lectio.sources.plain import LACUNA  # noqa: F401
from lectio.sources.read import OFFICE, read_text  # noqa: F401 (over plain's read_text: every reader)
