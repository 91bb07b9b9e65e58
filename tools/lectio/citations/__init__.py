"""Stage 4, citations: the bibliography (``bibtex``, ``entries``, ``latex``) and citeproc
formatting (``stage``).

Entry functions: :func:`load_bibliography`, :func:`check_citations`,
:func:`format_notes`, :func:`bibliography_entries`. ``prose`` makes citations inside
note prose read as prose, ``body`` takes the cue word before a citation in running
text into it, ``unlinked`` finds works named without a citation.
"""

from lectio.citations.stage import *  # noqa: F401,F403 (the stage's API)
