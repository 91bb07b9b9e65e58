"""Every pandoc call goes through here: sandboxed, time-limited, errors made clear.

``--sandbox`` stops a source or a stylesheet from making pandoc read local files
or fetch URLs; the time limit stops pathological input (deeply nested brackets)
from hanging a build.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from lectio.errors import RenderError, RequirementMissing

DEFAULT_TIMEOUT = 60


def executable() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise RequirementMissing(f"pandoc is not available ({exc})",
                                 fix="pip install pypandoc-binary (it ships pandoc)") from None


def run(args: list[str], input_text: str = "", timeout: float = DEFAULT_TIMEOUT,
        cwd: Path | None = None, what: str = "pandoc") -> str:
    """Run pandoc with ``args`` (``--sandbox`` is always added); return stdout."""
    command = [executable(), "--sandbox", *args]
    try:
        done = subprocess.run(command, input=input_text.encode("utf-8"), capture_output=True,
                              timeout=timeout, cwd=cwd, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"{what}: pandoc took more than {timeout:g} s and was stopped",
                          fix="look for deeply nested brackets in the input, or raise output.pandoc_timeout",
                          code="pandoc.timeout") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{what}: pandoc failed: {message}", code="pandoc.failed")
    return done.stdout.decode("utf-8")
