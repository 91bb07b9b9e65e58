"""lectio: critical editions from plain texts to a print-ready PDF and an EPUB 3.

The pipeline runs in one direction, one module per stage:
config → sources → notes → citations → apparatus → assemble → render → verify.
"""

__version__ = "0.1.0"
