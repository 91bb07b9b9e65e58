"""Stage 4, citations: the bibliography (``bibtex``) and citeproc formatting (``stage``).

Entry functions: :func:`load_bibliography`, :func:`check_citations`,
:func:`format_notes`, :func:`bibliography_entries`. ``prose`` makes citations inside
note prose read as prose.
"""

from lectio.citations.stage import *  # noqa: F401,F403 (the stage's API)
