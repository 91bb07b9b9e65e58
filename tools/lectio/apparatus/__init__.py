"""Stage 5, apparatus: read the apparatus file and anchor its passages.

Entry function: :func:`load_apparatus` (``load``); ``anchoring`` finds each quoted
passage in its reading, ``suggest`` proposes passage pairs.
"""

from lectio.apparatus.load import *  # noqa: F401,F403 (the stage's API)
