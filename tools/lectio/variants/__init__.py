"""Witnesses and collation: the apparatus criticus of readings that have witnesses.

Entry function: :func:`collate_readings` (``stage``); ``tokens`` splits texts into compared
tokens, ``collate`` aligns witnesses with the base text, ``overrides`` applies the editor's
variants file, ``conspectus`` writes the list of sigla both writers print. See docs/variants.md.
"""

from lectio.variants.stage import collate, collate_readings  # noqa: F401 (the stage's API)
